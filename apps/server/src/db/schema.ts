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
}

export type OrgRow = Selectable<OrgsTable>;
export type NewOrg = Insertable<OrgsTable>;
export type UserRow = Selectable<UsersTable>;
export type MemberRow = Selectable<MembersTable>;
