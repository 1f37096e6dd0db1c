import { sql } from 'kysely';
import type { Database, Db } from '../../apps/server/src/db/connect';
import { hashPassword } from '../../apps/server/src/platform/auth/password';
import { maskIdNumber, maskPhone, type PiiCipher } from '../../apps/server/src/platform/crypto/pii';
import { rebuildOrgCounters } from '../../apps/server/src/modules/orgs/counters';
import { demoMemberIdNumber, generateMembers, generateOrgs, REFERENCE_DATE, type DemoMember, type DemoOptions, type DemoOrg } from './generate';
import { Rng, uuidv7From } from './prng';
import { demoVerified, loadCoverage } from './coverage';
import { loadDemoCases } from './cases';

/**
 * Loads the generated demo province into an empty, migrated database (embedded PGlite or
 * PostgreSQL), then creates the fixed demo accounts below and records `app_settings.demo_loaded`.
 */

export const DEMO_PASSWORD = 'Gonghui@2026';

/** The fixed demo accounts (documented in the README / login page). */
export const DEMO_ACCOUNTS = {
  /** 省总管理员: admin + chair at the province root */
  provinceAdmin: { name: '省总管理员', phone: '13800000001', password: DEMO_PASSWORD, roles: ['admin', 'chair'] },
  /** 街道干部: admin at the first street of the first county of the first city */
  streetCadre: { name: '街道干部', phone: '13800000002', password: DEMO_PASSWORD, roles: ['admin'] },
  /** 张晓红: a member (no password, signs in by SMS code) of an enterprise union under that street */
  member: { name: '张晓红', phone: '13900000001', password: null, birthDate: '1992-05-18', joinedAt: '2021-03-15' },
} as const;

export const DEMO_SETTING_KEY = 'demo_loaded';

export type LoadPhase = 'orgs' | 'members' | 'accounts' | 'counters' | 'done';
export type LoadProgress = { phase: LoadPhase; done: number; total: number; elapsedMs: number };

export type LoadOptions = DemoOptions & {
  onProgress?: (p: LoadProgress) => void;
  /** rows per INSERT (default 5,000) */
  batchSize?: number;
  /** INSERTs in flight on PostgreSQL (default 8; PGlite is always sequential) */
  concurrency?: number;
  /** demo cases (工单) with their teams, rules and accounts (default 3,000; 0 = none) */
  cases?: number;
};

export type LoadSummary = {
  /** org rows inserted */
  orgs: number;
  /** member rows inserted (generated members + the demo member 张晓红) */
  members: number;
  provinceOrgId: string;
  /** the street of the 街道干部 account */
  streetOrgId: string;
  /** the enterprise union of the demo member 张晓红 */
  memberOrgId: string;
  users: { provinceAdminId: string; streetCadreId: string; memberUserId: string };
  /** total wall time */
  ms: number;
  timings: { orgsMs: number; membersMs: number; accountsMs: number; countersMs: number };
};

const ORG_COLUMNS = sql`(id, no, parent_id, path, depth, kind, name, region_code, uscc, address, industry_line, industry_org_id)`;

async function insertOrgBatch(db: Db, orgs: DemoOrg[]): Promise<void> {
  await sql`
    INSERT INTO orgs ${ORG_COLUMNS} OVERRIDING SYSTEM VALUE
    SELECT * FROM unnest(
      ${orgs.map((o) => o.id)}::uuid[], ${orgs.map((o) => o.no)}::bigint[], ${orgs.map((o) => o.parentId)}::uuid[],
      ${orgs.map((o) => o.path)}::text[], ${orgs.map((o) => o.depth)}::smallint[], ${orgs.map((o) => o.kind)}::text[],
      ${orgs.map((o) => o.name)}::text[], ${orgs.map((o) => o.regionCode)}::text[], ${orgs.map((o) => o.uscc)}::text[],
      ${orgs.map((o) => o.address)}::text[], ${orgs.map((o) => o.industryLine)}::text[], ${orgs.map((o) => o.industryOrgId)}::uuid[])`.execute(db);
}

type MemberRowArrays = {
  id: string[];
  userId: (string | null)[];
  orgId: string[];
  orgPath: string[];
  name: string[];
  idEnc: string[];
  idHash: string[];
  idMasked: string[];
  phoneEnc: (string | null)[];
  phoneHash: (string | null)[];
  phoneMasked: (string | null)[];
  gender: string[];
  birth: string[];
  status: string[];
  joined: string[];
  verified: boolean[];
};

