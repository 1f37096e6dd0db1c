import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database, Db } from '../../db/connect';
import type { DB } from '../../db/schema';
import { inScope } from '../../platform/access/scope';
import { STAGE_COLUMNS, type StageArrays } from './processor';

// ---- the import's own connection ---------------------------------------------------------------

/**
 * One connection for the whole import run. On PostgreSQL a pool client, with a Kysely bound to it
 * so the batch transaction and the COPY into the staging table share the session; on PGlite the
 * database itself (it has one connection, and no COPY FROM STDIN through the driver).
 */
export type ImportSession = {
  db: Db;
  /** COPY the payload into roster_stage (PostgreSQL only) */
  copy: ((payload: Uint8Array) => Promise<void>) | null;
  release(): Promise<void>;
};

export async function openImportSession(database: Database): Promise<ImportSession> {
  if (!database.pool) {
    await ensureStage(database.db);
    return { db: database.db, copy: null, release: async () => {} };
  }
  const client = await database.pool.connect();
  const bound = { query: client.query.bind(client), release: () => {} };
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: { connect: async () => bound, end: async () => {} } as never }) });
  const columns = STAGE_COLUMNS.map(([c]) => c).join(', ');
  try {
    await ensureStage(db);
  } catch (err) {
    client.release();
    throw err;
  }
  return {
    db,
    copy: async (payload) => {
      if (payload.length === 0) return;
      await pipeline(Readable.from([payload]), client.query(copyFrom(`COPY roster_stage (${columns}) FROM STDIN`)));
    },
    release: async () => {
      await db.destroy();
      client.release();
    },
  };
}

/** The session's staging table (created outside any transaction): emptied at every commit. */
async function ensureStage(trx: Db): Promise<void> {
  const cols = STAGE_COLUMNS.map(([c, t]) => `${c} ${t}`).join(', ');
  await sql.raw(`CREATE TEMP TABLE IF NOT EXISTS roster_stage (${cols}) ON COMMIT DELETE ROWS`).execute(trx);
}

export async function stageArrays(trx: Db, arrays: StageArrays): Promise<void> {
  if (arrays[0]!.length === 0) return;
  const params = STAGE_COLUMNS.map(([, t], i) => sql`${arrays[i]}::${sql.raw(t)}[]`);
  await sql`INSERT INTO roster_stage SELECT * FROM unnest(${sql.join(params)})`.execute(trx);
}

export type StageOutcome = {
  /** members created, by 入会日期 (for the daily counters) */
  days: Array<{ day: string; n: number }>;
  /** staged rows not created, with the org where that person is active now (null: nowhere) */
  existing: Array<{ row_no: number; org_id: string | null }>;
};

/**
 * Set-based import of the staged rows into `org`:
 * - a person without an active membership anywhere gets a new active record (also when older
 *   left/retired/transferred records exist elsewhere: they stay as history) and an 'imported' event,
 *   linked to the member-app account with the same phone (as a cadre's registration is);
 * - a person already active anywhere is left alone (ON CONFLICT on the one-active-per-person index,
 *   which also settles a race with a concurrent join) and reported with the org where they are.
 * The second query runs only when some rows were not created (a first import creates all).
 */
