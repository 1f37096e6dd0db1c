import { sql, type Kysely } from 'kysely';

/**
 * Roster import (名册导入): one record per uploaded file with its progress and counts, and the
 * rows that were not imported (errors and conflicts) for the downloadable error report.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE roster_imports (
      id uuid PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES orgs(id),
      org_path text NOT NULL,
      file_name text NOT NULL,
      file_key text,
      file_type text NOT NULL CHECK (file_type IN ('xlsx','csv')),
      file_size bigint NOT NULL,
      file_hash text NOT NULL,
      encoding text,
      headers jsonb,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','done','failed')),
      total_rows integer,
      processed_rows integer NOT NULL DEFAULT 0,
      imported integer NOT NULL DEFAULT 0,
      unchanged integer NOT NULL DEFAULT 0,
      conflicts integer NOT NULL DEFAULT 0,
      errors integer NOT NULL DEFAULT 0,
      failure text,
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX roster_imports_scope ON roster_imports (org_path text_pattern_ops, id)`.execute(db);
  // the same file into the same org is imported once; a failed import may be uploaded again
  await sql`CREATE UNIQUE INDEX roster_imports_same_file ON roster_imports (org_id, file_hash) WHERE status IN ('queued','running','done')`.execute(db);

  // Rows left out of an import. The original cells carry 身份证号 and phone: encrypted like any PII.
  await sql`
    CREATE TABLE roster_import_issues (
      import_id uuid NOT NULL REFERENCES roster_imports(id) ON DELETE CASCADE,
      row_no integer NOT NULL,
      kind text NOT NULL CHECK (kind IN ('error','conflict')),
      reasons text[] NOT NULL,
      bad_cols smallint[] NOT NULL DEFAULT '{}',
      cells_enc text NOT NULL,
      other_org_id uuid REFERENCES orgs(id),
      PRIMARY KEY (import_id, row_no)
    )`.execute(db);
}
