import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>; // write JSON.stringify(...)

export interface OrgsTable {
  id: string;
  no: Generated<number>; // compact number used in the materialized path
  parent_id: string | null;
  path: string; // '/1/23/456/' — ancestors' numbers then own, each followed by '/'
  depth: number;
  kind: string;
  name: string;
  region_code: string | null;
  uscc: string | null; // 统一社会信用代码
  address: string | null;
  industry_line: string | null; // for kind=industry: express | delivery | ridehailing | freight
  industry_org_id: string | null; // the industry federation this org also belongs to (条)
  employees: Generated<number>; // headcount (职工数), denominator of 入会率
  founded_on: string | null;
  committees: Json | null; // elected at the founding congress
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrgCountersTable {
  org_id: string;
  members_direct: number;
  members_total: number;
  orgs_total: number;
  children: number;
  verified_total: Generated<number>; // real-name verified active members (实名)
  employees_total: Generated<number>;
  ent_required_total: Generated<number>; // enterprises in the register that must unionise (应建)
  ent_unionised_total: Generated<number>; // … of which have a union (已建)
}

export interface UsersTable {
  id: string;
  name: string;
  phone_enc: string;
  phone_hash: string;
  phone_masked: string;
  password_hash: string | null;
  is_super_admin: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembersTable {
  id: string;
  user_id: string | null;
  org_id: string;
  org_path: string;
  name: string;
  id_no_enc: string;
  id_no_hash: string;
  id_no_masked: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  gender: 'M' | 'F';
  birth_date: string;
  status: Generated<string>;
  joined_at: string;
  ethnicity: string | null;
  education: string | null;
  political_status: string | null;
  employer: string | null;
  occupation: string | null;
  industry: string | null;
  employment_form: string | null;
  address_enc: string | null;
  card_no: Generated<string>;
  verified: Generated<boolean>;
  source: Generated<string>;
  ended_at: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MemberEventsTable {
  id: string;
  member_id: string;
  id_no_hash: string;
  org_id: string;
  org_path: string;
  kind: 'joined' | 'imported' | 'transfer_out' | 'transfer_in' | 'status_changed' | 'updated' | 'founded';
  from_status: string | null;
  to_status: string | null;
  other_org_id: string | null;
  note: string | null;
  actor_id: string | null;
  at: Timestamp;
}

export interface OrgDailyTable {
  org_id: string;
  day: string;
  joined: number;
  left_count: number;
}

export interface JoinLinksTable {
  id: string;
  org_id: string;
  token: string;
  created_by: string | null;
  created_at: Timestamp;
  revoked_at: Date | null;
}

export interface ApplicationsTable {
  id: string;
  kind: 'join' | 'transfer' | 'founding';
  status: Generated<'pending' | 'approved' | 'rejected' | 'returned' | 'withdrawn'>;
  stage: Generated<'review' | 'release' | 'accept' | 'congress' | 'done'>;
  org_id: string;
  org_path: string;
  target_org_id: string;
  source_org_id: string | null;
  applicant_user_id: string | null;
  member_id: string | null;
  name: string;
  id_no_enc: string | null;
  id_no_hash: string | null;
  id_no_masked: string | null;
  phone_enc: string | null;
  phone_masked: string | null;
  address_enc: string | null;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  due_at: Date | null;
  reminded_at: Date | null;
  escalated_at: Date | null;
  escalated_org_id: string | null;
  escalated_path: string | null;
  result_org_id: string | null;
  decided_at: Date | null;
  decided_by: string | null;
  reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ApplicationEventsTable {
  id: string;
  application_id: string;
  kind: string;
  actor_id: string | null;
  org_id: string | null;
  note: string | null;
  at: Timestamp;
}

export interface CalendarDaysTable {
  day: string;
  is_workday: boolean;
  note: string | null;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  created_at: Timestamp;
  read_at: Date | null;
}

export interface EnterprisesTable {
  id: string;
  area_org_id: string;
  area_path: string;
  name: string;
  uscc: string;
  headcount: number;
  must_unionise: boolean;
  union_org_id: string | null;
  industry: string | null;
  address: string | null;
  contact_name: string | null;
  contact_phone_enc: string | null;
  contact_phone_masked: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoleAssignmentsTable {
  id: string;
  user_id: string;
  org_id: string;
  org_path: string;
  role: string;
  granted_by: string | null;
  created_at: Timestamp;
}

export interface SessionsTable {
  id: string; // sha256 of the cookie token; the token itself is never stored
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Date;
  last_seen_at: Timestamp;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

export interface SmsCodesTable {
  id: string;
  phone_hash: string;
  code_hash: string;
  purpose: string;
  created_at: Timestamp;
  expires_at: Date;
  used_at: Date | null;
  attempts: Generated<number>;
}

export interface SmsOutboxTable {
  id: string;
  phone_enc: string;
  phone_hash: string;
  phone_masked: string;
  template: string;
  body: string;
  created_at: Timestamp;
}

export interface RateLimitsTable {
  key: string;
  window_start: Date;
  hits: number;
}

export interface AuditLogTable {
  seq: number;
  at: Timestamp;
  actor_id: string | null;
  org_id: string | null;
  org_path: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  prev_hash: string;
  hash: string;
}

export interface JobsTable {
  id: string;
  queue: string;
  payload: ColumnType<unknown, string, string>;
  run_at: Timestamp;
  status: Generated<'pending' | 'running' | 'done' | 'failed'>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  locked_until: Date | null;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: Timestamp;
  finished_at: Date | null;
}

export interface AppSettingsTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
}

/** 名册导入: one uploaded file (see migrations/003_roster.ts). */
export interface RosterImportsTable {
  id: string;
  org_id: string;
  org_path: string;
  file_name: string;
  file_key: string | null; // the stored upload; null once removed
  file_type: 'xlsx' | 'csv';
  file_size: number;
  file_hash: string; // sha256 hex of the upload
  encoding: string | null;
  headers: ColumnType<string[] | null, string | null, string | null>;
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  total_rows: number | null;
  processed_rows: Generated<number>;
  imported: Generated<number>;
  unchanged: Generated<number>;
  conflicts: Generated<number>;
  errors: Generated<number>;
  failure: string | null;
  created_by: string;
  created_at: Timestamp;
  started_at: Date | null;
  finished_at: Date | null;
  updated_at: Timestamp;
}

/** A row left out of an import: invalid cells, or the person is active in another union. */
export interface RosterImportIssuesTable {
  import_id: string;
  row_no: number;
  kind: 'error' | 'conflict';
  reasons: string[];
  bad_cols: Generated<number[]>;
  cells_enc: string; // JSON of the original cells, encrypted (PII)
  other_org_id: string | null;
}

export type CaseStatusCol = 'submitted' | 'accepted' | 'assigned' | 'in_progress' | 'resolved' | 'closed' | 'rejected' | 'withdrawn';

export interface CaseTypeSettingsTable {
  type: string;
  enabled: Generated<boolean>;
  accept_workdays: Generated<number>;
  resolve_workdays: Generated<number>;
  followup_percent: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface CaseCategoriesTable {
  id: string;
  type: string;
  name: string;
  sort: Generated<number>;
  enabled: Generated<boolean>;
  created_at: Timestamp;
}

export interface CaseTeamsTable {
  id: string;
  org_id: string;
  org_path: string;
  name: string;
  skill: 'general' | 'legal' | 'counselling' | 'social' | 'mediation';
  created_at: Timestamp;
}

export interface CaseTeamMembersTable {
  team_id: string;
  user_id: string;
  on_duty: Generated<boolean>;
  is_leader: Generated<boolean>;
  created_at: Timestamp;
}

export interface CaseRoutingRulesTable {
  id: string;
  org_id: string;
  org_path: string;
  case_type: string;
  category_id: string | null;
  target_kind: string;
  team_skill: 'general' | 'legal' | 'counselling' | 'social' | 'mediation' | null;
  enabled: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface CaseIntakeLinksTable {
  id: string;
  token: string;
  org_id: string;
  purpose: 'appeal' | 'injury';
  label: string;
  created_by: string | null;
  created_at: Timestamp;
  revoked_at: Date | null;
}

export interface CasesTable {
  id: string;
  case_no: Generated<string>;
  type: string;
  category_id: string | null;
  title: string;
  content: string;
  fields: ColumnType<Record<string, unknown>, string | undefined, string>;
  channel: 'app' | 'qr' | 'hotline' | 'proxy' | 'hospital' | 'referral';
  status: Generated<CaseStatusCol>;
  origin_org_id: string;
  origin_path: string;
  org_id: string;
  org_path: string;
  team_id: string | null;
  assignee_id: string | null;
  submitter_user_id: string | null;
  member_id: string | null;
  filed_by: string | null;
  submitter_key: string;
  client_key: string | null;
  anonymous: Generated<boolean>;
  is_public: Generated<boolean>;
  contact_name_enc: string | null;
  contact_name_masked: string | null;
  contact_phone_enc: string | null;
  contact_phone_masked: string | null;
  accept_due_at: Date | null;
  resolve_due_at: Date | null;
  stage_started_at: Timestamp;
  remind_at: Date | null;
  reminded_at: Date | null;
  overdue_at: Date | null;
  last_step_at: Timestamp;
  stale_reminded_at: Date | null;
  supervised_at: Date | null;
  supervised_by: string | null;
  supervise_due_at: Date | null;
  supervise_note: string | null;
  supervise_overdue_at: Date | null;
  next_timer_at: Date | null;
  accepted_at: Date | null;
  assigned_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  reply: string | null;
  reject_reason: string | null;
  rating: number | null;
  rating_comment: string | null;
  rated_at: Date | null;
  reopen_count: Generated<number>;
  parent_id: string | null;
  related_case_id: string | null;
  likes: Generated<number>;
  words: ColumnType<string[], string[] | undefined, string[]>;
  eligibility: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  eligible: boolean | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CaseEventsTable {
  id: string;
  case_id: string;
  kind: string;
  actor_id: string | null;
  actor_label: string | null;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  internal: Generated<boolean>;
  data: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  at: Timestamp;
}

export interface CaseAttachmentsTable {
  id: string;
  case_id: string | null;
  event_id: string | null;
  file_key: string;
  name: string;
  mime: 'image/jpeg' | 'image/png' | 'application/pdf';
  size: number;
  sha256: string;
  uploaded_by: string;
  created_at: Timestamp;
}

export interface CaseLikesTable {
  case_id: string;
  user_id: string;
  created_at: Timestamp;
}

export interface CaseFollowupsTable {
  id: string;
  case_id: string;
  org_id: string;
  org_path: string;
  status: Generated<'open' | 'done'>;
  due_at: Date;
  result: string | null;
  satisfied: boolean | null;
  done_by: string | null;
  done_at: Date | null;
  created_at: Timestamp;
}

export interface CasePaymentsTable {
  id: string;
  case_id: string;
  org_id: string;
  org_path: string;
  purpose: 'condolence';
  amount_fen: ColumnType<string, number | bigint | string, never>;
  method: 'bank' | 'card' | 'cash';
  idem_key: string;
  provider_ref: string | null;
  recorded_by: string;
  note: string | null;
  created_at: Timestamp;
}

export interface DB {
  orgs: OrgsTable;
  org_counters: OrgCountersTable;
  users: UsersTable;
  members: MembersTable;
  role_assignments: RoleAssignmentsTable;
  sessions: SessionsTable;
  sms_codes: SmsCodesTable;
  sms_outbox: SmsOutboxTable;
  rate_limits: RateLimitsTable;
  audit_log: AuditLogTable;
  jobs: JobsTable;
  app_settings: AppSettingsTable;
  member_events: MemberEventsTable;
  org_daily: OrgDailyTable;
  join_links: JoinLinksTable;
  applications: ApplicationsTable;
  application_events: ApplicationEventsTable;
  calendar_days: CalendarDaysTable;
  notifications: NotificationsTable;
  enterprises: EnterprisesTable;
  roster_imports: RosterImportsTable;
  roster_import_issues: RosterImportIssuesTable;
  case_type_settings: CaseTypeSettingsTable;
  case_categories: CaseCategoriesTable;
  case_teams: CaseTeamsTable;
  case_team_members: CaseTeamMembersTable;
  case_routing_rules: CaseRoutingRulesTable;
  case_intake_links: CaseIntakeLinksTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  case_attachments: CaseAttachmentsTable;
  case_likes: CaseLikesTable;
  case_followups: CaseFollowupsTable;
  case_payments: CasePaymentsTable;
}

export type OrgRow = Selectable<OrgsTable>;
export type NewOrg = Insertable<OrgsTable>;
export type UserRow = Selectable<UsersTable>;
export type MemberRow = Selectable<MembersTable>;
