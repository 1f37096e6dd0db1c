import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, loginWithPassword, loginWithSms, type Session, type TestContext } from '../../test/context';
import { factories, PASSWORD } from '../../test/factories';

/**
 * The case engine end to end through HTTP: intake on every channel, routing and least-loaded
 * assignment, the lifecycle, partner and org scope, 督办, merge, 工伤探视 with its ledger, likes.
 */
let ctx: TestContext;
let f: ReturnType<typeof factories>;
let fx: Awaited<ReturnType<ReturnType<typeof factories>['province']>>;
let provAdmin: Session;
let h1: Session;
let h2: Session;
let streetA: Session;
let streetB: Session;
let lawyer: Session;
let social: Session;
let operator: Session;
let worker: Session;
let other: Session;
const ids: Record<string, string> = {};
const workerPhone = '13700000201';
const db = () => ctx.deps.database.db;
const key = () => randomUUID().replace(/-/g, '');
const appeal = (extra: Record<string, unknown> = {}) => ({ type: 'appeal', content: '车间空调坏了一个月，夏天温度太高，希望尽快维修', clientKey: key(), ...extra });

beforeAll(async () => {
  ctx = await createTestContext();
  f = factories(ctx.deps);
  fx = await f.province();
  const admin = await f.user({ name: '省管理员', password: PASSWORD, roles: [{ org: fx.prov, role: 'admin' }] });
  const u1 = await f.user({ name: '甲办理一', password: PASSWORD, roles: [{ org: fx.entA, role: 'cadre' }] });
  const u2 = await f.user({ name: '甲办理二', password: PASSWORD, roles: [{ org: fx.entA, role: 'cadre' }] });
  const sa = await f.user({ name: '甲街道干部', password: PASSWORD, roles: [{ org: fx.streetA, role: 'chair' }] });
  const sb = await f.user({ name: '乙街道干部', password: PASSWORD, roles: [{ org: fx.streetB, role: 'chair' }] });
  const law = await f.user({ name: '王律师', password: PASSWORD, roles: [{ org: fx.county, role: 'partner' }] });
  const sw = await f.user({ name: '赵社工', password: PASSWORD, roles: [{ org: fx.streetA, role: 'partner' }] });
  const op = await f.user({ name: '热线坐席', password: PASSWORD, roles: [{ org: fx.city, role: 'operator' }] });
  Object.assign(ids, { admin: admin.id, h1: u1.id, h2: u2.id, lawyer: law.id, social: sw.id });
  provAdmin = await loginWithPassword(ctx.app, admin.phone, PASSWORD);
  h1 = await loginWithPassword(ctx.app, u1.phone, PASSWORD);
  h2 = await loginWithPassword(ctx.app, u2.phone, PASSWORD);
  streetA = await loginWithPassword(ctx.app, sa.phone, PASSWORD);
  streetB = await loginWithPassword(ctx.app, sb.phone, PASSWORD);
  lawyer = await loginWithPassword(ctx.app, law.phone, PASSWORD);
  social = await loginWithPassword(ctx.app, sw.phone, PASSWORD);
  operator = await loginWithPassword(ctx.app, op.phone, PASSWORD);
  worker = await loginWithSms(ctx.app, ctx.deps, workerPhone);
  other = await loginWithSms(ctx.app, ctx.deps, '13700000202');
  const me = (await worker.get('/api/auth/me')).json();
  ids.worker = me.user.id;
  await f.member(fx.entA, { userId: me.user.id, name: '张小工' });

  // teams: the enterprise's 综合服务 team (two handlers), the county's lawyers, the street's social workers
  const general = (await provAdmin.post('/api/case-teams', { orgId: fx.entA.id, name: '职工服务组', skill: 'general' })).json();
  await provAdmin.post(`/api/case-teams/${general.id}/members`, { userId: u1.id, isLeader: true });
  await provAdmin.post(`/api/case-teams/${general.id}/members`, { userId: u2.id });
  const legal = (await provAdmin.post('/api/case-teams', { orgId: fx.county.id, name: '法律服务团', skill: 'legal' })).json();
  await provAdmin.post(`/api/case-teams/${legal.id}/members`, { userId: law.id });
  const socialTeam = (await provAdmin.post('/api/case-teams', { orgId: fx.streetA.id, name: '工伤探视社工站', skill: 'social' })).json();
  await provAdmin.post(`/api/case-teams/${socialTeam.id}/members`, { userId: sw.id });
  Object.assign(ids, { general: general.id, legal: legal.id, socialTeam: socialTeam.id });
  // 法律援助 from anywhere in the province → the county's legal team; 工伤探视 → the street
  expect((await provAdmin.post('/api/case-routing-rules', { orgId: fx.prov.id, caseType: 'legal_aid', targetKind: 'county', teamSkill: 'legal' })).statusCode).toBe(201);
  expect((await provAdmin.post('/api/case-routing-rules', { orgId: fx.prov.id, caseType: 'injury_visit', targetKind: 'street', teamSkill: 'social' })).statusCode).toBe(201);
});
afterAll(() => ctx.close());