/** Encrypts and masks one batch into column arrays (CPU work, done before the INSERT is sent). */
function memberArrays(cipher: PiiCipher, members: Array<DemoMember & { userId?: string | null }>): MemberRowArrays {
  const a: MemberRowArrays = {
    id: [], userId: [], orgId: [], orgPath: [], name: [], idEnc: [], idHash: [], idMasked: [],
    phoneEnc: [], phoneHash: [], phoneMasked: [], gender: [], birth: [], status: [], joined: [], verified: [],
  };
  for (const m of members) {
    a.id.push(m.id);
    a.userId.push(m.userId ?? null);
    a.orgId.push(m.orgId);
    a.orgPath.push(m.orgPath);
    a.name.push(m.name);
    a.idEnc.push(cipher.encrypt(m.idNo));
    a.idHash.push(cipher.blindIndex('idno', m.idNo));
    a.idMasked.push(maskIdNumber(m.idNo));
    a.phoneEnc.push(m.phone ? cipher.encrypt(m.phone) : null);
    a.phoneHash.push(m.phone ? cipher.blindIndex('phone', m.phone) : null);
    a.phoneMasked.push(m.phone ? maskPhone(m.phone) : null);
    a.gender.push(m.gender);
    a.birth.push(m.birthDate);
    a.status.push(m.status);
    a.joined.push(shiftToToday(m.joinedAt));
    a.verified.push(!!m.userId || demoVerified(m));
  }
  return a;
}

/**
 * The generator is deterministic and dates its joins up to REFERENCE_DATE; the loader moves them
 * forward so the latest joins end today, and "new members in the last 30 days" and the trend
 * chart have something to show whenever the demo is loaded.
 */
const DAY_MS = 86_400_000;
const SHIFT_DAYS = Math.max(0, Math.floor((Date.now() - Date.parse(`${REFERENCE_DATE}T00:00:00Z`)) / DAY_MS));
function shiftToToday(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + SHIFT_DAYS * DAY_MS).toISOString().slice(0, 10);
}

async function insertMemberArrays(db: Db, a: MemberRowArrays): Promise<void> {
  await sql`
    INSERT INTO members (id, user_id, org_id, org_path, name, id_no_enc, id_no_hash, id_no_masked,
                         phone_enc, phone_hash, phone_masked, gender, birth_date, status, joined_at, verified, source)
    SELECT *, 'demo' FROM unnest(
      ${a.id}::uuid[], ${a.userId}::uuid[], ${a.orgId}::uuid[], ${a.orgPath}::text[], ${a.name}::text[],
      ${a.idEnc}::text[], ${a.idHash}::text[], ${a.idMasked}::text[],
      ${a.phoneEnc}::text[], ${a.phoneHash}::text[], ${a.phoneMasked}::text[],
      ${a.gender}::text[], ${a.birth}::date[], ${a.status}::text[], ${a.joined}::date[], ${a.verified}::bool[])`.execute(db);
}

/**
 * Generate and insert the demo province. The database must be migrated and hold no orgs yet.
 * PostgreSQL: several batched INSERTs in flight over the pool; PGlite: one transaction.
 */