export async function applyStage(trx: Db, o: { orgId: string; orgPath: string; actorId: string; note: string }, staged: number): Promise<StageOutcome> {
  const created = await sql<{ day: string; n: number }>`
    WITH ins AS (
      INSERT INTO members (id, user_id, org_id, org_path, name, id_no_enc, id_no_hash, id_no_masked, phone_enc, phone_hash, phone_masked,
                           gender, birth_date, status, joined_at, ethnicity, education, political_status, employer, occupation,
                           industry, employment_form, address_enc, verified, source)
      SELECT s.member_id, u.id, ${o.orgId}, ${o.orgPath}, s.name, s.id_no_enc, s.id_no_hash, s.id_no_masked, s.phone_enc, s.phone_hash, s.phone_masked,
             s.gender, s.birth_date, 'active', s.joined_at, s.ethnicity, s.education, s.political_status, s.employer, s.occupation,
             s.industry, s.employment_form, s.address_enc, true, 'import'
        FROM roster_stage s
        LEFT JOIN users u ON u.phone_hash = s.phone_hash
      ON CONFLICT (id_no_hash) WHERE status = 'active' DO NOTHING
      RETURNING id, joined_at
    ), ev AS (
      INSERT INTO member_events (id, member_id, id_no_hash, org_id, org_path, kind, from_status, to_status, note, actor_id)
      SELECT s.event_id, s.member_id, s.id_no_hash, ${o.orgId}, ${o.orgPath}, 'imported', NULL, 'active', ${o.note}, ${o.actorId}
        FROM roster_stage s JOIN ins ON ins.id = s.member_id
    )
    SELECT to_char(joined_at, 'YYYY-MM-DD') AS day, count(*)::int AS n FROM ins GROUP BY joined_at`.execute(trx);
  const days = created.rows;
  const n = days.reduce((a, d) => a + d.n, 0);
  if (n === staged) return { days, existing: [] };
  // a new statement sees the rows just created and anything committed meanwhile
  const existing = await sql<{ row_no: number; org_id: string | null }>`
    SELECT s.row_no, m.org_id
      FROM roster_stage s
      LEFT JOIN members m ON m.id_no_hash = s.id_no_hash AND m.status = 'active'
     WHERE NOT EXISTS (SELECT 1 FROM members x WHERE x.id = s.member_id)`.execute(trx);
  return { days, existing: existing.rows };
}

export type IssueRow = { rowNo: number; kind: 'error' | 'conflict'; reasons: string[]; badCols: number[]; cellsEnc: string; otherOrgId: string | null };

export async function insertIssues(trx: Db, importId: string, issues: IssueRow[]): Promise<void> {
  for (let i = 0; i < issues.length; i += 5000) {
    const part = issues.slice(i, i + 5000);
    // text[][] must be rectangular: reasons and columns travel as JSON and are unpacked in SQL
    await sql`
      INSERT INTO roster_import_issues (import_id, row_no, kind, reasons, bad_cols, cells_enc, other_org_id)
      SELECT ${importId}, u.row_no, u.kind,
             ARRAY(SELECT jsonb_array_elements_text(u.reasons)), ARRAY(SELECT jsonb_array_elements_text(u.bad_cols)::smallint),
             u.cells_enc, u.other_org_id
        FROM unnest(${part.map((x) => x.rowNo)}::int[], ${part.map((x) => x.kind)}::text[], ${part.map((x) => JSON.stringify(x.reasons))}::jsonb[],
                    ${part.map((x) => JSON.stringify(x.badCols))}::jsonb[], ${part.map((x) => x.cellsEnc)}::text[], ${part.map((x) => x.otherOrgId)}::uuid[])
             AS u(row_no, kind, reasons, bad_cols, cells_enc, other_org_id)
      ON CONFLICT (import_id, row_no) DO NOTHING`.execute(trx);
  }
}

export type Counts = { imported: number; unchanged: number; conflicts: number; errors: number };

/** Progress of one chunk; chunks may commit out of order (two connections), so totals only grow. */
export async function addProgress(trx: Db, id: string, p: Counts & { processedRows: number; totalRows: number | null }): Promise<void> {
  await sql`
    UPDATE roster_imports
       SET processed_rows = GREATEST(processed_rows, ${p.processedRows}), total_rows = GREATEST(total_rows, ${p.totalRows}),
           imported = imported + ${p.imported}, unchanged = unchanged + ${p.unchanged},
           conflicts = conflicts + ${p.conflicts}, errors = errors + ${p.errors}, updated_at = now()
     WHERE id = ${id}`.execute(trx);
}

/**
 * Daily joins (org_daily) of imported members, on their 入会日期, for the org and every ancestor.
 * An import spreads over thousands of days: applied once at the end of the run, not per chunk.
 */