describe('intake (提报)', () => {
  it('a member submits; it is routed to their union, accepted and assigned to the least-loaded on-duty handler', async () => {
    const res = await worker.post('/api/me/cases', appeal({ isPublic: true }));
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ status: 'assigned', orgId: fx.entA.id, teamName: '职工服务组', type: 'appeal', channel: 'app', isPublic: true, followup: null });
    expect([ids.h1, ids.h2]).toContain(c.assigneeId);
    expect(c.caseNo).toMatch(/^GH\d{14}$/);
    expect(c.events.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'accepted', 'assigned']);
    expect(c.actions.sort()).toEqual(['withdraw']);
    expect(new Date(c.resolveDueAt).getTime()).toBeGreaterThan(Date.now() + 2 * 86_400_000);
    ids.first = c.id;
    const second = (await worker.post('/api/me/cases', appeal({ content: '食堂饭菜价格上涨太快，希望工会和公司沟通' }))).json();
    ids.second = second.id;
    // the two handlers each got one: least-loaded
    const assignees = await db().selectFrom('cases').select('assignee_id').where('id', 'in', [c.id, second.id]).execute();
    expect(new Set(assignees.map((a) => a.assignee_id))).toEqual(new Set([ids.h1, ids.h2]));
    // the handler is told in the app and by SMS
    const n = await db().selectFrom('notifications').select('kind').where('user_id', 'in', [ids.h1!, ids.h2!]).where('kind', '=', 'case_assigned').execute();
    expect(n).toHaveLength(2);
    const words = await db().selectFrom('cases').select('words').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(words.words).toContain('空调');
  });

  it('a retry with the same client key returns the same case and creates nothing', async () => {
    const body = appeal();
    const a = await worker.post('/api/me/cases', body);
    const b = await worker.post('/api/me/cases', body);
    expect([a.statusCode, b.statusCode]).toEqual([201, 200]);
    expect(b.json().id).toBe(a.json().id);
    const n = await db().selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('client_key', '=', body.clientKey).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
    ids.third = a.json().id;
  });

  it('bad input is refused field by field, in Chinese, and nothing is written', async () => {
    const before = await db().selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const short = await worker.post('/api/me/cases', appeal({ content: '太热' }));
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details.fields[0].path).toBe('content');
    const legal = await worker.post('/api/me/cases', { type: 'legal_aid', content: '公司拖欠工资三个月不发，要求支付', clientKey: key(), fields: { disputeKind: '劳动报酬' } });
    expect(legal.statusCode).toBe(400);
    expect(legal.json().error.details.fields).toEqual([{ path: 'fields.employer', message: '请填写对方单位' }]);
    const money = await worker.post('/api/me/cases', { type: 'wage_arrears', content: '老板跑路了，三个月没发工资', clientKey: key(), fields: { employer: '某公司', amountFen: '-5', months: 3, people: 10 } });
    expect(money.json().error.details.fields[0]).toEqual({ path: 'fields.amountFen', message: '欠薪金额（元）必须大于 0' });
    const cat = (await provAdmin.post('/api/case-settings/categories', { type: 'suggestion', name: '节能降耗' })).json();
    const wrongCat = await worker.post('/api/me/cases', appeal({ categoryId: cat.id }));
    expect(wrongCat.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'categoryId', message: '请选择该事项类型下的分类' }] } });
    const legalBody = { type: 'legal_aid', content: '公司拖欠工资三个月不发，要求支付', clientKey: key(), fields: { employer: '某公司', disputeKind: '劳动报酬' } };
    expect((await worker.post('/api/me/cases', { ...legalBody, anonymous: true })).json().error.details.fields[0]).toEqual({ path: 'anonymous', message: '「法律援助」需要实名办理，不能匿名' });
    expect((await worker.post('/api/me/cases', { ...legalBody, isPublic: true })).json().error.details.fields[0]).toEqual({ path: 'isPublic', message: '「法律援助」涉及个人事务，不能公开到诉求广场' });
    const after = await db().selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('someone who is not a member is pointed to joining or the QR box', async () => {
    const res = await other.post('/api/me/cases', appeal());
    expect(res.json().error).toMatchObject({ code: 'NOT_A_MEMBER' });
  });

  it('a 12351 operator files for a caller; the caller with an account finds it in 我的诉求', async () => {
    const body = { ...appeal({ content: '来电反映：宿舍热水器坏了两周无人维修' }), channel: 'hotline', orgId: fx.entA.id, callerName: '张小工', callerPhone: workerPhone };
    const res = await operator.post('/api/cases', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ channel: 'hotline', status: 'assigned', submitter: '张**' });
    expect((await operator.post('/api/cases', body)).json().id).toBe(res.json().id);
    const mine = (await worker.get('/api/me/cases')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(res.json().id);
    // the operator follows what they filed
    expect((await operator.get('/api/cases?box=filed')).json().items.map((i: { id: string }) => i.id)).toEqual([res.json().id]);
    // an operator files only where they work
    expect((await operator.post('/api/cases', { ...body, clientKey: key(), orgId: fx.prov.id })).statusCode).toBe(404);
    ids.hotline = res.json().id;
  });
});

