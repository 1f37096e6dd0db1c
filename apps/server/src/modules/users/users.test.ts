import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, loginWithPassword, type Session, type TestContext } from '../../test/context';
import { factories, PASSWORD } from '../../test/factories';

let ctx: TestContext;
let f: ReturnType<typeof factories>;
let tree: Awaited<ReturnType<ReturnType<typeof factories>['province']>>;
let provinceAdmin: Session;
let streetA: Session;
let streetBCadre: { id: string; phone: string };

beforeAll(async () => {
  ctx = await createTestContext();
  f = factories(ctx.deps);
  tree = await f.province();
  const pa = await f.user({ name: '省管理员', password: PASSWORD, roles: [{ org: tree.prov, role: 'admin' }] });
  const a = await f.user({ name: '甲管理员', password: PASSWORD, roles: [{ org: tree.streetA, role: 'admin' }] });
  streetBCadre = await f.user({ name: '乙干部', password: PASSWORD, roles: [{ org: tree.streetB, role: 'cadre' }] });
  provinceAdmin = await loginWithPassword(ctx.app, pa.phone, PASSWORD);
  streetA = await loginWithPassword(ctx.app, a.phone, PASSWORD);
});
afterAll(() => ctx?.close());

describe('users and role assignments', () => {
  it('creates a cadre account appointed at an org, who can then log in', async () => {
    const phone = f.phone();
    const res = await streetA.post('/api/users', { name: '王协理员', phone, password: 'Xieli2026a', orgId: tree.entA.id, role: 'cadre' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: '王协理员', hasPassword: true, roles: [expect.objectContaining({ orgId: tree.entA.id, role: 'cadre' })] });
    expect(res.json().phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    const s = await loginWithPassword(ctx.app, phone, 'Xieli2026a');
    expect((await s.get('/api/orgs/roots')).json().items[0].id).toBe(tree.entA.id);
  });

  it('rejects a weak password, naming the field', async () => {
    const res = await streetA.post('/api/users', { name: '赵某', phone: f.phone(), password: '123', orgId: tree.entA.id, role: 'cadre' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('password');
  });

  it('lists only users appointed inside the actor\'s subtree, and their roles there', async () => {
    const names = (await streetA.get('/api/users')).json().items.map((u: { name: string }) => u.name);
    expect(names).toContain('甲管理员');
    expect(names).not.toContain('乙干部');
    expect(names).not.toContain('省管理员');
    const all = (await provinceAdmin.get('/api/users?limit=200')).json().items.map((u: { name: string }) => u.name);
    expect(all).toEqual(expect.arrayContaining(['甲管理员', '乙干部', '省管理员']));
  });

  it('finds a user by exact phone', async () => {
    const items = (await provinceAdmin.get(`/api/users?q=${streetBCadre.phone}`)).json().items;
    expect(items.map((u: { id: string }) => u.id)).toEqual([streetBCadre.id]);
  });

  it('a street A admin gets 404 for street B: its users, its org, its assignments', async () => {
    expect((await streetA.get(`/api/users?orgId=${tree.streetB.id}`)).statusCode).toBe(404);
    const assign = await streetA.post('/api/role-assignments', { userId: streetBCadre.id, orgId: tree.streetB.id, role: 'admin' });
    expect(assign.statusCode).toBe(404);
    const bAssignment = await ctx.deps.database.db.selectFrom('role_assignments').select('id').where('user_id', '=', streetBCadre.id).executeTakeFirstOrThrow();
    expect((await streetA.delete(`/api/role-assignments/${bAssignment.id}`)).statusCode).toBe(404);
  });

  it('assigns and revokes a role, both audited', async () => {
    const u = await f.user({ name: '钱干部', password: PASSWORD, roles: [{ org: tree.entA, role: 'cadre' }] });
    const res = await streetA.post('/api/role-assignments', { userId: u.id, orgId: tree.streetA.id, role: 'vice_chair' });
    expect(res.statusCode).toBe(201);
    expect((await streetA.post('/api/role-assignments', { userId: u.id, orgId: tree.streetA.id, role: 'vice_chair' })).json().error.code).toBe('ROLE_EXISTS');
    expect((await streetA.delete(`/api/role-assignments/${res.json().id}`)).statusCode).toBe(200);
    const actions = (await streetA.get('/api/audit?action=role.')).json().items.map((r: { action: string }) => r.action);
    expect(actions.slice(0, 2)).toEqual(['role.revoke', 'role.assign']);
  });

  it('a cadre cannot revoke their own appointment', async () => {
    const me = (await streetA.get('/api/auth/me')).json();
    const res = await streetA.delete(`/api/role-assignments/${me.roles[0].id}`);
    expect(res.statusCode).toBe(403);
  });

  it('a read-only cadre cannot appoint anyone', async () => {
    const c = await f.user({ password: PASSWORD, roles: [{ org: tree.streetA, role: 'cadre' }] });
    const s = await loginWithPassword(ctx.app, c.phone, PASSWORD);
    const res = await s.post('/api/role-assignments', { userId: c.id, orgId: tree.entA.id, role: 'admin' });
    expect(res.statusCode).toBe(403);
  });
});

describe('every API route declares a policy', () => {
  it('refuses to register an /api route that has none', async () => {
    const { requireRoutePolicy } = await import('../../platform/http/route-policy');
    const bare = (await import('fastify')).default();
    bare.addHook('onRoute', requireRoutePolicy);
    expect(() => bare.get('/api/unguarded', async () => 'x')).toThrow(/no policy/);
    expect(() => bare.get('/api/guarded', { config: { policy: 'cadre' } }, async () => 'x')).not.toThrow();
  });
});
