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
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrgCountersTable {
  org_id: string;
  members_direct: number;
  members_total: number;
  orgs_total: number;
  children: number;
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
}

export type OrgRow = Selectable<OrgsTable>;
export type NewOrg = Insertable<OrgsTable>;
export type UserRow = Selectable<UsersTable>;
export type MemberRow = Selectable<MembersTable>;