describe('routing and partner scope', () => {
  it('法律援助 goes to the county legal team; the lawyer sees it and nothing else', async () => {
    const res = await worker.post('/api/me/cases', { type: 'legal_aid', content: '公司拖欠工资三个月，要求支付工资和经济补偿', clientKey: key(), fields: { employer: '甲科技有限公司', disputeKind: '劳动报酬', amountFen: '36000.50' } });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ orgId: fx.county.id, teamName: '法律服务团', assigneeName: '王律师', status: 'assigned' });
    expect(c.fields.amountFen).toBe(3_600_050);
    ids.legal = c.id;
    const mine = (await lawyer.get('/api/cases?box=mine')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    const all = (await lawyer.get('/api/cases?box=all')).json();
    expect(all.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    expect((await lawyer.get('/api/cases?box=unassigned')).json().items).toEqual([]);
    expect((await lawyer.get(`/api/cases/${ids.first}`)).statusCode).toBe(404);
    expect((await lawyer.post(`/api/cases/${ids.first}/actions`, { action: 'note', note: '看一眼' })).statusCode).toBe(404);
    const detail = (await lawyer.get(`/api/cases/${c.id}`)).json();
    expect(detail.actions.sort()).toEqual(['give_back', 'note', 'resolve', 'start']);
    // a partner may not reassign or see the contact of cases not theirs
    expect((await lawyer.post(`/api/cases/${c.id}/actions`, { action: 'assign', assigneeId: ids.h1 })).statusCode).toBe(403);
  });

  it('a street cadre sees the cases raised in their street, a sibling street sees none of them', async () => {
    const a = (await streetA.get('/api/cases?box=all')).json().items.map((i: { id: string }) => i.id);
    expect(a).toEqual(expect.arrayContaining([ids.first, ids.second, ids.legal]));
    const b = (await streetB.get('/api/cases?box=all')).json().items;
    expect(b).toEqual([]);
    for (const url of [`/api/cases/${ids.first}`, `/api/cases/${ids.first}/assignees`, `/api/cases/${ids.first}/merge-candidates`]) {
      expect((await streetB.get(url)).statusCode, url).toBe(404);
    }
    expect((await streetB.post(`/api/cases/${ids.first}/actions`, { action: 'note', note: '越权' })).statusCode).toBe(404);
    expect((await streetB.post(`/api/cases/${ids.first}/contact`)).statusCode).toBe(404);
    expect((await streetB.get(`/api/cases?box=all&orgId=${fx.streetA.id}`)).statusCode).toBe(404);
    // and a member sees only their own
    expect((await other.get(`/api/me/cases/${ids.first}`)).statusCode).toBe(404);
  });
});

describe('handling (受理 → 指派 → 办理 → 办结 → 评价)', () => {
  it('the assignee starts, notes (public and internal) and replies; the member sees the public trail and rates', async () => {
    const c = (await db().selectFrom('cases').select(['assignee_id']).where('id', '=', ids.first!).executeTakeFirstOrThrow());
    const handler = c.assignee_id === ids.h1 ? h1 : h2;
    expect((await handler.post(`/api/cases/${ids.first}/actions`, { action: 'start' })).json().status).toBe('in_progress');
    await handler.post(`/api/cases/${ids.first}/actions`, { action: 'note', note: '已联系后勤部门报修', internal: false });
    await handler.post(`/api/cases/${ids.first}/actions`, { action: 'note', note: '后勤说配件要等一周', internal: true });
    const resolved = (await handler.post(`/api/cases/${ids.first}/actions`, { action: 'resolve', reply: '空调已于今日修复，车间温度恢复正常。' })).json();
    expect(resolved.status).toBe('resolved');

    const seen = (await worker.get(`/api/me/cases/${ids.first}`)).json();
    expect(seen.reply).toBe('空调已于今日修复，车间温度恢复正常。');
    expect(seen.events.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'accepted', 'assigned', 'started', 'note', 'resolved']);
    expect(seen.events.some((e: { note: string }) => e.note?.includes('配件'))).toBe(false);
    expect(seen.actions.sort()).toEqual(['rate', 'reopen']);
    const told = await db().selectFrom('notifications').select('kind').where('user_id', '=', ids.worker!).where('kind', '=', 'case_resolved').execute();
    expect(told).toHaveLength(1);

    // the member cannot use console actions, the console cannot rate for them
    expect((await worker.post(`/api/me/cases/${ids.first}/actions`, { action: 'resolve', reply: '我自己办结了' })).statusCode).toBe(403);
    const rated = (await worker.post(`/api/me/cases/${ids.first}/actions`, { action: 'rate', rating: 5, comment: '很快就修好了' })).json();
    expect(rated).toMatchObject({ status: 'closed', rating: 5, ratingComment: '很快就修好了' });
    expect((await worker.post(`/api/me/cases/${ids.first}/actions`, { action: 'rate', rating: 1 })).json().error.code).toBe('CASE_BAD_STATE');
  });

  it('a member may reopen within 7 days of the reply, not later', async () => {
    const r = (await worker.post(`/api/me/cases/${ids.first}/actions`, { action: 'reopen', reason: '今天空调又坏了' })).json();
    expect(r).toMatchObject({ status: 'in_progress', rating: null });
    const c = await db().selectFrom('cases').select('assignee_id').where('id', '=', ids.first!).executeTakeFirstOrThrow();
    const handler = c.assignee_id === ids.h1 ? h1 : h2;
    await handler.post(`/api/cases/${ids.first}/actions`, { action: 'resolve', reply: '已更换压缩机，彻底修复。' });
    await db().updateTable('cases').set({ resolved_at: new Date(Date.now() - 8 * 86_400_000) }).where('id', '=', ids.first!).execute();
    const late = await worker.post(`/api/me/cases/${ids.first}/actions`, { action: 'reopen', reason: '又坏了' });
    expect(late.json().error).toMatchObject({ code: 'CASE_BAD_STATE', message: '办结已超过 7 天，无法重新办理，请提交新的诉求' });
  });

  it('a case can be declined with a reason, or withdrawn by the member', async () => {
    const c = (await worker.post('/api/me/cases', appeal({ content: '希望公司每天发两次下午茶，越多越好' }))).json();
    const handler = c.assigneeName === '甲办理一' ? h1 : h2;
    expect((await handler.post(`/api/cases/${c.id}/actions`, { action: 'reject', reason: '' })).statusCode).toBe(400);
    const r = (await handler.post(`/api/cases/${c.id}/actions`, { action: 'reject', reason: '不属于工会职责范围，已转告行政部门' })).json();
    expect(r).toMatchObject({ status: 'rejected', rejectReason: '不属于工会职责范围，已转告行政部门' });
    const w = (await worker.post(`/api/me/cases/${ids.third}/actions`, { action: 'withdraw', reason: '问题已自行解决' })).json();
    expect(w.status).toBe('withdrawn');
  });

  it('escalation goes up a level (逐级上报); the upper union transfers it down or assigns it', async () => {
    const c = (await worker.post('/api/me/cases', appeal({ content: '园区班车取消了，上下班很不方便' }))).json();
    const handler = c.assigneeName === '甲办理一' ? h1 : h2;
    const up = (await handler.post(`/api/cases/${c.id}/actions`, { action: 'escalate', note: '涉及园区，企业无法解决' })).json();
    // the enterprise still follows it (it was raised there), but no longer handles it
    expect(up).toMatchObject({ status: 'accepted', orgId: fx.streetA.id, assigneeName: null, actions: [] });
    expect((await streetA.get('/api/cases?box=unassigned')).json().items.map((i: { id: string }) => i.id)).toContain(c.id);
    const down = (await streetA.post(`/api/cases/${c.id}/actions`, { action: 'transfer', toOrgId: fx.entB.id, note: '转错了' })).json();
    expect(down.error.details.fields[0]).toMatchObject({ path: 'toOrgId' });
    const assigned = (await streetA.post(`/api/cases/${c.id}/actions`, { action: 'assign', assigneeId: ids.h1, note: '请企业工会配合协调班车' })).json();
    expect(assigned).toMatchObject({ status: 'assigned', assigneeName: '甲办理一', orgId: fx.streetA.id });
    const back = (await h1.post(`/api/cases/${c.id}/actions`, { action: 'give_back', note: '需要街道出面' })).json();
    expect(back).toMatchObject({ status: 'accepted', assigneeName: null });
    const kinds = back.events.map((e: { kind: string }) => e.kind);
    expect(kinds.slice(-3)).toEqual(['escalated', 'assigned', 'given_back']);
    ids.escalated = c.id;
});
});

