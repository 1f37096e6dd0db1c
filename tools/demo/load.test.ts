import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Database } from '../../apps/server/src/db/connect';
import { verifyPassword } from '../../apps/server/src/platform/auth/password';
import { PiiCipher } from '../../apps/server/src/platform/crypto/pii';
import { parseIdNumber } from '../../packages/contracts/src/validation/index';
import { DEMO_CASE_ACCOUNTS } from './cases';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoLoadedInfo, loadDemoProvince, truncateAllData, type LoadSummary } from './load';

let database: Database;
let summary: LoadSummary;
const cipher = new PiiCipher({ activeKeyId: 'k1', keys: { k1: randomBytes(32) }, hmacKey: randomBytes(32) });

beforeAll(async () => {
  database = await openDatabase({});
  await migrateToLatest(database.db);
  summary = await loadDemoProvince(database, cipher, { seed: 11, orgs: 200, members: 1000 });
});
afterAll(async () => {
  await database?.close();
});

async function naive(prefix: string): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM members WHERE org_path LIKE ${`${prefix}%`} AND status = 'active'`.execute(database.db);
  return r.rows[0]!.n;
}
async function counter(orgId: string): Promise<{ members_total: number; orgs_total: number }> {
  const r = await sql<{ members_total: number; orgs_total: number }>`
    SELECT members_total, orgs_total FROM org_counters WHERE org_id = ${orgId}`.execute(database.db);
  return r.rows[0]!;
}

describe('loadDemoProvince on PGlite', () => {
  it('inserts the requested sizes and records demo_loaded', async () => {
    expect(summary.orgs).toBeGreaterThan(180);
    expect(summary.members).toBe(1001);
    const m = await sql<{ n: number }>`SELECT count(*)::int AS n FROM members`.execute(database.db);
    expect(m.rows[0]!.n).toBe(1001);
    const info = await demoLoadedInfo(database.db);
    expect(info).toMatchObject({ seed: 11, orgs: summary.orgs, members: 1001 });
  });

  it('counters equal naive counts at the root and at the demo street', async () => {
    const root = await database.db.selectFrom('orgs').select(['id', 'path']).where('id', '=', summary.provinceOrgId).executeTakeFirstOrThrow();
    const street = await database.db.selectFrom('orgs').select(['id', 'path', 'kind']).where('id', '=', summary.streetOrgId).executeTakeFirstOrThrow();
    expect(root.path).toBe('/1/');
    expect(street.kind).toBe('street');
    const rc = await counter(root.id);
    expect(rc.members_total).toBe(await naive(root.path));
    expect(rc.orgs_total).toBe(summary.orgs);
    const sc = await counter(street.id);
    expect(sc.members_total).toBe(await naive(street.path));
    expect(sc.members_total).toBeGreaterThan(0);
    const ents = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM orgs WHERE path LIKE ${`${street.path}%`} AND kind = 'enterprise'`.execute(database.db);
    expect(ents.rows[0]!.n).toBeGreaterThan(0);
  });

  it('new orgs continue the number sequence after the explicit numbers', async () => {
    const max = await sql<{ n: number }>`SELECT max(no)::int AS n FROM orgs`.execute(database.db);
    const next = await sql<{ n: number }>`SELECT nextval(pg_get_serial_sequence('orgs', 'no'))::int AS n`.execute(database.db);
    expect(next.rows[0]!.n).toBe(max.rows[0]!.n + 1);
  });

  it('creates the demo accounts with their roles and the member record', async () => {
    const users = await database.db.selectFrom('users').selectAll().orderBy('phone_masked').execute();
    // 3 accounts of the org/member demo + 4 of the case engine (handler, lawyer, social worker, operator)
    expect(users).toHaveLength(3 + Object.keys(DEMO_CASE_ACCOUNTS).length);
    const byHash = (phone: string) => users.find((u) => u.phone_hash === cipher.blindIndex('phone', phone))!;
    const admin = byHash(DEMO_ACCOUNTS.provinceAdmin.phone);
    const cadre = byHash(DEMO_ACCOUNTS.streetCadre.phone);
    const member = byHash(DEMO_ACCOUNTS.member.phone);
    expect(admin.name).toBe('省总管理员');
    expect(cadre.name).toBe('街道干部');
    expect(member.name).toBe('张晓红');
    expect(cipher.decrypt(admin.phone_enc)).toBe('13800000001');
    expect(admin.phone_masked).toBe('138****0001');
    expect(await verifyPassword(admin.password_hash!, DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(cadre.password_hash!, DEMO_PASSWORD)).toBe(true);
    expect(member.password_hash).toBeNull();

    const roles = await database.db.selectFrom('role_assignments').selectAll().execute();
    const rolesOf = (id: string) => roles.filter((r) => r.user_id === id).map((r) => `${r.role}@${r.org_id}`).sort();
    expect(rolesOf(admin.id)).toEqual([`admin@${summary.provinceOrgId}`, `chair@${summary.provinceOrgId}`]);
    expect(rolesOf(cadre.id)).toEqual([`admin@${summary.streetOrgId}`]);
    expect(roles.find((r) => r.user_id === cadre.id)!.org_path).toMatch(/^\/1\/\d+\/\d+\/\d+\/$/);

    const rec = await database.db.selectFrom('members').selectAll().where('user_id', '=', member.id).executeTakeFirstOrThrow();
    expect(rec.org_id).toBe(summary.memberOrgId);
    expect(rec.status).toBe('active');
    const idNo = cipher.decrypt(rec.id_no_enc);
    expect(parseIdNumber(idNo)).toMatchObject({ ok: true, gender: 'F', birthDate: '1992-05-18' });
    expect(rec.id_no_hash).toBe(cipher.blindIndex('idno', idNo));
    const org = await database.db.selectFrom('orgs').select(['path', 'kind']).where('id', '=', rec.org_id).executeTakeFirstOrThrow();
    expect(org.kind).toBe('enterprise');
    expect(rec.org_path).toBe(org.path);
  });

  it('loads cases with their handling set-up: every queue and chart has data', async () => {
    const byStatus = await database.db.selectFrom('cases').select(['status']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('status').execute();
    const n = Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]));
    expect(Object.values(n).reduce((a, b) => a + b, 0)).toBe(3000);
    expect(n.closed).toBeGreaterThan(1500);
    expect((n.submitted ?? 0) + (n.accepted ?? 0) + (n.assigned ?? 0) + (n.in_progress ?? 0)).toBeGreaterThan(20);
    // work in hand always has someone holding it
    expect(await database.db.selectFrom('cases').select('id').where('status', 'in', ['assigned', 'in_progress']).where('assignee_id', 'is', null).execute()).toEqual([]);
    const handler = await database.db.selectFrom('users').select('id').where('phone_hash', '=', cipher.blindIndex('phone', DEMO_CASE_ACCOUNTS.handler.phone)).executeTakeFirstOrThrow();
    const inbox = await database.db.selectFrom('cases').select('id').where('assignee_id', '=', handler.id).where('status', 'in', ['assigned', 'in_progress']).execute();
    expect(inbox.length).toBeGreaterThan(0);
    const supervised = await database.db.selectFrom('cases').select(['submitter_user_id']).where('supervised_at', 'is not', null).execute();
    expect(supervised).toHaveLength(1);
    // open cases carry their next timer; finished ones none
    const timers = await sql<{ open_without: number; closed_with: number }>`
      SELECT count(*) FILTER (WHERE status IN ('submitted','accepted','assigned','in_progress') AND next_timer_at IS NULL)::int AS open_without,
             count(*) FILTER (WHERE status IN ('closed','rejected','withdrawn') AND next_timer_at IS NOT NULL)::int AS closed_with FROM cases`.execute(database.db);
    expect(timers.rows[0]).toEqual({ open_without: 0, closed_with: 0 });
    // a first start has no backlog of timers to fire (the demo begins as if the sweep had always run)
    const due = await database.db.selectFrom('cases').select('id').where('next_timer_at', '<=', new Date()).execute();
    expect(due).toEqual([]);
    const words = await sql<{ w: string }>`SELECT w FROM cases, unnest(words) w GROUP BY w ORDER BY count(*) DESC LIMIT 20`.execute(database.db);
    expect(words.rows.map((r) => r.w)).toEqual(expect.arrayContaining(['工资']));
  });

  it('stores PII encrypted with blind indexes and masks', async () => {
    const rows = await database.db.selectFrom('members').selectAll().where('user_id', 'is', null).limit(50).execute();
    for (const r of rows) {
      const idNo = cipher.decrypt(r.id_no_enc);
      expect(parseIdNumber(idNo).ok).toBe(true);
      expect(r.id_no_hash).toBe(cipher.blindIndex('idno', idNo));
      expect(r.id_no_masked).toBe(`${idNo.slice(0, 4)}**********${idNo.slice(-4)}`);
      if (r.phone_enc) expect(r.phone_hash).toBe(cipher.blindIndex('phone', cipher.decrypt(r.phone_enc)));
    }
  });

  it('refuses to load twice, and truncateAllData empties the tables', async () => {
    await expect(loadDemoProvince(database, cipher, { seed: 11, orgs: 200, members: 10 })).rejects.toThrow(/已有组织数据/);
    await truncateAllData(database.db);
    const n = await sql<{ n: number }>`SELECT (SELECT count(*) FROM orgs)::int + (SELECT count(*) FROM members)::int AS n`.execute(database.db);
    expect(n.rows[0]!.n).toBe(0);
    expect(await demoLoadedInfo(database.db)).toBeNull();
  });
});
