import type { CaseStats, CaseStatus, CaseType } from '@gonghui/contracts';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, loginWithPassword, Session, type TestContext } from '../../test/context';
import { factories, PASSWORD, type TestOrg } from '../../test/factories';
import { shanghaiToday } from '../orgs/counters';
import { chinaDayStart, getCaseStats, resolvePeriod } from './analytics';

let ctx: TestContext;
let f: ReturnType<typeof factories>;
let tree: Awaited<ReturnType<ReturnType<typeof factories>['province']>>;
let entA2: TestOrg;
let emptyStreet: TestOrg;
let canteen: string;
let chairA: Session;
let auditorA: Session;
let cadreB: Session;
let countyChair: Session;

/** An instant given as China wall-clock time 'YYYY-MM-DD HH:mm'. */
function cn(at: string): Date {
  return new Date(`${at.replace(' ', 'T')}:00+08:00`);
}

type CaseSeed = {
  origin: TestOrg;
  handler?: TestOrg;
  type?: CaseType;
  status: CaseStatus;
  created: string;
  resolved?: string;
  rating?: number;
  overdue?: boolean;
  categoryId?: string;
  words?: string[];
};

/** Inserts a case row directly, with only what the statistics read (the columns the migration requires). */
async function insertCase(s: CaseSeed): Promise<string> {
  const id = uuidv7();
  const handler = s.handler ?? s.origin;
  const created = cn(s.created);
  await ctx.deps.database.db
    .insertInto('cases')
    .values({
      id,
      type: s.type ?? 'appeal',
      category_id: s.categoryId ?? null,
      title: '测试诉求',
      content: '测试诉求内容',
      channel: 'app',
      status: s.status,
      origin_org_id: s.origin.id,
      origin_path: s.origin.path,
      org_id: handler.id,
      org_path: handler.path,
      submitter_key: `test:${id}`,
      resolved_at: s.resolved ? cn(s.resolved) : null,
      rating: s.rating ?? null,
      overdue_at: s.overdue ? new Date(created.getTime() + 3 * 86_400_000) : null,
      words: s.words ?? [],
      created_at: created,
      updated_at: created,
    })
    .execute();
  return id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  f = factories(ctx.deps);
  tree = await f.province();
  entA2 = await f.org(tree.streetA, 'enterprise', '甲二食品有限公司工会');
  emptyStreet = await f.org(tree.county, 'street', '丁街道总工会');
  canteen = uuidv7();
  await ctx.deps.database.db.insertInto('case_categories').values({ id: canteen, type: 'appeal', name: '食堂' }).execute();

  const login = async (org: TestOrg, role: 'chair' | 'auditor' | 'cadre' | 'partner') =>
    loginWithPassword(ctx.app, (await f.user({ password: PASSWORD, roles: [{ org, role }] })).phone, PASSWORD);
  chairA = await login(tree.streetA, 'chair');
  auditorA = await login(tree.streetA, 'auditor');
  cadreB = await login(tree.streetB, 'cadre');
  countyChair = await login(tree.county, 'chair');

  const { streetA, entA, entB, county } = tree;
  // In the period 2026-03-01 … 2026-03-10 (China time), raised in street A's subtree:
  await insertCase({ origin: entA, status: 'closed', created: '2026-03-01 06:00', resolved: '2026-03-01 17:00', rating: 5, categoryId: canteen, words: ['食堂', '公司', '饭菜'] }); // 11 h; 22:00 UTC on 02-28
  await insertCase({ origin: entA, status: 'resolved', created: '2026-03-02 10:00', resolved: '2026-03-04 10:00', rating: 3, categoryId: canteen, words: ['食堂', '价格'] }); // 48 h
  await insertCase({ origin: entA2, handler: county, type: 'wage_arrears', status: 'resolved', created: '2026-03-03 08:00', resolved: '2026-03-03 20:00', words: ['拖欠', '工资'] }); // 12 h, handled by the county
  await insertCase({ origin: entA2, type: 'wage_arrears', status: 'in_progress', created: '2026-03-06 07:00', overdue: true, words: ['拖欠', '工资', '老板'] }); // UTC day is 03-05
  await insertCase({ origin: streetA, status: 'submitted', created: '2026-03-06 12:00', words: ['宿舍'] }); // raised at the street itself: no child
  await insertCase({ origin: entA, status: 'withdrawn', created: '2026-03-07 12:00', words: ['食堂'] });
  await insertCase({ origin: entA, status: 'rejected', created: '2026-03-08 12:00' });
  await insertCase({ origin: entA, status: 'assigned', created: '2026-03-10 23:59', overdue: true, words: ['食堂'] });
  // Outside the period: raised before (but resolved inside: counts in the resolved trend only) and after.
  await insertCase({ origin: entA, status: 'closed', created: '2026-02-28 12:00', resolved: '2026-03-02 08:00', rating: 1, words: ['停车'] });
  await insertCase({ origin: entA, status: 'submitted', created: '2026-03-11 00:00', words: ['停车'] }); // 16:00 UTC on 03-10
  // Another street's worker, handled by street A: not street A's statistic (scope is by origin).
  await insertCase({ origin: entB, handler: streetA, status: 'resolved', created: '2026-03-02 09:00', resolved: '2026-03-02 10:00', rating: 2, words: ['班车'] });
});