describe('督办, queues and merging', () => {
  it('a senior admin supervises with a deadline; the case shows in 督办件; a cadre cannot supervise', async () => {
    const c = (await worker.post('/api/me/cases', appeal({ content: '加班费计算方式不清楚，多次反映没有答复' }))).json();
    ids.supervised = c.id;
    const handler = c.assigneeName === '甲办理一' ? h1 : h2;
    expect((await handler.post(`/api/cases/${c.id}/actions`, { action: 'supervise', dueAt: '2099-01-01', note: '限期答复' })).statusCode).toBe(403);
    expect((await provAdmin.post(`/api/cases/${c.id}/actions`, { action: 'supervise', dueAt: '2000-01-01', note: '限期答复' })).json().error.details.fields[0].path).toBe('dueAt');
    const s = (await provAdmin.post(`/api/cases/${c.id}/actions`, { action: 'supervise', dueAt: '2099-01-01', note: '请三日内答复职工' })).json();
    expect(s).toMatchObject({ supervised: true, supervisedNote: '请三日内答复职工' });
    expect((await provAdmin.get('/api/cases?box=supervised')).json().items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    expect((await streetB.get('/api/cases?box=supervised')).json().items).toEqual([]);
    const sms = await db().selectFrom('sms_outbox').select('template').where('template', '=', 'case_supervised').execute();
    expect(sms).toHaveLength(1);
    const counts = (await handler.get('/api/cases/counts')).json();
    expect(counts.mine).toBeGreaterThanOrEqual(1);
  });

  it('common appeals merge under a parent; one reply reaches every submitter (共性诉求集中处理)', async () => {
    const parent = (await worker.post('/api/me/cases', appeal({ content: '厂区停车位太少，每天早上抢车位' }))).json();
    const member2 = await loginWithSms(ctx.app, ctx.deps, '13700000203');
    const m2 = (await member2.get('/api/auth/me')).json();
    await f.member(fx.entA, { userId: m2.user.id, name: '李停车' });
    const child = (await member2.post('/api/me/cases', appeal({ content: '停车位不够用，希望扩建停车场' }))).json();
    const handler = child.assigneeName === '甲办理一' ? h1 : h2;
    const candidates = (await handler.get(`/api/cases/${child.id}/merge-candidates?q=${encodeURIComponent('停车')}`)).json();
    expect(candidates.map((c: { id: string }) => c.id)).toContain(parent.id);
    const merged = (await handler.post(`/api/cases/${child.id}/actions`, { action: 'merge', parentId: parent.id })).json();
    expect(merged).toMatchObject({ parentId: parent.id, actions: ['note'] });
    expect((await handler.post(`/api/cases/${child.id}/actions`, { action: 'resolve', reply: '单独答复这一件诉求' })).json().error.code).toBe('CASE_BAD_STATE');
    const parentHandler = parent.assigneeName === '甲办理一' ? h1 : h2;
    await parentHandler.post(`/api/cases/${parent.id}/actions`, { action: 'resolve', reply: '公司已决定扩建北侧停车场，下月启用。' });
    const seen = (await member2.get(`/api/me/cases/${child.id}`)).json();
    expect(seen).toMatchObject({ status: 'resolved', reply: '公司已决定扩建北侧停车场，下月启用。' });
    expect(seen.actions.sort()).toEqual(['rate', 'reopen']);
    const detail = (await parentHandler.get(`/api/cases/${parent.id}`)).json();
    expect(detail.relatedCases).toEqual([expect.objectContaining({ id: child.id, relation: 'merged', status: 'resolved' })]);
  });

  it('members like public appeals once (点赞 is idempotent)', async () => {
    const list = (await other.get('/api/public-cases')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(ids.first);
    expect((await other.post(`/api/public-cases/${ids.first}/like`)).json()).toEqual({ likes: 1, liked: true });
    expect((await other.post(`/api/public-cases/${ids.first}/like`)).json()).toEqual({ likes: 1, liked: true });
    expect((await worker.post(`/api/public-cases/${ids.first}/like`)).json()).toEqual({ likes: 2, liked: true });
    expect((await other.delete(`/api/public-cases/${ids.first}/like`)).json()).toEqual({ likes: 1, liked: false });
    expect((await other.delete(`/api/public-cases/${ids.first}/like`)).json()).toEqual({ likes: 1, liked: false });
    // private appeals cannot be liked
    expect((await other.post(`/api/public-cases/${ids.second}/like`)).statusCode).toBe(404);
  });

  it('the handler may see the contact (audited); an anonymous appeal stays anonymous', async () => {
    const c = await db().selectFrom('cases').select('assignee_id').where('id', '=', ids.second!).executeTakeFirstOrThrow();
    const handler = c.assignee_id === ids.h1 ? h1 : h2;
    const contact = (await handler.post(`/api/cases/${ids.second}/contact`)).json();
    expect(contact).toEqual({ name: '张小工', phone: workerPhone });
    const audit = await db().selectFrom('audit_log').select('action').where('action', '=', 'case.contact.reveal').execute();
    expect(audit).toHaveLength(1);
    const anon = (await worker.post('/api/me/cases', appeal({ content: '班组长经常辱骂员工，希望匿名反映', anonymous: true }))).json();
    expect(anon.submitter).toBe('匿名职工');
    const h = anon.assigneeName === '甲办理一' ? h1 : h2;
    const seen = (await h.get(`/api/cases/${anon.id}`)).json();
    expect(seen).toMatchObject({ submitter: '匿名职工', contactPhone: null });
    expect((await h.post(`/api/cases/${anon.id}/contact`)).json().error.code).toBe('CASE_ANONYMOUS');
    expect((await worker.get(`/api/me/cases/${anon.id}`)).json().contactPhone).toMatch(/^137\*{4}\d{4}$/);
  });
});

describe('attachments', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]);
  async function upload(s: Session, content: Buffer, name: string) {
    const boundary = '----gh' + key();
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return ctx.app.inject({ method: 'POST', url: '/api/case-files', payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: Object.entries(s.cookies).map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': s.cookies.gh_csrf! } });
  }

  it('photos are checked by content, attached on submit, and readable only by those who see the case', async () => {
    const bad = await upload(worker, Buffer.from('MZ\x90\x00 this is not a photo'), 'photo.png');
    expect(bad.json().error.details.fields[0]).toEqual({ path: 'file', message: '附件只能是 JPG、PNG 图片或 PDF 文件' });
    const ok = await upload(worker, png, '现场照片.png');
    expect(ok.statusCode, ok.body).toBe(201);
    const file = ok.json();
    expect(file).toMatchObject({ mime: 'image/png', name: '现场照片.png' });
    // someone else's upload cannot be attached
    const stolen = await other.post('/api/me/cases', appeal({ attachmentIds: [file.id] }));
    expect(stolen.statusCode).toBe(400);
    const c = (await worker.post('/api/me/cases', appeal({ content: '消防通道被货物堵住了，见照片', attachmentIds: [file.id] }))).json();
    expect(c.attachments).toEqual([{ id: file.id, name: '现场照片.png', mime: 'image/png', size: png.length }]);
    const h = c.assigneeName === '甲办理一' ? h1 : h2;
    const dl = await h.get(`/api/case-files/${file.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(png)).toBe(true);
    expect((await streetB.get(`/api/case-files/${file.id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/case-files/${file.id}`)).statusCode).toBe(404);
  });
});

describe('工伤探视: hospital QR → eligibility → social worker → visit → 慰问金 → referral', () => {
  it('runs the whole Shenzhen flow with an idempotent integer-fen ledger', async () => {
    const link = (await provAdmin.post('/api/case-intake-links', { orgId: fx.entA.id, purpose: 'injury', label: '市第一人民医院' })).json();
    expect((await streetB.post('/api/case-intake-links', { orgId: fx.entA.id, purpose: 'injury', label: 'x医院' })).statusCode).toBe(404);
    const pub = await ctx.app.inject({ method: 'GET', url: `/api/case-intake/${link.token}` });
    expect(pub.json()).toEqual({ orgName: fx.entA.name, purpose: 'injury', label: '市第一人民医院' });

    const family = await loginWithSms(ctx.app, ctx.deps, '13700000204');
    const form = {
      type: 'appeal', content: '工友在车间被机器压伤手指，正在住院，家属申请探视', clientKey: key(),
      fields: { injuredName: '刘大力', hospital: '市第一人民医院', injuredOn: '2026-11-18', employer: '甲科技有限公司', injury: '右手两指骨折' },
    };
    const res = await family.post(`/api/case-intake/${link.token}/cases`, form);
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    // routed to the street (rule), not auto-assigned before the check
    expect(c).toMatchObject({ type: 'injury_visit', channel: 'hospital', status: 'submitted', orgId: fx.streetA.id, assigneeName: null });
    expect(c.actions).toEqual(['withdraw']);

    const failed = (await streetA.post(`/api/cases/${c.id}/actions`, { action: 'pay', amountFen: 50000, method: 'bank', idemKey: key() })).json();
    expect(failed.error.code).toBe('CASE_BAD_STATE');
    const checklist = { employedLocally: true, workRelated: true, hospitalised: true, within30Days: true, notDuplicate: true };
    const assessed = (await streetA.post(`/api/cases/${c.id}/actions`, { action: 'assess', checklist })).json();
    expect(assessed).toMatchObject({ status: 'assigned', assigneeName: '赵社工', eligible: true, eligibility: checklist });

    const visited = (await social.post(`/api/cases/${c.id}/actions`, { action: 'visit', visitedOn: '2026-11-20', note: '已到医院看望，送去慰问品，伤情稳定' })).json();
    expect(visited.status).toBe('in_progress');
    // the social worker cannot pay; the union does, once
    const idemKey = key();
    expect((await social.post(`/api/cases/${c.id}/actions`, { action: 'pay', amountFen: 50000, method: 'bank', idemKey })).statusCode).toBe(403);
    const paid = (await streetA.post(`/api/cases/${c.id}/actions`, { action: 'pay', amountFen: 50000, method: 'bank', idemKey })).json();
    expect(paid.payments).toEqual([expect.objectContaining({ amountFen: 50000, method: 'bank' })]);
    const again = (await streetA.post(`/api/cases/${c.id}/actions`, { action: 'pay', amountFen: 50000, method: 'bank', idemKey })).json();
    expect(again.payments).toHaveLength(1);
    expect(again.actions).not.toContain('pay');
    expect((await streetA.post(`/api/cases/${c.id}/actions`, { action: 'pay', amountFen: 50000, method: 'bank', idemKey: key() })).json().error).toMatchObject({ code: 'CASE_BAD_STATE', message: '该工单已发放过慰问金' });
    expect((await streetA.post(`/api/cases/${c.id}/actions`, { action: 'pay', amountFen: 12.5, method: 'bank', idemKey: key() })).statusCode).toBe(400);
    const ledger = await db().selectFrom('case_payments').select(['amount_fen']).where('case_id', '=', c.id).execute();
    expect(ledger.map((l) => Number(l.amount_fen))).toEqual([50000]);

    // one click: a linked legal-aid case, routed by its own rule to the county lawyers
    const referred = (await social.post(`/api/cases/${c.id}/actions`, { action: 'refer', type: 'legal_aid', note: '企业拒绝申报工伤，需要法律援助' })).json();
    const to = referred.relatedCases.find((r: { relation: string }) => r.relation === 'referred_to');
    expect(to).toMatchObject({ type: 'legal_aid' });
    const legal = (await lawyer.get(`/api/cases/${to.id}`)).json();
    expect(legal).toMatchObject({ channel: 'referral', orgId: fx.county.id, assigneeName: '王律师' });
    expect(legal.relatedCases).toEqual([expect.objectContaining({ id: c.id, relation: 'referred_from' })]);
    // the family sees both in 我的诉求
    const mine = (await family.get('/api/me/cases')).json().items.map((i: { id: string }) => i.id);
    expect(mine).toEqual(expect.arrayContaining([c.id, to.id]));
  });

  it('an applicant who does not meet the criteria is declined with the reasons', async () => {
    const link = (await provAdmin.get(`/api/case-intake-links?orgId=${fx.entA.id}`)).json()[0];
    const family = await loginWithSms(ctx.app, ctx.deps, '13700000205');
    const c = (await family.post(`/api/case-intake/${link.token}/cases`, {
      type: 'injury_visit', content: '下班路上摔伤了腿，申请探视', clientKey: key(),
      fields: { injuredName: '孙小二', hospital: '市第一人民医院', injuredOn: '2026-09-01', employer: '甲科技有限公司', injury: '左腿骨折' },
    })).json();
    const r = (await streetA.post(`/api/cases/${c.id}/actions`, { action: 'assess', checklist: { employedLocally: true, workRelated: false, hospitalised: true, within30Days: false, notDuplicate: true } })).json();
    expect(r).toMatchObject({ status: 'rejected', eligible: false, rejectReason: '不符合工伤探视条件：因工作原因受伤、受伤后 30 日内申报' });
    await provAdmin.post(`/api/case-intake-links/${link.id}/revoke`);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/case-intake/${link.token}` })).statusCode).toBe(404);
  });
});