export async function addDailyJoins(trx: Db, orgPath: string, days: Map<string, number>): Promise<void> {
  if (days.size === 0) return;
  const nos = orgPath.split('/').filter(Boolean).map(Number);
  const rows: Array<{ no: number; day: string; n: number }> = [];
  for (const no of nos) for (const [day, n] of days) if (n) rows.push({ no, day, n });
  // in (org no, day) order, like every other org_daily writer: concurrent upserts cannot deadlock
  rows.sort((a, b) => a.no - b.no || (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  for (let i = 0; i < rows.length; i += 20_000) {
    const part = rows.slice(i, i + 20_000);
    await sql`
      INSERT INTO org_daily (org_id, day, joined, left_count)
      SELECT o.id, d.day, d.n, 0
        FROM unnest(${part.map((r) => r.no)}::bigint[], ${part.map((r) => r.day)}::date[], ${part.map((r) => r.n)}::int[]) AS d(no, day, n)
        JOIN orgs o ON o.no = d.no
       ORDER BY d.no, d.day
      ON CONFLICT (org_id, day) DO UPDATE SET joined = org_daily.joined + EXCLUDED.joined`.execute(trx);
  }
}

/** What an earlier, interrupted run of this import created: members by 入会日期 (found by their history note). */
export async function importedDays(db: Db, orgId: string, note: string): Promise<Map<string, number>> {
  const res = await sql<{ day: string; n: number }>`
    SELECT to_char(m.joined_at, 'YYYY-MM-DD') AS day, count(*)::int AS n
      FROM member_events e JOIN members m ON m.id = e.member_id
     WHERE e.org_id = ${orgId} AND e.kind = 'imported' AND e.note = ${note}
     GROUP BY m.joined_at`.execute(db);
  return new Map(res.rows.map((r) => [r.day, r.n]));
}

/** Keep the job's lock while a long import runs, so no other worker takes it over. */
export async function extendJobLock(trx: Db, jobId: string, seconds: number): Promise<void> {
  await sql`UPDATE jobs SET locked_until = now() + make_interval(secs => ${seconds}) WHERE id = ${jobId} AND status = 'running'`.execute(trx);
}

// ---- import records --------------------------------------------------------------------------------

const importColumns = [
  'i.id', 'i.org_id', 'i.org_path', 'o.name as org_name', 'i.file_name', 'i.file_key', 'i.file_type', 'i.file_size', 'i.file_hash', 'i.encoding',
  'i.headers', 'i.status', 'i.total_rows', 'i.processed_rows', 'i.imported', 'i.unchanged', 'i.conflicts', 'i.errors', 'i.failure',
  'i.created_by', 'u.name as created_by_name', 'i.created_at', 'i.started_at', 'i.finished_at',
] as const;

function importQuery(db: Db) {
  return db.selectFrom('roster_imports as i').innerJoin('orgs as o', 'o.id', 'i.org_id').leftJoin('users as u', 'u.id', 'i.created_by').select(importColumns);
}

export type ImportRow = NonNullable<Awaited<ReturnType<typeof findImport>>>;

export async function findImport(db: Db, id: string) {
  return importQuery(db).where('i.id', '=', id).executeTakeFirst();
}

export async function findSameFile(db: Db, orgId: string, fileHash: string) {
  return importQuery(db)
    .where('i.org_id', '=', orgId)
    .where('i.file_hash', '=', fileHash)
    .where('i.status', 'in', ['queued', 'running', 'done'])
    .executeTakeFirst();
}

/** Newest first, keyset on id (uuidv7 = creation order). */
export async function listImports(db: Db, prefixes: string[] | null, before: string | null, limit: number) {
  let q = importQuery(db).where(inScope('i.org_path', prefixes));
  if (before) q = q.where('i.id', '<', before);
  return q.orderBy('i.id', 'desc').limit(limit + 1).execute();
}

export async function listIssues(db: Db, importId: string, kind: 'error' | 'conflict', afterRow: number, limit: number) {
  return db
    .selectFrom('roster_import_issues as x')
    .leftJoin('orgs as o', 'o.id', 'x.other_org_id')
    .select(['x.row_no', 'x.reasons', 'x.bad_cols', 'x.cells_enc', 'x.other_org_id', 'o.name as other_org_name', 'o.path as other_org_path'])
    .where('x.import_id', '=', importId)
    .where('x.kind', '=', kind)
    .where('x.row_no', '>', afterRow)
    .orderBy('x.row_no')
    .limit(limit)
    .execute();
}
