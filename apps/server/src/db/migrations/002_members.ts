import { sql, type Kysely } from 'kysely';

/**
 * Members and organisations (issue 3): real-name fields, membership history, join links,
 * applications (join / transfer / founding) with SLA, working-day calendar, in-app messages,
 * enterprise register and coverage counters.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Real-name record (DOMAIN §4.1). Address is PII: encrypted like 身份证号 and phone.
  // 会员卡号: every record gets one from a sequence (also rows written by bulk COPY).
  await sql`CREATE SEQUENCE member_card_seq`.execute(db);
  await sql`
    ALTER TABLE members
      ADD COLUMN ethnicity text,
      ADD COLUMN education text,
      ADD COLUMN political_status text,
      ADD COLUMN employer text,
      ADD COLUMN occupation text,
      ADD COLUMN industry text,
      ADD COLUMN employment_form text,
      ADD COLUMN address_enc text,
      ADD COLUMN card_no text NOT NULL DEFAULT ('C' || lpad(nextval('member_card_seq')::text, 11, '0')),
      ADD COLUMN verified boolean NOT NULL DEFAULT false,
      ADD COLUMN source text NOT NULL DEFAULT 'admin' CHECK (source IN ('join','import','admin','transfer','demo','founding')),
      ADD COLUMN ended_at date`.execute(db);
  await sql`CREATE UNIQUE INDEX members_card_no ON members (card_no)`.execute(db);
  await sql`CREATE INDEX members_name_prefix ON members (name text_pattern_ops, id)`.execute(db);
  await sql`CREATE INDEX members_path_id ON members (org_path text_pattern_ops, id)`.execute(db);

  // Full membership history (会籍档案): one row per event, never updated.
  await sql`
    CREATE TABLE member_events (
      id uuid PRIMARY KEY,
      member_id uuid NOT NULL REFERENCES members(id),
      id_no_hash text NOT NULL,
      org_id uuid NOT NULL REFERENCES orgs(id),
      org_path text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('joined','imported','transfer_out','transfer_in','status_changed','updated','founded')),
      from_status text,
      to_status text,
      other_org_id uuid REFERENCES orgs(id),
      note text,
      actor_id uuid,
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX member_events_member ON member_events (member_id, at)`.execute(db);
  await sql`CREATE INDEX member_events_person ON member_events (id_no_hash, at)`.execute(db);

  // Org profile additions: headcount for 入会率, committees from the founding congress.
  await sql`
    ALTER TABLE orgs
      ADD COLUMN employees integer NOT NULL DEFAULT 0 CHECK (employees >= 0),
      ADD COLUMN founded_on date,
      ADD COLUMN committees jsonb`.execute(db);
  await sql`
    ALTER TABLE org_counters
      ADD COLUMN verified_total integer NOT NULL DEFAULT 0,
      ADD COLUMN employees_total integer NOT NULL DEFAULT 0,
      ADD COLUMN ent_required_total integer NOT NULL DEFAULT 0,
      ADD COLUMN ent_unionised_total integer NOT NULL DEFAULT 0`.execute(db);

  // Daily joins/leaves per node and every ancestor: new-member counts and the trend chart are
  // a few primary-key rows, never a scan of members.
  await sql`
    CREATE TABLE org_daily (
      org_id uuid NOT NULL REFERENCES orgs(id),
      day date NOT NULL,
      joined integer NOT NULL DEFAULT 0,
      left_count integer NOT NULL DEFAULT 0,
      PRIMARY KEY (org_id, day)
    )`.execute(db);

  // 一码入会: a revocable, regenerable link per org.
  await sql`
    CREATE TABLE join_links (
      id uuid PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES orgs(id),
      token text NOT NULL UNIQUE,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX join_links_org ON join_links (org_id) WHERE revoked_at IS NULL`.execute(db);

  // One approvals inbox for join, transfer and founding. org_* is where it waits now (the
  // reviewing org; a transfer moves from the old org to the new one); due_at is the SLA deadline.
  await sql`
    CREATE TABLE applications (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('join','transfer','founding')),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected','returned','withdrawn')),
      stage text NOT NULL DEFAULT 'review' CHECK (stage IN ('review','release','accept','congress','done')),
      org_id uuid NOT NULL REFERENCES orgs(id),
      org_path text NOT NULL,
      target_org_id uuid NOT NULL REFERENCES orgs(id),
      source_org_id uuid REFERENCES orgs(id),
      applicant_user_id uuid REFERENCES users(id),
      member_id uuid REFERENCES members(id),
      name text NOT NULL,
      id_no_enc text,
      id_no_hash text,
      id_no_masked text,
      phone_enc text,
      phone_masked text,
      address_enc text,
      data jsonb NOT NULL DEFAULT '{}',
      due_at timestamptz,
      reminded_at timestamptz,
      escalated_at timestamptz,
      escalated_org_id uuid REFERENCES orgs(id),
      escalated_path text,
      result_org_id uuid REFERENCES orgs(id),
      decided_at timestamptz,
      decided_by uuid REFERENCES users(id),
      reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX applications_inbox ON applications (org_path text_pattern_ops, due_at) WHERE status = 'pending'`.execute(db);
  await sql`CREATE INDEX applications_escalated ON applications (escalated_path text_pattern_ops) WHERE status = 'pending' AND escalated_path IS NOT NULL`.execute(db);
  await sql`CREATE INDEX applications_scope ON applications (org_path text_pattern_ops, created_at)`.execute(db);
  await sql`CREATE INDEX applications_applicant ON applications (applicant_user_id, created_at)`.execute(db);
  await sql`CREATE INDEX applications_due ON applications (due_at) WHERE status = 'pending'`.execute(db);
  await sql`CREATE UNIQUE INDEX applications_one_pending_join ON applications (id_no_hash) WHERE kind = 'join' AND status = 'pending'`.execute(db);
  await sql`CREATE UNIQUE INDEX applications_one_pending_transfer ON applications (member_id) WHERE kind = 'transfer' AND status = 'pending'`.execute(db);
  await sql`
    CREATE TABLE application_events (
      id uuid PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES applications(id),
      kind text NOT NULL,
      actor_id uuid,
      org_id uuid REFERENCES orgs(id),
      note text,
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX application_events_app ON application_events (application_id, at)`.execute(db);

  // Working-day calendar: weekdays are workdays unless listed; listed days override
  // (statutory holidays is_workday=false, make-up Saturdays is_workday=true).
  await sql`
    CREATE TABLE calendar_days (
      day date PRIMARY KEY,
      is_workday boolean NOT NULL,
      note text
    )`.execute(db);

  // In-app messages (站内信).
  await sql`
    CREATE TABLE notifications (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      kind text NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      link text,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX notifications_user ON notifications (user_id, created_at DESC)`.execute(db);

  // Enterprise register (非公企业数据库) per area; drives 建会率.
  await sql`
    CREATE TABLE enterprises (
      id uuid PRIMARY KEY,
      area_org_id uuid NOT NULL REFERENCES orgs(id),
      area_path text NOT NULL,
      name text NOT NULL,
      uscc text NOT NULL UNIQUE,
      headcount integer NOT NULL CHECK (headcount >= 0),
      must_unionise boolean NOT NULL,
      union_org_id uuid REFERENCES orgs(id),
      industry text,
      address text,
      contact_name text,
      contact_phone_enc text,
      contact_phone_masked text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX enterprises_area ON enterprises (area_path text_pattern_ops, name, id)`.execute(db);
  await sql`CREATE UNIQUE INDEX enterprises_union ON enterprises (union_org_id) WHERE union_org_id IS NOT NULL`.execute(db);
}