describe('settings', () => {
  it('types and SLA are kept by province admins only; every change is audited', async () => {
    expect((await streetA.request('PUT', '/api/case-settings/types/appeal', { enabled: true, acceptWorkdays: 1, resolveWorkdays: 5, followupPercent: 20 })).statusCode).toBe(403);
    const bad = await provAdmin.request('PUT', '/api/case-settings/types/appeal', { enabled: true, acceptWorkdays: 3, resolveWorkdays: 2, followupPercent: 20 });
    expect(bad.json().error.details.fields[0].path).toBe('resolveWorkdays');
    const ok = await provAdmin.request('PUT', '/api/case-settings/types/appeal', { enabled: true, acceptWorkdays: 1, resolveWorkdays: 5, followupPercent: 20 });
    expect(ok.json()).toMatchObject({ type: 'appeal', label: '诉求', resolveWorkdays: 5, followupPercent: 20 });
    const off = await provAdmin.request('PUT', '/api/case-settings/types/suggestion', { enabled: false, acceptWorkdays: 1, resolveWorkdays: 3, followupPercent: 0 });
    expect(off.statusCode).toBe(200);
    const refused = await worker.post('/api/me/cases', { type: 'suggestion', content: '建议食堂增加夜宵窗口', clientKey: key() });
    expect(refused.json().error.details.fields[0]).toEqual({ path: 'type', message: '「建议/金点子」暂未开放' });
    const audit = await db().selectFrom('audit_log').select('action').where('action', '=', 'case.settings.type').execute();
    expect(audit).toHaveLength(2);
  });

  it('teams and rules are scoped: a street admin cannot configure a sibling street', async () => {
    expect((await streetB.post('/api/case-teams', { orgId: fx.streetA.id, name: '越权团队', skill: 'general' })).statusCode).toBe(404);
    expect((await streetB.post('/api/case-routing-rules', { orgId: fx.streetA.id, caseType: 'appeal', targetKind: 'street' })).statusCode).toBe(404);
    expect((await streetB.get('/api/case-teams')).json()).toEqual([]);
    const teams = (await streetA.get('/api/case-teams')).json().map((t: { name: string }) => t.name).sort();
    expect(teams).toEqual(['工伤探视社工站', '职工服务组']);
    // a team member must work in the team's subtree
    expect((await provAdmin.post(`/api/case-teams/${ids.general}/members`, { userId: ids.lawyer })).json().error.details.fields[0].path).toBe('userId');
    // off duty: no automatic assignment to them
    await provAdmin.request('PATCH', `/api/case-teams/${ids.general}/members/${ids.h1}`, { onDuty: false });
    await provAdmin.request('PATCH', `/api/case-teams/${ids.general}/members/${ids.h2}`, { onDuty: false });
    const c = (await worker.post('/api/me/cases', appeal({ content: '更衣室柜子不够用，很多人没有柜子' }))).json();
    expect(c).toMatchObject({ status: 'submitted', assigneeName: null });
    const accepted = (await h1.post(`/api/cases/${c.id}/actions`, { action: 'accept', note: '已受理' })).json();
    expect(accepted.status).toBe('accepted');
    const who = (await h1.get(`/api/cases/${c.id}/assignees`)).json();
    expect(who.map((w: { name: string }) => w.name).sort()).toEqual(['甲办理一', '甲办理二']);
    expect((await h1.post(`/api/cases/${c.id}/actions`, { action: 'assign', teamId: ids.general })).json().error.code).toBe('TEAM_NOBODY_ON_DUTY');
    expect((await h1.post(`/api/cases/${c.id}/actions`, { action: 'assign', assigneeId: ids.lawyer })).json().error.details.fields[0].path).toBe('assigneeId');
    expect((await h1.post(`/api/cases/${c.id}/actions`, { action: 'assign', assigneeId: ids.h2 })).json()).toMatchObject({ status: 'assigned', assigneeName: '甲办理二' });
  });
});

