import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);

  await sql`
    CREATE TABLE orgs (
      id uuid PRIMARY KEY,
      no bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      parent_id uuid REFERENCES orgs(id),
      path text NOT NULL UNIQUE,
      depth smallint NOT NULL,
      kind text NOT NULL CHECK (kind IN ('province','city','county','street','community','park','joint','industry','enterprise','branch','group')),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      region_code text,
      uscc text,
      address text,
      industry_line text CHECK (industry_line IN ('express','delivery','ridehailing','freight')),
      industry_org_id uuid REFERENCES orgs(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX orgs_path_prefix ON orgs (path text_pattern_ops)`.execute(db);
  await sql`CREATE INDEX orgs_children ON orgs (parent_id, name, id)`.execute(db);
  await sql`CREATE INDEX orgs_name_trgm ON orgs USING gin (name gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX orgs_industry ON orgs (industry_org_id) WHERE industry_org_id IS NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX orgs_uscc ON orgs (uscc) WHERE uscc IS NOT NULL`.execute(db);

  // Subtree counters, maintained in the same transaction as the change (see orgs/counters.ts).
  await sql`
    CREATE TABLE org_counters (
      org_id uuid PRIMARY KEY REFERENCES orgs(id),
      members_direct integer NOT NULL DEFAULT 0,
      members_total integer NOT NULL DEFAULT 0,
      orgs_total integer NOT NULL DEFAULT 1,
      children integer NOT NULL DEFAULT 0
    )`.execute(db);

  await sql`
    CREATE TABLE users (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      phone_enc text NOT NULL,
      phone_hash text NOT NULL UNIQUE,
      phone_masked text NOT NULL,
      password_hash text,
      is_super_admin boolean NOT NULL DEFAULT false,
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX users_name_prefix ON users (name text_pattern_ops)`.execute(db);

  await sql`
    CREATE TABLE members (
      id uuid PRIMARY KEY,
      user_id uuid REFERENCES users(id),
      org_id uuid NOT NULL REFERENCES orgs(id),
      org_path text NOT NULL,
      name text NOT NULL,
      id_no_enc text NOT NULL,
      id_no_hash text NOT NULL,
      id_no_masked text NOT NULL,
      phone_enc text,
      phone_hash text,
      phone_masked text,
      gender char(1) NOT NULL CHECK (gender IN ('M','F')),
      birth_date date NOT NULL,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','transferred','retired','left','deceased')),
      joined_at date NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX members_org_path ON members (org_path text_pattern_ops)`.execute(db);
  await sql`CREATE INDEX members_org ON members (org_id, id)`.execute(db);
  await sql`CREATE INDEX members_id_no ON members (id_no_hash)`.execute(db);
  await sql`CREATE UNIQUE INDEX members_one_active_per_person ON members (id_no_hash) WHERE status = 'active'`.execute(db);
  await sql`CREATE INDEX members_phone ON members (phone_hash) WHERE phone_hash IS NOT NULL`.execute(db);
  await sql`CREATE INDEX members_user ON members (user_id) WHERE user_id IS NOT NULL`.execute(db);

  await sql`
    CREATE TABLE role_assignments (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      org_id uuid NOT NULL REFERENCES orgs(id),
      org_path text NOT NULL,
      role text NOT NULL CHECK (role IN ('chair','vice_chair','admin','cadre','auditor')),
      granted_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (user_id, org_id, role)
    )`.execute(db);
  await sql`CREATE INDEX role_assignments_path ON role_assignments (org_path text_pattern_ops)`.execute(db);

  await sql`
    CREATE TABLE sessions (
      id text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      ip text,
      user_agent text
    )`.execute(db);
  await sql`CREATE INDEX sessions_user ON sessions (user_id)`.execute(db);

  await sql`
    CREATE TABLE sms_codes (
      id uuid PRIMARY KEY,
      phone_hash text NOT NULL,
      code_hash text NOT NULL,
      purpose text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      attempts integer NOT NULL DEFAULT 0
    )`.execute(db);
  await sql`CREATE INDEX sms_codes_phone ON sms_codes (phone_hash, created_at DESC)`.execute(db);

  await sql`
    CREATE TABLE sms_outbox (
      id uuid PRIMARY KEY,
      phone_enc text NOT NULL,
      phone_hash text NOT NULL,
      phone_masked text NOT NULL,
      template text NOT NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX sms_outbox_phone ON sms_outbox (phone_hash, id DESC)`.execute(db);

  await sql`
    CREATE TABLE rate_limits (
      key text NOT NULL,
      window_start timestamptz NOT NULL,
      hits integer NOT NULL,
      PRIMARY KEY (key, window_start)
    )`.execute(db);

  // Append-only, hash-chained. seq is assigned under an advisory lock so the chain has no forks.
  await sql`
    CREATE TABLE audit_log (
      seq bigint PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_id uuid,
      org_id uuid,
      org_path text,
      action text NOT NULL,
      target_type text,
      target_id text,
      ip text,
      details jsonb,
      prev_hash text NOT NULL,
      hash text NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX audit_scope ON audit_log (org_path text_pattern_ops, seq)`.execute(db);
  await sql`CREATE INDEX audit_actor ON audit_log (actor_id, seq)`.execute(db);
  await sql`CREATE INDEX audit_action ON audit_log (action, seq)`.execute(db);
  await sql`CREATE INDEX audit_at ON audit_log (at)`.execute(db);
  // Append-only at the database level too: updates and deletes are refused.
  await sql`
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);

  await sql`
    CREATE TABLE jobs (
      id uuid PRIMARY KEY,
      queue text NOT NULL,
      payload jsonb NOT NULL,
      run_at timestamptz NOT NULL DEFAULT now(),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','running','done','failed')),
      attempts integer NOT NULL DEFAULT 0,
      max_attempts integer NOT NULL DEFAULT 5,
      locked_by text,
      locked_until timestamptz,
      last_error text,
      dedupe_key text UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX jobs_due ON jobs (run_at) WHERE status = 'pending'`.execute(db);
  await sql`CREATE INDEX jobs_stuck ON jobs (locked_until) WHERE status = 'running'`.execute(db);

  await sql`
    CREATE TABLE app_settings (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}
