import { sql, type Kysely } from 'kysely';

/**
 * Cases (issue 4): one work-order engine for 诉求, 法律咨询/援助, 心理咨询, 工伤探视, 劳动争议调解,
 * 欠薪求助 and 建议. Timers are not separate rows: every SLA timer is derived from the case's state
 * and the earliest one is kept in `next_timer_at` (partial index), so the sweep is an index range
 * scan and a restart loses nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // two new posts: 12351 hotline operators and partners (律师、社工、心理咨询师) who work assigned cases
  await sql`ALTER TABLE role_assignments DROP CONSTRAINT role_assignments_role_check`.execute(db);
  await sql`ALTER TABLE role_assignments ADD CONSTRAINT role_assignments_role_check
              CHECK (role IN ('chair','vice_chair','admin','cadre','auditor','operator','partner'))`.execute(db);

  // Per-type settings (SLA in working days, 回头看 sample share). Types themselves are code-defined.
  await sql`
    CREATE TABLE case_type_settings (
      type text PRIMARY KEY,
      enabled boolean NOT NULL DEFAULT true,
      accept_workdays integer NOT NULL DEFAULT 1 CHECK (accept_workdays BETWEEN 1 AND 30),
      resolve_workdays integer NOT NULL DEFAULT 3 CHECK (resolve_workdays BETWEEN 1 AND 90),
      followup_percent integer NOT NULL DEFAULT 10 CHECK (followup_percent BETWEEN 0 AND 100),
      updated_by uuid,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    INSERT INTO case_type_settings (type) VALUES
      ('appeal'), ('legal_consult'), ('legal_aid'), ('counselling'), ('injury_visit'), ('mediation'), ('wage_arrears'), ('suggestion')`.execute(db);

  await sql`
    CREATE TABLE case_categories (
      id uuid PRIMARY KEY,
      type text NOT NULL REFERENCES case_type_settings(type),
      name text NOT NULL,
      sort integer NOT NULL DEFAULT 0,
      enabled boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (type, name)
    )`.execute(db);

  // default categories (each installation edits them in 工单设置)
  await sql`
    INSERT INTO case_categories (id, type, name, sort)
    SELECT gen_random_uuid(), t, n, o FROM (VALUES
      ('appeal','工资福利',1), ('appeal','劳动安全',2), ('appeal','生活后勤',3), ('appeal','教育培训',4), ('appeal','民主管理',5), ('appeal','交通出行',6), ('appeal','其他',99),
      ('legal_consult','劳动合同',1), ('legal_consult','工资报酬',2), ('legal_consult','社会保险',3), ('legal_consult','工伤',4),
      ('legal_aid','劳动报酬',1), ('legal_aid','工伤赔偿',2), ('legal_aid','解除劳动关系',3),
      ('counselling','情绪压力',1), ('counselling','婚恋家庭',2), ('counselling','职场人际',3),
      ('mediation','工资争议',1), ('mediation','解除合同争议',2), ('mediation','工伤待遇争议',3),
      ('wage_arrears','农民工工资',1), ('wage_arrears','企业经营困难',2),
      ('suggestion','生产经营',1), ('suggestion','安全生产',2), ('suggestion','职工生活',3)
    ) AS v(t, n, o)`.execute(db);

  // Handler groups (法律服务团队, 社工站, 心理服务中心 …) at an org; partners are members of them.
  await sql`
    CREATE TABLE case_teams (
      id uuid PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES orgs(id),
      org_path text NOT NULL,
      name text NOT NULL,
      skill text NOT NULL CHECK (skill IN ('general','legal','counselling','social','mediation')),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (org_id, name)
    )`.execute(db);
  await sql`CREATE INDEX case_teams_org ON case_teams (org_id, skill)`.execute(db);
  await sql`
    CREATE TABLE case_team_members (
      team_id uuid NOT NULL REFERENCES case_teams(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id),
      on_duty boolean NOT NULL DEFAULT true,
      is_leader boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (team_id, user_id)
    )`.execute(db);
  await sql`CREATE INDEX case_team_members_user ON case_team_members (user_id)`.execute(db);

  // Routing rules: for cases from the subtree of org_path, of this type (and category), handle at the
  // ancestor of kind target_kind ('origin' = the member's own org), by its team with team_skill.
  await sql`
    CREATE TABLE case_routing_rules (
      id uuid PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES orgs(id),
      org_path text NOT NULL,
      case_type text NOT NULL REFERENCES case_type_settings(type),
      category_id uuid REFERENCES case_categories(id),
      target_kind text NOT NULL,
      team_skill text CHECK (team_skill IN ('general','legal','counselling','social','mediation')),
      enabled boolean NOT NULL DEFAULT true,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX case_routing_rules_type ON case_routing_rules (case_type, org_path text_pattern_ops)`.execute(db);

  // Public intake QR links: an org's appeal box (anonymous allowed) or a hospital's 工伤探视 entry.
  await sql`
    CREATE TABLE case_intake_links (
      id uuid PRIMARY KEY,
      token text NOT NULL UNIQUE,
      org_id uuid NOT NULL REFERENCES orgs(id),
      purpose text NOT NULL CHECK (purpose IN ('appeal','injury')),
      label text NOT NULL,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX case_intake_links_org ON case_intake_links (org_id)`.execute(db);

  await sql`CREATE SEQUENCE case_no_seq`.execute(db);
  await sql`
    CREATE TABLE cases (
      id uuid PRIMARY KEY,
      case_no text NOT NULL DEFAULT ('GH' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYMMDD') || lpad(nextval('case_no_seq')::text, 8, '0')),
      type text NOT NULL REFERENCES case_type_settings(type),
      category_id uuid REFERENCES case_categories(id),
      title text NOT NULL,
      content text NOT NULL,
      fields jsonb NOT NULL DEFAULT '{}',
      channel text NOT NULL CHECK (channel IN ('app','qr','hotline','proxy','hospital','referral')),
      status text NOT NULL DEFAULT 'submitted'
        CHECK (status IN ('submitted','accepted','assigned','in_progress','resolved','closed','rejected','withdrawn')),
      origin_org_id uuid NOT NULL REFERENCES orgs(id),
      origin_path text NOT NULL,
      org_id uuid NOT NULL REFERENCES orgs(id),
      org_path text NOT NULL,
      team_id uuid REFERENCES case_teams(id),
      assignee_id uuid REFERENCES users(id),
      submitter_user_id uuid REFERENCES users(id),
      member_id uuid REFERENCES members(id),
      filed_by uuid REFERENCES users(id),
      submitter_key text NOT NULL,
      client_key text,
      anonymous boolean NOT NULL DEFAULT false,
      is_public boolean NOT NULL DEFAULT false,
      contact_name_enc text,
      contact_name_masked text,
      contact_phone_enc text,
      contact_phone_masked text,
      accept_due_at timestamptz,
      resolve_due_at timestamptz,
      stage_started_at timestamptz NOT NULL DEFAULT now(),
      remind_at timestamptz,
      reminded_at timestamptz,
      overdue_at timestamptz,
      last_step_at timestamptz NOT NULL DEFAULT now(),
      stale_reminded_at timestamptz,
      supervised_at timestamptz,
      supervised_by uuid REFERENCES users(id),
      supervise_due_at timestamptz,
      supervise_note text,
      supervise_overdue_at timestamptz,
      next_timer_at timestamptz,
      accepted_at timestamptz,
      assigned_at timestamptz,
      resolved_at timestamptz,
      closed_at timestamptz,
      reply text,
      reject_reason text,
      rating smallint CHECK (rating BETWEEN 1 AND 5),
      rating_comment text,
      rated_at timestamptz,
      reopen_count integer NOT NULL DEFAULT 0,
      parent_id uuid REFERENCES cases(id),
      related_case_id uuid REFERENCES cases(id),
      likes integer NOT NULL DEFAULT 0,
      words text[] NOT NULL DEFAULT '{}',
      eligibility jsonb,
      eligible boolean,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX cases_case_no ON cases (case_no)`.execute(db);
  // retries of one submission (same person, same client key) find the first one
  await sql`CREATE UNIQUE INDEX cases_idempotency ON cases (submitter_key, client_key) WHERE client_key IS NOT NULL`.execute(db);
  // handler inbox: my open cases, most urgent first
  await sql`CREATE INDEX cases_assignee_inbox ON cases (assignee_id, resolve_due_at, id) WHERE status IN ('assigned','in_progress')`.execute(db);
  // team / org queues and subtree lists
  await sql`CREATE INDEX cases_team_open ON cases (team_id, created_at) WHERE status IN ('submitted','accepted','assigned','in_progress')`.execute(db);
  await sql`CREATE INDEX cases_org_path ON cases (org_path text_pattern_ops, created_at)`.execute(db);
  await sql`CREATE INDEX cases_origin_path ON cases (origin_path text_pattern_ops, created_at)`.execute(db);
  await sql`CREATE INDEX cases_open_org ON cases (org_path text_pattern_ops, created_at) WHERE status IN ('submitted','accepted')`.execute(db);
  await sql`CREATE INDEX cases_overdue ON cases (org_path text_pattern_ops, overdue_at) WHERE overdue_at IS NOT NULL AND status IN ('submitted','accepted','assigned','in_progress')`.execute(db);
  await sql`CREATE INDEX cases_supervised ON cases (org_path text_pattern_ops, supervise_due_at) WHERE supervised_at IS NOT NULL`.execute(db);
  // the SLA sweep: due timers by index, never a scan
  await sql`CREATE INDEX cases_next_timer ON cases (next_timer_at) WHERE next_timer_at IS NOT NULL`.execute(db);
  await sql`CREATE INDEX cases_submitter ON cases (submitter_user_id, created_at)`.execute(db);
  // analytics over a period at the province level (the origin-path index serves smaller subtrees)
  await sql`CREATE INDEX cases_created ON cases (created_at)`.execute(db);
  await sql`CREATE INDEX cases_resolved ON cases (resolved_at) WHERE resolved_at IS NOT NULL`.execute(db);
  await sql`CREATE INDEX cases_public ON cases (created_at) WHERE is_public AND parent_id IS NULL`.execute(db);
  await sql`CREATE INDEX cases_parent ON cases (parent_id) WHERE parent_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX cases_related ON cases (related_case_id) WHERE related_case_id IS NOT NULL`.execute(db);

  // The public trail (公开痕迹): every step; internal notes are hidden from the submitter.
  await sql`
    CREATE TABLE case_events (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id),
      kind text NOT NULL,
      actor_id uuid,
      actor_label text,
      from_status text,
      to_status text,
      note text,
      internal boolean NOT NULL DEFAULT false,
      data jsonb,
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX case_events_case ON case_events (case_id, at)`.execute(db);

  // Uploads first (owner only), attached to a case when it is submitted or a note is added.
  await sql`
    CREATE TABLE case_attachments (
      id uuid PRIMARY KEY,
      case_id uuid REFERENCES cases(id),
      event_id uuid REFERENCES case_events(id),
      file_key text NOT NULL,
      name text NOT NULL,
      mime text NOT NULL CHECK (mime IN ('image/jpeg','image/png','application/pdf')),
      size integer NOT NULL,
      sha256 text NOT NULL,
      uploaded_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX case_attachments_case ON case_attachments (case_id) WHERE case_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX case_attachments_orphans ON case_attachments (created_at) WHERE case_id IS NULL`.execute(db);

  await sql`
    CREATE TABLE case_likes (
      case_id uuid NOT NULL REFERENCES cases(id),
      user_id uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (case_id, user_id)
    )`.execute(db);

  // 回头看: a sample of closed cases revisited by the handling org.
  await sql`
    CREATE TABLE case_followups (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL UNIQUE REFERENCES cases(id),
      org_id uuid NOT NULL REFERENCES orgs(id),
      org_path text NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','done')),
      due_at timestamptz NOT NULL,
      result text,
      satisfied boolean,
      done_by uuid REFERENCES users(id),
      done_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX case_followups_org ON case_followups (org_path text_pattern_ops, created_at) WHERE status = 'open'`.execute(db);

  // Money paid on a case (工伤探视慰问金), integer fen; the idempotency key makes a retried payment a no-op.
  await sql`
    CREATE TABLE case_payments (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id),
      org_id uuid NOT NULL REFERENCES orgs(id),
      org_path text NOT NULL,
      purpose text NOT NULL CHECK (purpose IN ('condolence')),
      amount_fen bigint NOT NULL CHECK (amount_fen > 0 AND amount_fen <= 10000000),
      method text NOT NULL CHECK (method IN ('bank','card','cash')),
      idem_key text NOT NULL UNIQUE,
      provider_ref text,
      recorded_by uuid NOT NULL REFERENCES users(id),
      note text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX case_payments_once ON case_payments (case_id, purpose)`.execute(db);
  await sql`CREATE INDEX case_payments_org ON case_payments (org_path text_pattern_ops, created_at)`.execute(db);
}
