import { makeUscc, MUST_UNIONISE_HEADCOUNT } from '@gonghui/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, loginWithPassword, type Session, type TestContext } from '../../test/context';
import { factories, PASSWORD } from '../../test/factories';
import { rebuildOrgCounters } from '../orgs/counters';

let ctx: TestContext;
let f: ReturnType<typeof factories>;
let tree: Awaited<ReturnType<ReturnType<typeof factories>['province']>>;
let cadreA: Session; // 甲街道 cadre: enterprise.manage
let cadreB: Session;
let viceA: Session; // 甲街道 vice-chair: reads, no enterprise.manage
let provAdmin: Session;

let usccSeq = 0;
const uscc = () => makeUscc(`91440300MB${String(++usccSeq).padStart(7, '0')}`);

const entry = (over: Record<string, unknown> = {}) => ({
  areaOrgId: tree.streetA.id,
  name: '甲精密机械有限公司',
  uscc: uscc(),
  headcount: 80,
  industry: '制造业',
  address: '甲街道机械路 1 号',
  contactName: '陈经理',
  contactPhone: '13698765432',
  ...over,
});

async function ent(orgId: string) {
  const c = await ctx.deps.database.db.selectFrom('org_counters').select(['ent_required_total', 'ent_unionised_total']).where('org_id', '=', orgId).executeTakeFirstOrThrow();
  return [c.ent_required_total, c.ent_unionised_total];
}

beforeAll(async () => {
  ctx = await createTestContext();
  f = factories(ctx.deps);
  tree = await f.province();
  const login = async (org: typeof tree.prov, role: 'cadre' | 'vice_chair' | 'admin') =>
    loginWithPassword(ctx.app, (await f.user({ password: PASSWORD, roles: [{ org, role }] })).phone, PASSWORD);
  cadreA = await login(tree.streetA, 'cadre');
  cadreB = await login(tree.streetB, 'cadre');
  viceA = await login(tree.streetA, 'vice_chair');
  provAdmin = await login(tree.prov, 'admin');
});
afterAll(() => ctx?.close());