describe('every case route is scoped', () => {
  /**
   * For each route: what a cadre of a sibling street (乙街道, chair there) and a partner lawyer get when
   * they aim at 甲街道's data. A new route without a line here fails the first test.
   */
  type Expect = { outsider: number | 'empty' | 'public'; partner: number | 'empty' | 'public' };
  const ROUTES: Record<string, Expect & { url: () => string; body?: () => unknown }> = {
    'GET /api/case-meta': { outsider: 'public', partner: 'public', url: () => '/api/case-meta' },
    'POST /api/me/cases': { outsider: 400, partner: 400, url: () => '/api/me/cases', body: () => appeal() }, // not members: NOT_A_MEMBER
    'GET /api/me/cases': { outsider: 'empty', partner: 'empty', url: () => '/api/me/cases' },
    'GET /api/me/cases/{id}': { outsider: 404, partner: 404, url: () => `/api/me/cases/${ids.second}` },
    'POST /api/me/cases/{id}/actions': { outsider: 404, partner: 404, url: () => `/api/me/cases/${ids.second}/actions`, body: () => ({ action: 'withdraw' }) },
    'POST /api/case-files': { outsider: 400, partner: 400, url: () => '/api/case-files', body: () => ({}) }, // own uploads only; not multipart here
    'GET /api/case-files/{id}': { outsider: 404, partner: 404, url: () => `/api/case-files/${ids.attachment}` },
    'GET /api/public-cases': { outsider: 'public', partner: 'public', url: () => '/api/public-cases' },
    'POST /api/public-cases/{id}/like': { outsider: 404, partner: 404, url: () => `/api/public-cases/${ids.second}/like` },
    'DELETE /api/public-cases/{id}/like': { outsider: 404, partner: 404, url: () => `/api/public-cases/${ids.second}/like` },
    'GET /api/case-intake/{token}': { outsider: 404, partner: 404, url: () => '/api/case-intake/revoked-or-unknown' },
    'POST /api/case-intake/{token}/cases': { outsider: 404, partner: 404, url: () => '/api/case-intake/revoked-or-unknown/cases', body: () => appeal() },
    'GET /api/cases': { outsider: 'empty', partner: 'empty', url: () => `/api/cases?box=unassigned` },
    'GET /api/cases/counts': { outsider: 200, partner: 200, url: () => '/api/cases/counts' },
    'POST /api/cases': { outsider: 404, partner: 404, url: () => '/api/cases', body: () => ({ ...appeal(), channel: 'proxy', orgId: fx.entA.id, callerName: '张小工', callerPhone: workerPhone }) },
    'GET /api/cases/stats': { outsider: 404, partner: 404, url: () => `/api/cases/stats?orgId=${fx.entA.id}` },
    'GET /api/cases/{id}': { outsider: 404, partner: 404, url: () => `/api/cases/${ids.second}` },
    'POST /api/cases/{id}/actions': { outsider: 404, partner: 404, url: () => `/api/cases/${ids.second}/actions`, body: () => ({ action: 'note', note: '越权' }) },
    'GET /api/cases/{id}/assignees': { outsider: 404, partner: 404, url: () => `/api/cases/${ids.second}/assignees` },
    'GET /api/cases/{id}/merge-candidates': { outsider: 404, partner: 404, url: () => `/api/cases/${ids.second}/merge-candidates` },
    'POST /api/cases/{id}/contact': { outsider: 404, partner: 404, url: () => `/api/cases/${ids.second}/contact` },
    'POST /api/case-followups/{id}': { outsider: 404, partner: 404, url: () => `/api/case-followups/${ids.second}`, body: () => ({ result: '越权回访', satisfied: true }) },
    'GET /api/case-settings/types': { outsider: 'public', partner: 'public', url: () => '/api/case-settings/types' },
    'PUT /api/case-settings/types/{type}': { outsider: 403, partner: 403, url: () => '/api/case-settings/types/appeal', body: () => ({ enabled: true, acceptWorkdays: 1, resolveWorkdays: 3, followupPercent: 10 }) },
    'GET /api/case-settings/categories': { outsider: 'public', partner: 'public', url: () => '/api/case-settings/categories' },
    'POST /api/case-settings/categories': { outsider: 403, partner: 403, url: () => '/api/case-settings/categories', body: () => ({ type: 'appeal', name: '越权分类' }) },
    'PATCH /api/case-settings/categories/{id}': { outsider: 403, partner: 403, url: () => `/api/case-settings/categories/${ids.category}`, body: () => ({ name: '越权改名' }) },
    'GET /api/case-teams': { outsider: 404, partner: 404, url: () => `/api/case-teams?orgId=${fx.entA.id}` },
    'POST /api/case-teams': { outsider: 404, partner: 404, url: () => '/api/case-teams', body: () => ({ orgId: fx.entA.id, name: '越权团队', skill: 'general' }) },
    'DELETE /api/case-teams/{id}': { outsider: 404, partner: 404, url: () => `/api/case-teams/${ids.general}` },
    'POST /api/case-teams/{id}/members': { outsider: 404, partner: 404, url: () => `/api/case-teams/${ids.general}/members`, body: () => ({ userId: ids.lawyer }) },
    'PATCH /api/case-teams/{id}/members/{userId}': { outsider: 404, partner: 404, url: () => `/api/case-teams/${ids.general}/members/${ids.h1}`, body: () => ({ onDuty: true }) },
    'DELETE /api/case-teams/{id}/members/{userId}': { outsider: 404, partner: 404, url: () => `/api/case-teams/${ids.general}/members/${ids.h1}` },
    'GET /api/case-routing-rules': { outsider: 404, partner: 404, url: () => `/api/case-routing-rules?orgId=${fx.entA.id}` },
    'POST /api/case-routing-rules': { outsider: 404, partner: 404, url: () => '/api/case-routing-rules', body: () => ({ orgId: fx.entA.id, caseType: 'appeal', targetKind: 'origin' }) },
    'PATCH /api/case-routing-rules/{id}': { outsider: 404, partner: 404, url: () => `/api/case-routing-rules/${ids.rule}`, body: () => ({ enabled: false }) },
    'DELETE /api/case-routing-rules/{id}': { outsider: 404, partner: 404, url: () => `/api/case-routing-rules/${ids.rule}` },
    'GET /api/case-intake-links': { outsider: 404, partner: 404, url: () => `/api/case-intake-links?orgId=${fx.entA.id}` },
    'POST /api/case-intake-links': { outsider: 404, partner: 404, url: () => '/api/case-intake-links', body: () => ({ orgId: fx.entA.id, purpose: 'appeal', label: '越权二维码' }) },
    'POST /api/case-intake-links/{id}/revoke': { outsider: 404, partner: 404, url: () => `/api/case-intake-links/${ids.link}/revoke` },
  };

  beforeAll(async () => {
    const a = await db().selectFrom('case_attachments').select('id').where('case_id', 'is not', null).executeTakeFirstOrThrow();
    const cat = await db().selectFrom('case_categories').select('id').limit(1).executeTakeFirstOrThrow();
    const rule = await db().selectFrom('case_routing_rules').select('id').limit(1).executeTakeFirstOrThrow();
    const link = (await provAdmin.post('/api/case-intake-links', { orgId: fx.entA.id, purpose: 'appeal', label: '职工诉求箱' })).json();
    Object.assign(ids, { attachment: a.id, category: cat.id, rule: rule.id, link: link.id });
  });

  it('the table lists exactly the case routes the server has', () => {
    const spec = ctx.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(spec.paths)
      .filter(([p]) => /^\/api\/(me\/cases|case|cases|public-cases)\b|^\/api\/case-/.test(p))
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(routes.sort()).toEqual(Object.keys(ROUTES).sort());
  });

  for (const who of ['outsider', 'partner'] as const) {
    it(`a ${who === 'outsider' ? 'sibling street’s chair' : 'partner lawyer'} gets nothing of 甲街道`, async () => {
      const s = who === 'outsider' ? streetB : lawyer;
      for (const [route, e] of Object.entries(ROUTES)) {
        const method = route.split(' ')[0] as 'GET' | 'POST' | 'DELETE' | 'PATCH' | 'PUT';
        const res = await s.request(method, e.url(), method === 'GET' || method === 'DELETE' ? undefined : (e.body?.() ?? {}));
        const want = e[who];
        if (want === 'public') expect(res.statusCode, route).toBe(200);
        else if (want === 'empty') {
          expect(res.statusCode, route).toBe(200);
          expect(res.json().items, route).toEqual([]);
        } else expect(res.statusCode, `${route}: ${res.body}`).toBe(want);
      }
      // counts are zero for the outsider; the partner counts only their own inbox
      const counts = (await s.get('/api/cases/counts')).json();
      expect(counts).toMatchObject({ unassigned: 0, overdue: 0, supervised: 0, followup: 0, team: who === 'partner' ? counts.team : 0 });
    });
  }
});