export async function loadDemoProvince(database: Database, cipher: PiiCipher, opts: LoadOptions): Promise<LoadSummary> {
  const t0 = performance.now();
  const { db } = database;
  const batchSize = opts.batchSize ?? 5000;
  const concurrency = database.kind === 'postgres' ? Math.max(1, opts.concurrency ?? 8) : 1;
  const progress = (phase: LoadPhase, done: number, total: number) =>
    opts.onProgress?.({ phase, done, total, elapsedMs: Math.round(performance.now() - t0) });

  const existing = await sql<{ n: number }>`SELECT count(*)::int AS n FROM orgs`.execute(db);
  if ((existing.rows[0]?.n ?? 0) > 0) throw new Error('数据库中已有组织数据，不能再次加载演示数据');

  const province = generateOrgs({ seed: opts.seed, orgs: opts.orgs, members: opts.members });
  const memberTotal = opts.members;
  /** active members registered directly at each org (headcounts are derived from them) */
  const activeByOrg = new Map<string, number>();

  const loadRows = async (trx: Db) => {
    for (let i = 0; i < province.orgs.length; i += batchSize) {
      await insertOrgBatch(trx, province.orgs.slice(i, i + batchSize));
      progress('orgs', Math.min(i + batchSize, province.orgs.length), province.orgs.length);
    }
    await sql`SELECT setval(pg_get_serial_sequence('orgs', 'no'), (SELECT max(no) FROM orgs))`.execute(trx);
    const orgsDone = performance.now();

    const inFlight = new Set<Promise<void>>();
    let failure: unknown = null;
    let done = 0;
    for (const batch of generateMembers(province, batchSize)) {
      if (failure) break;
      for (const m of batch) if (m.status === 'active') activeByOrg.set(m.orgId, (activeByOrg.get(m.orgId) ?? 0) + 1);
      const arrays = memberArrays(cipher, batch);
      const p: Promise<void> = insertMemberArrays(trx, arrays).then(
        () => {
          inFlight.delete(p);
          done += batch.length;
          progress('members', done, memberTotal);
        },
        (err: unknown) => {
          inFlight.delete(p);
          failure ??= err;
        },
      );
      inFlight.add(p);
      if (inFlight.size >= concurrency) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (failure) throw failure;
    return orgsDone;
  };

  let orgsDoneAt: number;
  if (database.kind === 'pglite') {
    orgsDoneAt = await db.transaction().execute(loadRows);
  } else {
    orgsDoneAt = await loadRows(db);
  }
  const membersDoneAt = performance.now();

  // demo accounts (and 张晓红's member record) before the counters, so the counters include her
  const accounts = await db.transaction().execute((trx) => createDemoAccounts(trx, cipher, province, opts.seed));
  const accountsDoneAt = performance.now();
  progress('accounts', 3, 3);

  // headcounts and the enterprise register (入会率 / 建会率), summed up the tree by the rebuild
  activeByOrg.set(province.demoEnterprise.id, (activeByOrg.get(province.demoEnterprise.id) ?? 0) + 1);
  await loadCoverage(db, province, activeByOrg, batchSize);
  // every record starts its membership file (会籍档案) with the day it entered the registry
  await sql`
    INSERT INTO member_events (id, member_id, id_no_hash, org_id, org_path, kind, to_status, note, at)
    SELECT gen_random_uuid(), id, id_no_hash, org_id, org_path, 'imported', 'active', '演示数据初始化', joined_at::timestamptz FROM members`.execute(db);
  await rebuildOrgCounters(db);
  const cases = opts.cases ?? 3000;
  if (cases > 0) await loadDemoCases(db, cipher, province, { seed: opts.seed, cases, password: DEMO_PASSWORD, memberUserId: accounts.memberUserId });
  await sql`ANALYZE`.execute(db);
  const summaryValue = {
    seed: opts.seed,
    orgs: province.orgs.length,
    members: memberTotal + 1,
    at: new Date().toISOString(),
  };
  await sql`
    INSERT INTO app_settings (key, value, updated_at) VALUES (${DEMO_SETTING_KEY}, ${JSON.stringify(summaryValue)}::jsonb, now())
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`.execute(db);
  const end = performance.now();
  progress('counters', 1, 1);
  progress('done', 1, 1);

  return {
    orgs: province.orgs.length,
    members: memberTotal + 1,
    provinceOrgId: province.province.id,
    streetOrgId: province.demoStreet.id,
    memberOrgId: province.demoEnterprise.id,
    users: accounts,
    ms: Math.round(end - t0),
    timings: {
      orgsMs: Math.round(orgsDoneAt - t0),
      membersMs: Math.round(membersDoneAt - orgsDoneAt),
      accountsMs: Math.round(accountsDoneAt - membersDoneAt),
      countersMs: Math.round(end - accountsDoneAt),
    },
  };
}

async function createDemoAccounts(
  trx: Db,
  cipher: PiiCipher,
  province: ReturnType<typeof generateOrgs>,
  seed: number,
): Promise<LoadSummary['users']> {
  const rng = new Rng(seed, 'accounts');
  const now = Date.now();
  const mkUser = async (a: { name: string; phone: string; password: string | null }, k: number) => {
    const id = uuidv7From(now + k, rng);
    await trx
      .insertInto('users')
      .values({
        id,
        name: a.name,
        phone_enc: cipher.encrypt(a.phone),
        phone_hash: cipher.blindIndex('phone', a.phone),
        phone_masked: maskPhone(a.phone),
        password_hash: a.password ? await hashPassword(a.password) : null,
      })
      .execute();
    return id;
  };
  const grant = async (userId: string, org: DemoOrg, role: string, k: number) => {
    await trx
      .insertInto('role_assignments')
      .values({ id: uuidv7From(now + k, rng), user_id: userId, org_id: org.id, org_path: org.path, role, granted_by: null })
      .execute();
  };

  const A = DEMO_ACCOUNTS;
  const provinceAdminId = await mkUser(A.provinceAdmin, 0);
  const streetCadreId = await mkUser(A.streetCadre, 1);
  const memberUserId = await mkUser(A.member, 2);
  let k = 10;
  for (const role of A.provinceAdmin.roles) await grant(provinceAdminId, province.province, role, k++);
  for (const role of A.streetCadre.roles) await grant(streetCadreId, province.demoStreet, role, k++);

  const org = province.demoEnterprise;
  const member: DemoMember & { userId: string } = {
    id: uuidv7From(now + 20, rng),
    userId: memberUserId,
    orgId: org.id,
    orgPath: org.path,
    name: A.member.name,
    idNo: demoMemberIdNumber(province),
    phone: A.member.phone,
    gender: 'F',
    birthDate: A.member.birthDate,
    status: 'active',
    joinedAt: A.member.joinedAt,
  };
  await insertMemberArrays(trx, memberArrays(cipher, [member]));
  return { provinceAdminId, streetCadreId, memberUserId };
}

/** Remove all application data (keeps the schema and migration records). Bench databases only. */
export async function truncateAllData(db: Db): Promise<void> {
  const res = await sql<{ tablename: string }>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'kysely%'`.execute(db);
  if (res.rows.length === 0) return;
  const list = res.rows.map((r) => `"${r.tablename.replaceAll('"', '""')}"`).join(', ');
  await sql.raw(`TRUNCATE ${list} RESTART IDENTITY CASCADE`).execute(db);
}

/** The recorded `demo_loaded` value, or null when the demo was never loaded. */
export async function demoLoadedInfo(db: Db): Promise<Record<string, unknown> | null> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', DEMO_SETTING_KEY).executeTakeFirst();
  return (row?.value as Record<string, unknown> | undefined) ?? null;
}
