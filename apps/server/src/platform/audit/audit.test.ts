import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, loginWithPassword, type Session, type TestContext } from '../../test/context';
import { factories, PASSWORD } from '../../test/factories';
import { verifyAuditChain } from './audit';

let ctx: TestContext;
let tree: Awaited<ReturnType<ReturnType<typeof factories>['province']>>;
let provinceAdmin: Session;
let streetA: Session;
let streetB: Session;

beforeAll(async () => {
  ctx = await createTestContext();
  const f = factories(ctx.deps);
  tree = await f.province();
  const pa = await f.user({ password: PASSWORD, roles: [{ org: tree.prov, role: 'admin' }] });
  const a = await f.user({ password: PASSWORD, roles: [{ org: tree.streetA, role: 'admin' }] });
  const b = await f.user({ password: PASSWORD, roles: [{ org: tree.streetB, role: 'admin' }] });
  provinceAdmin = await loginWithPassword(ctx.app, pa.phone, PASSWORD);
  streetA = await loginWithPassword(ctx.app, a.phone, PASSWORD);
  streetB = await loginWithPassword(ctx.app, b.phone, PASSWORD);
  await streetA.post('/api/orgs', { parentId: tree.streetA.id, name: '甲一社区工会', kind: 'community' });
  await streetB.post('/api/orgs', { parentId: tree.streetB.id, name: '乙一社区工会', kind: 'community' });
});
afterAll(() => ctx?.close());

describe('audit log', () => {
  it('writes one row per login and per mutation, with actor, org, action, target and IP', async () => {
    const rows = (await provinceAdmin.get('/api/audit?limit=50')).json().items;
    const actions = rows.map((r: { action: string }) => r.action);
    expect(actions.filter((a: string) => a === 'auth.login.password')).toHaveLength(3);
    expect(actions.filter((a: string) => a === 'org.create')).toHaveLength(2);
    const create = rows.find((r: { action: string; orgName: string }) => r.action === 'org.create' && r.orgName === '甲一社区工会');
    expect(create).toMatchObject({ targetType: 'org', ip: expect.any(String), actorName: expect.any(String) });
  });

  it('a street cadre sees only their subtree\'s rows and gets 404 for another street', async () => {
    const rows = (await streetA.get('/api/audit?limit=50')).json().items;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r: { orgName: string }) => ['甲街道总工会', '甲一社区工会'].includes(r.orgName))).toBe(true);
    expect((await streetA.get(`/api/audit?orgId=${tree.streetB.id}`)).statusCode).toBe(404);
  });

  it('filters by action prefix and time range', async () => {
    const rows = (await provinceAdmin.get('/api/audit?action=org.')).json().items;
    expect(rows.every((r: { action: string }) => r.action.startsWith('org.'))).toBe(true);
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await provinceAdmin.get(`/api/audit?from=${encodeURIComponent(future)}`)).json().items).toEqual([]);
  });

  it('refuses UPDATE and DELETE at the database level', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x' WHERE seq = 1`.execute(ctx.deps.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE seq = 1`.execute(ctx.deps.database.db)).rejects.toThrow(/append-only/);
  });

  it('verifies the hash chain, and detects a tampered row', async () => {
    const ok = (await provinceAdmin.get('/api/audit/verify')).json();
    expect(ok).toMatchObject({ ok: true, firstBrokenId: null });
    expect(ok.checked).toBeGreaterThanOrEqual(5);
    // someone with raw database access rewrites history
    const db = ctx.deps.database.db;
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(db);
    await sql`UPDATE audit_log SET ip = '10.0.0.66' WHERE seq = 3`.execute(db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(db);
    const broken = (await provinceAdmin.get('/api/audit/verify')).json();
    expect(broken).toMatchObject({ ok: false, checked: 2, firstBrokenId: '3' });
  });

  it('detects a deleted row (a gap in the chain)', async () => {
    const db = ctx.deps.database.db;
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(db);
    await sql`DELETE FROM audit_log WHERE seq < 3`.execute(db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(db);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBrokenSeq: 1 });
  });

  it('only province-level auditors verify the whole chain', async () => {
    expect((await streetA.get('/api/audit/verify')).statusCode).toBe(403);
  });
});
