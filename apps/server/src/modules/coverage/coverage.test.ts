import { makeUscc } from '@gonghui/contracts';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber } from '../../platform/crypto/pii';
import { createTestContext, loginWithPassword, type Session, type TestContext } from '../../test/context';
import { factories, PASSWORD, type TestOrg } from '../../test/factories';
import { adjustMemberCounters, rebuildOrgCounters, shanghaiToday } from '../orgs/counters';
import { addDays } from './service';

let ctx: TestContext;
let f: ReturnType<typeof factories>;
let tree: Awaited<ReturnType<ReturnType<typeof factories>['province']>>;
let streetC: TestOrg;
let entC1: TestOrg;
let entC2: TestOrg;
let chairC: Session;
let auditorC: Session;
let cadreA: Session;
const T = shanghaiToday();

/** A member joining on `day` the way the join flow does it: record + counters + daily row, one transaction. */
async function join(org: TestOrg, day: string, verified = false): Promise<string> {
  const id = uuidv7();
  const idNo = f.idNumber();
  await ctx.deps.database.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('members')
      .values({ id, org_id: org.id, org_path: org.path, user_id: null, name: '统计会员', id_no_enc: ctx.deps.cipher.encrypt(idNo), id_no_hash: ctx.deps.cipher.blindIndex('idno', idNo), id_no_masked: maskIdNumber(idNo), phone_enc: null, phone_hash: null, phone_masked: null, gender: 'F', birth_date: '1990-01-01', joined_at: day, verified })
      .execute();
    await adjustMemberCounters(trx, org.path, 1, { verified: verified ? 1 : 0, day });
  });
  return id;
}

async function leave(memberId: string, org: TestOrg, day: string, verified: boolean) {
  await ctx.deps.database.db.transaction().execute(async (trx) => {
    await trx.updateTable('members').set({ status: 'left', ended_at: day }).where('id', '=', memberId).execute();
    await adjustMemberCounters(trx, org.path, -1, { verified: verified ? -1 : 0, day });
  });
}

beforeAll(async () => {
  ctx = await createTestContext();
  f = factories(ctx.deps);
  tree = await f.province();
  streetC = await f.org(tree.county, 'street', '丙街道总工会');
  entC1 = await f.org(streetC, 'enterprise', '丙一电子有限公司工会');
  entC2 = await f.org(streetC, 'enterprise', '丙二纺织有限公司工会');
  const login = async (org: TestOrg, role: 'chair' | 'auditor' | 'admin') =>
    loginWithPassword(ctx.app, (await f.user({ password: PASSWORD, roles: [{ org, role }] })).phone, PASSWORD);
  chairC = await login(streetC, 'chair');
  auditorC = await login(streetC, 'auditor');
  cadreA = await login(tree.streetA, 'admin');

  // T-100: two join entC1 (one verified); T-40: one joins entC2; T-10: three join entC1 (two verified);
  // T-2: a verified one of those leaves; today: one joins entC2.
  await join(entC1, addDays(T, -100), true);
  await join(entC1, addDays(T, -100));
  await join(entC2, addDays(T, -40));
  const v = await join(entC1, addDays(T, -10), true);
  await join(entC1, addDays(T, -10), true);
  await join(entC1, addDays(T, -10));
  await leave(v, entC1, addDays(T, -2), true);
  await join(entC2, T);
});
afterAll(() => ctx?.close());

