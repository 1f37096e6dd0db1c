import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, loginWithPassword, type Session, type TestContext } from '../../test/context';
import { factories, PASSWORD } from '../../test/factories';
import { rebuildOrgCounters } from './counters';

let ctx: TestContext;
let f: ReturnType<typeof factories>;
let tree: Awaited<ReturnType<ReturnType<typeof factories>['province']>>;
let provinceAdmin: Session;
let streetACadre: Session;

beforeAll(async () => {
  ctx = await createTestContext();
  f = factories(ctx.deps);
  tree = await f.province();
  const pa = await f.user({ password: PASSWORD, roles: [{ org: tree.prov, role: 'admin' }] });
  const sa = await f.user({ password: PASSWORD, roles: [{ org: tree.streetA, role: 'admin' }] });
  provinceAdmin = await loginWithPassword(ctx.app, pa.phone, PASSWORD);
  streetACadre = await loginWithPassword(ctx.app, sa.phone, PASSWORD);
});
afterAll(() => ctx?.close());

describe('org tree browsing', () => {
  it('roots are the top of the actor\'s scope', async () => {
    expect((await provinceAdmin.get('/api/orgs/roots')).json().items.map((o: { id: string }) => o.id)).toEqual([tree.prov.id]);
    expect((await streetACadre.get('/api/orgs/roots')).json().items.map((o: { id: string }) => o.id)).toEqual([tree.streetA.id]);
  });

  it('lists children lazily, keyset-paginated', async () => {
    for (let i = 0; i < 5; i++) await f.org(tree.county, 'park', `园区${i}工会`);
    const names: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: { name: string }[]; nextCursor: string | null } = (await provinceAdmin.get(`/api/orgs/${tree.county.id}/children?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json();
      expect(page.items.length).toBeLessThanOrEqual(3);
      names.push(...page.items.map((o: { name: string }) => o.name));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(names).toHaveLength(5 + 2); // 5 parks + streets A and B, each once
    expect(new Set(names).size).toBe(names.length);
  });

  it('finds orgs by a part of the name, with the path inside the scope', async () => {
    const hits = (await provinceAdmin.get(`/api/orgs/search?q=${encodeURIComponent('科技')}`)).json().items;
    expect(hits[0]).toMatchObject({ id: tree.entA.id, pathNames: ['测试省总工会', '测试市总工会', '测试区总工会', '甲街道总工会'] });
    const scoped = (await streetACadre.get(`/api/orgs/search?q=${encodeURIComponent('工会')}`)).json().items;
    expect(scoped.map((o: { id: string }) => o.id).sort()).toEqual([tree.streetA.id, tree.entA.id].sort());
    expect(scoped.find((o: { id: string }) => o.id === tree.entA.id).pathNames).toEqual(['甲街道总工会']);
  });

  it('shows counters and the ancestors the actor may see', async () => {
    const d = (await streetACadre.get(`/api/orgs/${tree.entA.id}`)).json();
    expect(d.ancestors.map((a: { name: string }) => a.name)).toEqual(['甲街道总工会']);
    expect(d.counters).toMatchObject({ orgsTotal: 1, children: 0 });
  });
});

describe('org scope is the security boundary', () => {
  it('a street A cadre gets 404 for street B and everything under it', async () => {
    for (const url of [`/api/orgs/${tree.streetB.id}`, `/api/orgs/${tree.entB.id}`, `/api/orgs/${tree.streetB.id}/children`, `/api/orgs/${tree.county.id}`]) {
      const res = await streetACadre.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
  });

  it('a street A cadre cannot create an org under street B (404, nothing written)', async () => {
    const before = await ctx.deps.database.db.selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await streetACadre.post('/api/orgs', { parentId: tree.streetB.id, name: '越权社区工会', kind: 'community' });
    expect(res.statusCode).toBe(404);
    const after = await ctx.deps.database.db.selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('creating orgs keeps subtree counters exact', () => {
  it('adds the node to every ancestor\'s counters in the same transaction', async () => {
    const before = (await provinceAdmin.get(`/api/orgs/${tree.prov.id}`)).json().counters;
    const res = await streetACadre.post('/api/orgs', { parentId: tree.streetA.id, name: '幸福社区工会', kind: 'community' });
    expect(res.statusCode).toBe(201);
    const after = (await provinceAdmin.get(`/api/orgs/${tree.prov.id}`)).json().counters;
    expect(after.orgsTotal).toBe(before.orgsTotal + 1);
    expect((await streetACadre.get(`/api/orgs/${tree.streetA.id}`)).json().counters.children).toBe(2);
  });

  it('checks the kind hierarchy and the 统一社会信用代码', async () => {
    const wrongKind = await streetACadre.post('/api/orgs', { parentId: tree.streetA.id, name: '某市总工会', kind: 'city' });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error.details.fields[0].path).toBe('kind');
    const badUscc = await streetACadre.post('/api/orgs', { parentId: tree.streetA.id, name: '某某有限公司工会', kind: 'enterprise', uscc: '91440300MA5FXXXX1X' });
    expect(badUscc.statusCode).toBe(400);
    expect(badUscc.json().error.message).toMatch(/统一社会信用代码/);
  });

  it('member counters match a recount from the records', async () => {
    await f.member(tree.entA);
    await f.member(tree.entA);
    await f.member(tree.entB);
    const incremental = await ctx.deps.database.db.selectFrom('org_counters').selectAll().orderBy('org_id').execute();
    await rebuildOrgCounters(ctx.deps.database.db);
    const rebuilt = await ctx.deps.database.db.selectFrom('org_counters').selectAll().orderBy('org_id').execute();
    expect(rebuilt).toEqual(incremental);
    const prov = (await provinceAdmin.get(`/api/orgs/${tree.prov.id}`)).json();
    expect(prov.counters.membersTotal).toBe(3);
    expect((await provinceAdmin.get(`/api/orgs/${tree.entA.id}`)).json().counters.membersDirect).toBe(2);
  });

  it('stays exact under concurrent changes in sibling subtrees (no lost updates, no deadlock)', async () => {
    const before = (await provinceAdmin.get(`/api/orgs/${tree.prov.id}`)).json().counters.membersTotal;
    await Promise.all(Array.from({ length: 24 }, (_, i) => f.member(i % 2 ? tree.entA : tree.entB)));
    const after = (await provinceAdmin.get(`/api/orgs/${tree.prov.id}`)).json().counters.membersTotal;
    expect(after).toBe(before + 24);
    const recount = await ctx.deps.database.db.selectFrom('members').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'active').executeTakeFirstOrThrow();
    expect(after).toBe(Number(recount.n));
  });
});