describe('enterprise register (非公企业数据库)', () => {
  let id: string;

  it('must unionise from 25 employees on', () => {
    expect(MUST_UNIONISE_HEADCOUNT).toBe(25);
  });

  it('registers an enterprise, masks and encrypts the contact phone, counts it as 应建', async () => {
    const res = await cadreA.post('/api/enterprises', entry());
    expect(res.statusCode).toBe(201);
    const e = res.json();
    id = e.id;
    expect(e).toMatchObject({ areaOrgName: '甲街道总工会', headcount: 80, mustUnionise: true, unionOrg: null, contactPhoneMasked: '136****5432' });
    const row = await ctx.deps.database.db.selectFrom('enterprises').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(ctx.deps.cipher.decrypt(row.contact_phone_enc!)).toBe('13698765432');
    expect(row.contact_phone_enc).not.toContain('13698765432');
    expect(await ent(tree.streetA.id)).toEqual([1, 0]);
    expect(await ent(tree.prov.id)).toEqual([1, 0]);
  });

  it('keeps the counters right when the headcount crosses 25, a union is linked or unlinked', async () => {
    const small = await cadreA.request('PATCH', `/api/enterprises/${id}`, { headcount: 20 });
    expect(small.json()).toMatchObject({ mustUnionise: false });
    expect(await ent(tree.streetA.id)).toEqual([0, 0]);
    await cadreA.request('PATCH', `/api/enterprises/${id}`, { headcount: 25 });
    expect(await ent(tree.streetA.id)).toEqual([1, 0]);
    const linked = await cadreA.request('PATCH', `/api/enterprises/${id}`, { unionOrgId: tree.entA.id });
    expect(linked.json().unionOrg).toEqual({ id: tree.entA.id, name: '甲科技有限公司工会' });
    expect(await ent(tree.streetA.id)).toEqual([1, 1]);
    expect(await ent(tree.county.id)).toEqual([1, 1]);
    // a linked union below the threshold does not count towards 建会率
    await cadreA.request('PATCH', `/api/enterprises/${id}`, { headcount: 10 });
    expect(await ent(tree.streetA.id)).toEqual([0, 0]);
    await cadreA.request('PATCH', `/api/enterprises/${id}`, { headcount: 30, contactPhone: null, industry: null });
    const unlinked = await cadreA.request('PATCH', `/api/enterprises/${id}`, { unionOrgId: null });
    expect(unlinked.json()).toMatchObject({ unionOrg: null, contactPhoneMasked: null, industry: null, address: '甲街道机械路 1 号', name: '甲精密机械有限公司' });
    expect(await ent(tree.streetA.id)).toEqual([1, 0]);
  });

  it('links a union with the same USCC automatically on create', async () => {
    const code = uscc();
    await ctx.deps.database.db.updateTable('orgs').set({ uscc: code }).where('id', '=', tree.entA.id).execute();
    const res = await cadreA.post('/api/enterprises', entry({ name: '甲科技有限公司', uscc: code, headcount: 200 }));
    expect(res.json().unionOrg).toEqual({ id: tree.entA.id, name: '甲科技有限公司工会' });
    expect(await ent(tree.streetA.id)).toEqual([2, 1]);
    // the union cannot be linked to a second entry
    const again = await cadreA.request('PATCH', `/api/enterprises/${id}`, { unionOrgId: tree.entA.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('UNION_ALREADY_LINKED');
  });

  it('refuses a second entry with the same USCC, a bad USCC and an enterprise union as the area', async () => {
    const code = uscc();
    expect((await cadreA.post('/api/enterprises', entry({ uscc: code }))).statusCode).toBe(201);
    const dup = await cadreA.post('/api/enterprises', entry({ uscc: code }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('ENTERPRISE_EXISTS');
    const bad = await cadreA.post('/api/enterprises', entry({ uscc: code.slice(0, 17) + (code[17] === '0' ? '1' : '0') }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].path).toBe('uscc');
    const area = await cadreA.post('/api/enterprises', entry({ areaOrgId: tree.entA.id }));
    expect(area.statusCode).toBe(400);
    expect(area.json().error.details.fields[0].path).toBe('areaOrgId');
  });

  it('lists with filters and keyset pages', async () => {
    for (let i = 0; i < 4; i++) await cadreA.post('/api/enterprises', entry({ name: `甲小微商贸${i}号有限公司`, headcount: 5 + i }));
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { name: string }[]; nextCursor: string | null } = (await cadreA.get(`/api/enterprises?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json();
      all.push(...page.items.map((e) => e.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(all).toHaveLength(7);
    expect([...all].sort()).toEqual(all.slice().sort());
    const small = (await cadreA.get('/api/enterprises?mustUnionise=false')).json().items;
    expect(small).toHaveLength(4);
    const withUnion = (await cadreA.get('/api/enterprises?hasUnion=true')).json().items;
    expect(withUnion.map((e: { name: string }) => e.name)).toEqual(['甲科技有限公司']);
    const byName = (await cadreA.get(`/api/enterprises?q=${encodeURIComponent('小微')}`)).json().items;
    expect(byName).toHaveLength(4);
    const code = (await ctx.deps.database.db.selectFrom('orgs').select('uscc').where('id', '=', tree.entA.id).executeTakeFirstOrThrow()).uscc!;
    expect((await cadreA.get(`/api/enterprises?q=${code.toLowerCase()}`)).json().items.map((e: { name: string }) => e.name)).toEqual(['甲科技有限公司']);
  });

  it('summarises 建会率 from the counters', async () => {
    const s = (await cadreA.get(`/api/enterprises/summary?orgId=${tree.streetA.id}`)).json();
    expect(s).toMatchObject({ orgName: '甲街道总工会', total: 7, required: 3, unionised: 1, canManage: true });
    expect(s.unionisationRate).toBeCloseTo(1 / 3);
    expect((await viceA.get(`/api/enterprises/summary?orgId=${tree.streetA.id}`)).json().canManage).toBe(false);
  });

  it('deletes an entry and takes it off the counters', async () => {
    const [req] = await ent(tree.streetA.id);
    expect((await cadreA.delete(`/api/enterprises/${id}`)).statusCode).toBe(200);
    expect(await ent(tree.streetA.id)).toEqual([req! - 1, 1]);
    expect((await cadreA.get(`/api/enterprises/${id}`)).statusCode).toBe(404);
  });

  it('moves an entry to another area, counters follow', async () => {
    const e = (await provAdmin.post('/api/enterprises', entry({ name: '迁移物流有限公司', headcount: 50 }))).json();
    const beforeA = await ent(tree.streetA.id);
    const beforeB = await ent(tree.streetB.id);
    const moved = await provAdmin.request('PATCH', `/api/enterprises/${e.id}`, { areaOrgId: tree.streetB.id });
    expect(moved.json().areaOrgName).toBe('乙街道总工会');
    expect(await ent(tree.streetA.id)).toEqual([beforeA[0]! - 1, beforeA[1]]);
    expect(await ent(tree.streetB.id)).toEqual([beforeB[0]! + 1, beforeB[1]]);
  });

  it('the counters equal a full recount', async () => {
    const db = ctx.deps.database.db;
    const incremental = await db.selectFrom('org_counters').selectAll().orderBy('org_id').execute();
    await rebuildOrgCounters(db);
    expect(await db.selectFrom('org_counters').selectAll().orderBy('org_id').execute()).toEqual(incremental);
  });
});

describe('org scope', () => {
  it('a street A cadre gets 404 for street B\'s register entries and cannot write there', async () => {
    const b = (await cadreB.post('/api/enterprises', entry({ areaOrgId: tree.streetB.id, name: '乙食品有限公司' }))).json();
    for (const res of [
      await cadreA.get(`/api/enterprises/${b.id}`),
      await cadreA.request('PATCH', `/api/enterprises/${b.id}`, { headcount: 1 }),
      await cadreA.delete(`/api/enterprises/${b.id}`),
      await cadreA.get(`/api/enterprises?orgId=${tree.streetB.id}`),
      await cadreA.get(`/api/enterprises/summary?orgId=${tree.streetB.id}`),
      await cadreA.post('/api/enterprises', entry({ areaOrgId: tree.streetB.id })),
    ]) {
      expect(res.statusCode).toBe(404);
    }
    const mine = (await cadreA.get('/api/enterprises?limit=100')).json().items;
    expect(mine.every((e: { areaOrgId: string }) => e.areaOrgId === tree.streetA.id)).toBe(true);
    expect((await provAdmin.get(`/api/enterprises?orgId=${tree.streetB.id}`)).json().items.map((e: { name: string }) => e.name)).toContain('乙食品有限公司');
    // a union outside the actor's scope cannot be linked
    const linkOut = await cadreA.post('/api/enterprises', entry({ unionOrgId: tree.entB.id }));
    expect(linkOut.statusCode).toBe(400);
    expect(linkOut.json().error.details.fields[0].path).toBe('unionOrgId');
  });

  it('reading needs stats.read, writing enterprise.manage (vice-chair: 403)', async () => {
    expect((await viceA.get('/api/enterprises')).statusCode).toBe(200);
    expect((await viceA.post('/api/enterprises', entry())).statusCode).toBe(403);
  });
});