describe('coverage statistics (GET /api/orgs/:id/stats)', () => {
  it('counts members, 实名率 and the last 30 days from the counters', async () => {
    const res = await chairC.get(`/api/orgs/${streetC.id}/stats`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({ orgName: '丙街道总工会', asOf: T, membersTotal: 6, membersDirect: 0, verifiedTotal: 2, newMembers30d: 4, orgsTotal: 3, children: 2 });
    expect(s.realNameRate).toBeCloseTo(2 / 6);
    expect(s.joinRate).toBeNull(); // no headcount yet
    expect(s.unionisationRate).toBeNull(); // no register yet
  });

  it('rebuilds the 90-day trend backwards from today\'s total', async () => {
    const { trend } = (await chairC.get(`/api/orgs/${streetC.id}/stats`)).json() as { trend: { day: string; membersTotal: number; joined: number; left: number }[] };
    expect(trend).toHaveLength(90);
    expect(trend[0]!.day).toBe(addDays(T, -89));
    expect(trend.at(-1)!.day).toBe(T);
    const at = (d: number) => trend.find((p) => p.day === addDays(T, d))!;
    expect(at(-89).membersTotal).toBe(2); // the T-100 joins lie before the window
    expect(at(-41).membersTotal).toBe(2);
    expect(at(-40)).toEqual({ day: addDays(T, -40), membersTotal: 3, joined: 1, left: 0 });
    expect(at(-10)).toMatchObject({ membersTotal: 6, joined: 3 });
    expect(at(-2)).toMatchObject({ membersTotal: 5, left: 1 });
    expect(at(0)).toMatchObject({ membersTotal: 6, joined: 1 });
    // any node: its own daily rows already sum its subtree
    const ent = (await chairC.get(`/api/orgs/${entC1.id}/stats?days=30`)).json();
    expect(ent.trend).toHaveLength(30);
    expect(ent.membersTotal).toBe(4);
    expect(ent.trend.at(-1).membersTotal).toBe(4);
  });

  it('入会率 follows headcount changes, 建会率 follows the register', async () => {
    expect((await chairC.request('PATCH', `/api/orgs/${entC1.id}/employees`, { employees: 10 })).json()).toEqual({ employees: 10, employeesTotal: 10 });
    await chairC.request('PATCH', `/api/orgs/${entC2.id}/employees`, { employees: 5 });
    await chairC.request('PATCH', `/api/orgs/${entC1.id}/employees`, { employees: 9 });
    const bad = await chairC.request('PATCH', `/api/orgs/${entC1.id}/employees`, { employees: -1 });
    expect(bad.statusCode).toBe(400);

    const code = makeUscc('91440300MC0000001');
    await ctx.deps.database.db.updateTable('orgs').set({ uscc: code }).where('id', '=', entC1.id).execute();
    await chairC.post('/api/enterprises', { areaOrgId: streetC.id, name: '丙一电子有限公司', uscc: code, headcount: 30 }); // auto-linked
    await chairC.post('/api/enterprises', { areaOrgId: streetC.id, name: '丙三五金有限公司', uscc: makeUscc('91440300MC0000002'), headcount: 100 });
    await chairC.post('/api/enterprises', { areaOrgId: streetC.id, name: '丙四小吃店', uscc: makeUscc('91440300MC0000003'), headcount: 10 });

    const s = (await chairC.get(`/api/orgs/${streetC.id}/stats`)).json();
    expect(s).toMatchObject({ employeesTotal: 14, employees: 0, entRequired: 2, entUnionised: 1, canEditEmployees: true });
    expect(s.joinRate).toBeCloseTo(6 / 14);
    expect(s.unionisationRate).toBe(0.5);
    expect(s.topChildren).toEqual([
      expect.objectContaining({ id: entC1.id, membersTotal: 4, employeesTotal: 9, joinRate: 4 / 9 }),
      expect.objectContaining({ id: entC2.id, membersTotal: 2, employeesTotal: 5, joinRate: 2 / 5 }),
    ]);
    expect((await chairC.get(`/api/orgs/${streetC.id}/stats?top=1`)).json().topChildren).toHaveLength(1);
    const prov = (await loginWithPassword(ctx.app, (await f.user({ password: PASSWORD, roles: [{ org: tree.prov, role: 'auditor' }] })).phone, PASSWORD)).get(`/api/orgs/${tree.prov.id}/stats`);
    expect((await prov).json()).toMatchObject({ membersTotal: 6, employeesTotal: 14, entRequired: 2, entUnionised: 1 });
  });

  it('incremental counters and daily rows equal a full rebuild', async () => {
    const db = ctx.deps.database.db;
    const counters = () => db.selectFrom('org_counters').selectAll().orderBy('org_id').execute();
    const daily = () => db.selectFrom('org_daily').selectAll().where((eb) => eb.or([eb('joined', '>', 0), eb('left_count', '>', 0)])).orderBy('org_id').orderBy('day').execute();
    const [c1, d1] = [await counters(), await daily()];
    await rebuildOrgCounters(db);
    expect(await counters()).toEqual(c1);
    expect(await daily()).toEqual(d1);
    expect((await chairC.get(`/api/orgs/${streetC.id}/stats`)).json()).toMatchObject({ membersTotal: 6, verifiedTotal: 2, newMembers30d: 4, employeesTotal: 14, entRequired: 2, entUnionised: 1 });
  });
});

describe('permissions and scope', () => {
  it('a street A cadre gets 404 for street C\'s stats and headcount', async () => {
    expect((await cadreA.get(`/api/orgs/${streetC.id}/stats`)).statusCode).toBe(404);
    expect((await cadreA.get(`/api/orgs/${entC1.id}/stats`)).statusCode).toBe(404);
    expect((await cadreA.request('PATCH', `/api/orgs/${entC1.id}/employees`, { employees: 1 })).statusCode).toBe(404);
  });

  it('an auditor reads the figures but may not change a headcount (403)', async () => {
    const s = (await auditorC.get(`/api/orgs/${streetC.id}/stats`)).json();
    expect(s.canEditEmployees).toBe(false);
    expect((await auditorC.request('PATCH', `/api/orgs/${entC1.id}/employees`, { employees: 1 })).statusCode).toBe(403);
  });

  it('the OpenAPI document includes the new routes', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const p of ['/api/orgs/{id}/stats', '/api/enterprises', '/api/founding', '/api/founding/{id}/congress']) expect(doc.paths[p], p).toBeDefined();
  });
});