afterAll(async () => {
  await ctx?.close();
});

const PERIOD = 'from=2026-03-01&to=2026-03-10';

async function stats(s: Session, query: string): Promise<CaseStats> {
  const res = await s.get(`/api/cases/stats?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CaseStats>();
}

describe('GET /api/cases/stats (诉求统计)', () => {
  it('computes every metric of a street subtree by hand-counted expectations', async () => {
    const s = await stats(chairA, `orgId=${tree.streetA.id}&${PERIOD}`);
    expect(s).toMatchObject({ orgId: tree.streetA.id, orgName: '甲街道总工会', from: '2026-03-01', to: '2026-03-10' });
    expect(s.total).toBe(8);
    expect(s.open).toBe(3); // in_progress, submitted, assigned
    expect(s.closedOrResolved).toBe(3);
    expect(s.closureRate).toBeCloseTo(3 / 7); // the withdrawn case is left out of the denominator
    expect(s.within24hRate).toBeCloseTo(2 / 3); // 11 h and 12 h of 11, 48, 12
    expect(s.medianHours).toBeCloseTo(12);
    expect(s.overdue).toBe(2);
    expect(s.satisfaction).toBeCloseTo(4); // (5 + 3) / 2; the out-of-period 1 does not count
    expect(s.ratings).toEqual([
      { rating: 1, count: 0 },
      { rating: 2, count: 0 },
      { rating: 3, count: 1 },
      { rating: 4, count: 0 },
      { rating: 5, count: 1 },
    ]);
    expect(s.byType).toEqual([
      { type: 'appeal', count: 6 },
      { type: 'wage_arrears', count: 2 },
    ]);
    expect(s.byCategory).toEqual([
      { category: '未分类', count: 6 },
      { category: '食堂', count: 2 },
    ]);
    const byStatus = Object.fromEntries(s.byStatus.map((x) => [x.status, x.count]));
    expect(byStatus).toEqual({ closed: 1, resolved: 2, in_progress: 1, submitted: 1, withdrawn: 1, rejected: 1, assigned: 1 });
    expect(s.byStatus.map((x) => x.count)).toEqual([2, 1, 1, 1, 1, 1, 1]); // most first
    expect(s.byChild).toEqual([
      { orgId: tree.entA.id, orgName: tree.entA.name, count: 5, closureRate: 2 / 4 },
      { orgId: entA2.id, orgName: entA2.name, count: 2, closureRate: 1 / 2 },
    ]);
    expect(s.trend).toHaveLength(10);
    expect(s.trend.map((d) => d.day)).toEqual(Array.from({ length: 10 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`));
    expect(s.trend.map((d) => d.submitted)).toEqual([1, 1, 1, 0, 0, 2, 1, 1, 0, 1]);
    // resolved on the day, whenever raised: the case of 02-28 was resolved on 03-02
    expect(s.trend.map((d) => d.resolved)).toEqual([1, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    const words = Object.fromEntries(s.words.map((w) => [w.word, w.count]));
    expect(words).toEqual({ 食堂: 4, 拖欠: 2, 工资: 2, 饭菜: 1, 价格: 1, 老板: 1, 宿舍: 1 }); // 公司 stored, but a stopword now
    expect(s.words[0]).toEqual({ word: '食堂', count: 4 });
  });

  it('filters by type', async () => {
    const s = await stats(auditorA, `orgId=${tree.streetA.id}&${PERIOD}&type=wage_arrears`);
    expect(s.total).toBe(2);
    expect(s.byType).toEqual([{ type: 'wage_arrears', count: 2 }]);
    expect(s.closureRate).toBeCloseTo(1 / 2);
    expect(s.medianHours).toBeCloseTo(12);
    expect(s.satisfaction).toBeNull();
    expect(s.byChild).toEqual([
      { orgId: entA2.id, orgName: entA2.name, count: 2, closureRate: 1 / 2 },
      { orgId: tree.entA.id, orgName: tree.entA.name, count: 0, closureRate: null },
    ]);
    expect(s.trend.map((d) => d.resolved)).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(s.words.map((w) => w.word).sort()).toEqual(['工资', '拖欠', '老板'].sort());
  });

  it('a county sees its streets compared, each counting the cases raised in it', async () => {
    const s = await stats(countyChair, `orgId=${tree.county.id}&${PERIOD}`);
    expect(s.total).toBe(9);
    expect(s.byChild).toEqual([
      { orgId: tree.streetA.id, orgName: '甲街道总工会', count: 8, closureRate: 3 / 7 },
      { orgId: tree.streetB.id, orgName: '乙街道总工会', count: 1, closureRate: 1 },
      { orgId: emptyStreet.id, orgName: '丁街道总工会', count: 0, closureRate: null },
    ]);
    expect(s.satisfaction).toBeCloseTo((5 + 3 + 2) / 3);
    expect(s.within24hRate).toBeCloseTo(3 / 4);
    expect(s.medianHours).toBeCloseTo((11 + 12) / 2); // 1, 11, 12, 48 h
  });

  it('an org without cases has zero counts and null rates', async () => {
    const s = await stats(countyChair, `orgId=${emptyStreet.id}&${PERIOD}`);
    expect(s).toMatchObject({ total: 0, open: 0, closedOrResolved: 0, closureRate: null, within24hRate: null, medianHours: null, overdue: 0, satisfaction: null });
    expect(s.byType).toEqual([]);
    expect(s.byChild).toEqual([]);
    expect(s.words).toEqual([]);
    expect(s.ratings.every((r) => r.count === 0)).toBe(true);
    expect(s.trend.every((d) => d.submitted === 0 && d.resolved === 0)).toBe(true);
  });

  it('opens on the actor’s own org and the last 30 days by default', async () => {
    const s = await stats(chairA, '');
    expect(s.orgId).toBe(tree.streetA.id);
    const today = shanghaiToday();
    expect(s.to).toBe(today);
    expect(s.trend).toHaveLength(30);
    expect(s.trend[29]!.day).toBe(today);
    expect(s.from).toBe(s.trend[0]!.day);
  });

  it('another subtree is not found', async () => {
    for (const [who, org] of [
      [cadreB, tree.streetA],
      [chairA, tree.streetB],
      [chairA, tree.county],
    ] as const) {
      const res = await who.get(`/api/cases/stats?orgId=${org.id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
    expect((await new Session(ctx.app).get('/api/cases/stats')).statusCode).toBe(401);
  });

  it('a partner (承办人员, case.work only) reads no statistics: 404 for an org, 403 without one', async () => {
    const u = await f.user({ password: PASSWORD, roles: [{ org: tree.streetA, role: 'partner' }] });
    const partnerA = await loginWithPassword(ctx.app, u.phone, PASSWORD);
    expect((await partnerA.get(`/api/cases/stats?orgId=${tree.streetA.id}`)).statusCode).toBe(404);
    const res = await partnerA.get('/api/cases/stats');
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'FORBIDDEN', message: '没有查看诉求统计的权限' } });
  });

  it('rejects bad parameters with Chinese messages naming the field', async () => {
    const cases: [string, RegExp][] = [
      ['from=2026/03/01', /开始/],
      ['from=2026-02-30', /开始日期不是有效的日期/],
      ['to=2026-13-01', /结束日期不是有效的日期/],
      ['from=2026-03-10&to=2026-03-01', /开始日期不能晚于结束日期/],
      ['from=2024-01-01&to=2025-12-31', /不能超过 366 天/],
      ['type=bogus', /事项类型/],
      ['orgId=not-a-uuid', /组织/],
    ];
    for (const [query, message] of cases) {
      const res = await chairA.get(`/api/cases/stats?${query}`);
      expect(res.statusCode, query).toBe(400);
      const body = res.json<{ error: { code: string; message: string } }>();
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.message, query).toMatch(message);
    }
  });
});

describe('period helpers', () => {
  it('China days start at 16:00 UTC of the previous day', () => {
    expect(chinaDayStart('2026-03-01').toISOString()).toBe('2026-02-28T16:00:00.000Z');
  });
  it('defaults to the 30 days ending today (China time) and accepts a leap-year range of 366 days', () => {
    const now = new Date('2026-05-31T17:00:00Z'); // already 06-01 in China
    expect(resolvePeriod({}, now)).toMatchObject({ from: '2026-05-03', to: '2026-06-01' });
    expect(resolvePeriod({ from: '2024-01-01', to: '2024-12-31' }, now).end.toISOString()).toBe('2024-12-31T16:00:00.000Z');
  });
  it('the service refuses a cadre without case rights before touching the period', async () => {
    const actor = { userId: uuidv7(), name: 'x', isSuperAdmin: false, roles: [{ assignmentId: 'a', orgId: tree.streetA.id, orgPath: tree.streetA.path, role: 'partner' as const }], sessionId: 's', csrfToken: 't' };
    await expect(getCaseStats(ctx.deps, actor, { from: 'garbage' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
