import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, loginWithPassword, loginWithSms, type Session, type TestContext } from '../../test/context';
import { factories, PASSWORD } from '../../test/factories';
import { sweepApplications } from '../approvals/sla';
import { AUTO_RELEASE_QUEUE } from '../transfer/service';

/**
 * 一码入会 → 审批 → 会员; 会籍转移 (release → accept, auto-release); the SLA sweep (reminder, escalation).
 */
let ctx: TestContext;
let f: ReturnType<typeof factories>;
let fx: Awaited<ReturnType<ReturnType<typeof factories>['province']>>;
let provAdmin: Session;
let streetA: Session;
let streetB: Session;
let worker: Session;
let token: string;
let industryId: string;
const workerPhone = '13700000101';

const db = () => ctx.deps.database.db;
const form = (idNumber: string, extra: Record<string, unknown> = {}) => ({
  token, name: '陈小快', idNumber, phone: workerPhone, ethnicity: '汉族', employmentForm: '新就业形态', occupation: '外卖骑手', consent: true, ...extra,
});

beforeAll(async () => {
  ctx = await createTestContext();
  f = factories(ctx.deps);
  fx = await f.province();
  const industry = await f.org(fx.city, 'industry', '测试市外卖行业工会联合会');
  await db().updateTable('orgs').set({ industry_line: 'delivery' }).where('id', '=', industry.id).execute();
  industryId = industry.id;
  const admin = await f.user({ password: PASSWORD, roles: [{ org: fx.prov, role: 'admin' }] });
  const a = await f.user({ password: PASSWORD, roles: [{ org: fx.streetA, role: 'cadre' }] });
  const b = await f.user({ password: PASSWORD, roles: [{ org: fx.streetB, role: 'cadre' }] });
  provAdmin = await loginWithPassword(ctx.app, admin.phone, PASSWORD);
  streetA = await loginWithPassword(ctx.app, a.phone, PASSWORD);
  streetB = await loginWithPassword(ctx.app, b.phone, PASSWORD);
  worker = await loginWithSms(ctx.app, ctx.deps, workerPhone);
});
afterAll(() => ctx.close());

describe('join codes (一码入会)', () => {
  it('a cadre generates the code; regenerating revokes the old one', async () => {
    const first = await streetA.post(`/api/orgs/${fx.entA.id}/join-links`);
    expect(first.statusCode, first.body).toBe(201);
    const second = (await streetA.post(`/api/orgs/${fx.entA.id}/join-links`)).json();
    token = second.token;
    expect(second.path).toBe(`/join/${token}`);
    expect((await worker.get(`/api/join/${first.json().token}`)).json().error.code).toBe('JOIN_LINK_INVALID');
    const links = (await streetA.get(`/api/orgs/${fx.entA.id}/join-links`)).json();
    expect(links.map((l: { revokedAt: string | null }) => !!l.revokedAt)).toEqual([false, true]);
  });

  it('only grassroots unions get codes, and only inside the cadre’s subtree', async () => {
    expect((await streetA.post(`/api/orgs/${fx.streetA.id}/join-links`)).json().error.code).toBe('ORG_NOT_JOINABLE');
    expect((await streetB.post(`/api/orgs/${fx.entA.id}/join-links`)).statusCode).toBe(404);
    expect((await streetB.get(`/api/orgs/${fx.entA.id}/join-links`)).statusCode).toBe(404);
    const link = (await streetA.get(`/api/orgs/${fx.entA.id}/join-links`)).json()[0];
    expect((await streetB.post(`/api/join-links/${link.id}/revoke`)).statusCode).toBe(404);
  });

  it('scanning shows the union and the industry federations of its city (public)', async () => {
    const anon = await ctx.app.inject({ method: 'GET', url: `/api/join/${token}` });
    expect(anon.statusCode).toBe(200);
    expect(anon.json()).toMatchObject({
      orgId: fx.entA.id, orgName: fx.entA.name, orgPathNames: ['测试省总工会', '测试市总工会', '测试区总工会', '甲街道总工会'],
      industryOptions: [{ orgId: industryId, industryLine: 'delivery' }],
    });
  });
});

describe('join application → approval → member', () => {
  let appId: string;
  let workerIdNo: string;

  it('the worker submits real-name data with consent; it lands in the reviewers’ inbox with a deadline', async () => {
    workerIdNo = f.idNumber('19950615', 'M');
    const noConsent = await worker.post('/api/join-applications', form(workerIdNo, { consent: false }));
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().error.message).toContain('个人信息保护告知书');
    const res = await worker.post('/api/join-applications', form(workerIdNo.toLowerCase()));
    expect(res.statusCode, res.body).toBe(201);
    const app = res.json();
    appId = app.id;
    expect(app).toMatchObject({ kind: 'join', status: 'pending', orgName: fx.entA.name, actions: ['withdraw'] });
    expect(app.events.map((e: { kind: string }) => e.kind)).toEqual(['submitted']);
    expect(new Date(app.dueAt).getTime()).toBeGreaterThan(Date.now() + 2 * 86_400_000);

    const inbox = (await streetA.get('/api/applications?box=todo')).json();
    expect(inbox.items.map((i: { id: string }) => i.id)).toContain(appId);
    expect(inbox.items[0]).toMatchObject({ applicantName: '陈小快', phoneMasked: '137****0101', overdue: false });
    const note = await db().selectFrom('notifications').innerJoin('role_assignments as ra', 'ra.user_id', 'notifications.user_id')
      .select('title').where('ra.org_id', '=', fx.streetA.id).execute();
    // reviewers AT the org are told; the street cadre is above it, so sees it in the inbox instead
    expect(note).toHaveLength(0);
  });

  it('a second pending application for the same person is refused', async () => {
    const res = await worker.post('/api/join-applications', form(workerIdNo));
    expect(res.json().error.code).toBe('ALREADY_PENDING');
  });

  it('org scope: street B sees nothing of it', async () => {
    expect((await streetB.get('/api/applications?box=todo')).json().items).toHaveLength(0);
    expect((await streetB.get(`/api/applications/${appId}`)).statusCode).toBe(404);
    expect((await streetB.post(`/api/applications/${appId}/decision`, { decision: 'approve' })).statusCode).toBe(404);
    expect((await worker.get(`/api/applications/${appId}`)).statusCode).toBe(403);
  });

  it('rejecting needs a reason', async () => {
    const res = await streetA.post(`/api/applications/${appId}/decision`, { decision: 'reject' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('reason');
  });

  it('approval creates the member, tells the worker in-app and by SMS, and the timeline shows it', async () => {
    const before = await db().selectFrom('org_counters').select('members_total').where('org_id', '=', fx.prov.id).executeTakeFirstOrThrow();
    const res = await streetA.post(`/api/applications/${appId}/decision`, { decision: 'approve' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', actions: [] });
    const again = await streetA.post(`/api/applications/${appId}/decision`, { decision: 'approve' });
    expect(again.json().error.code).toBe('APPLICATION_DECIDED');

    const profile = (await worker.get('/api/me/profile')).json();
    expect(profile.memberships).toHaveLength(1);
    expect(profile.memberships[0]).toMatchObject({ orgId: fx.entA.id, status: 'active', occupation: '外卖骑手' });
    const after = await db().selectFrom('org_counters').select('members_total').where('org_id', '=', fx.prov.id).executeTakeFirstOrThrow();
    expect(after.members_total).toBe(before.members_total + 1);

    const mine = (await worker.get('/api/me/applications')).json();
    expect(mine[0].events.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'approved']);
    const msgs = (await worker.get('/api/me/notifications')).json();
    expect(msgs.unread).toBe(1);
    expect(msgs.items[0]).toMatchObject({ kind: 'join_approved', link: '/card' });
    await worker.post('/api/me/notifications/read-all');
    expect((await worker.get('/api/me/notifications')).json().unread).toBe(0);
    const sms = await db().selectFrom('sms_outbox').select('body').where('phone_hash', '=', ctx.deps.cipher.blindIndex('phone', workerPhone)).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(sms.body).toContain('入会申请已通过');
  });

  it('an existing member scanning another union’s code is offered a transfer, not a duplicate', async () => {
    const linkB = (await streetB.post(`/api/orgs/${fx.entB.id}/join-links`)).json();
    const res = await worker.post('/api/join-applications', form(workerIdNo, { token: linkB.token }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'ALREADY_MEMBER', details: { orgName: fx.entA.name } });
    const here = await worker.post('/api/join-applications', form(workerIdNo));
    expect(here.json().error.code).toBe('ALREADY_MEMBER_HERE');
  });

  it('a worker without an enterprise union joins the industry federation the code offers', async () => {
    const rider = await loginWithSms(ctx.app, ctx.deps, '13700000102');
    const res = await rider.post('/api/join-applications', { ...form(f.idNumber('19990101'), { phone: '13700000102' }), orgId: industryId });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().orgName).toBe('测试市外卖行业工会联合会');
    const wrong = await rider.post('/api/join-applications', { ...form(f.idNumber('19990102'), { phone: '13700000102' }), orgId: fx.entB.id });
    expect(wrong.json().error.details.fields[0].path).toBe('orgId');
    const withdrawn = await rider.post(`/api/me/applications/${res.json().id}/withdraw`);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn' });
  });
});

describe('会籍转移', () => {
  let memberId: string;
  let appId: string;

  it('the member asks; the old union releases; the new one accepts; both records and the history remain', async () => {
    memberId = (await worker.get('/api/me/profile')).json().memberships[0].id;
    const res = await worker.post('/api/transfers', { memberId, toOrgId: fx.entB.id, reason: '跳槽到乙物流' });
    expect(res.statusCode, res.body).toBe(201);
    appId = res.json().id;
    expect(res.json()).toMatchObject({ kind: 'transfer', stage: 'release', orgId: fx.entA.id, targetOrgName: fx.entB.name });
    expect((await worker.post('/api/transfers', { memberId, toOrgId: fx.entB.id, reason: '再次申请' })).json().error.code).toBe('ALREADY_PENDING');

    // at 'release' only the old side sees it
    expect((await streetB.get(`/api/applications/${appId}`)).statusCode).toBe(404);
    expect((await streetA.get(`/api/applications/${appId}`)).json().actions).toEqual(['release', 'reject']);
    const released = await streetA.post(`/api/applications/${appId}/decision`, { decision: 'approve' });
    expect(released.json()).toMatchObject({ stage: 'accept', orgId: fx.entB.id });
    expect((await streetA.get(`/api/applications/${appId}`)).statusCode).toBe(404);
    expect((await streetB.get(`/api/applications/${appId}`)).json().actions).toEqual(['accept', 'reject']);

    const before = await db().selectFrom('org_counters').select(['org_id', 'members_total']).where('org_id', 'in', [fx.streetA.id, fx.streetB.id, fx.county.id]).execute();
    const accepted = await streetB.post(`/api/applications/${appId}/decision`, { decision: 'approve' });
    expect(accepted.json()).toMatchObject({ status: 'approved' });
    expect(accepted.json().events.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'released', 'accepted']);
    const after = await db().selectFrom('org_counters').select(['org_id', 'members_total']).where('org_id', 'in', [fx.streetA.id, fx.streetB.id, fx.county.id]).execute();
    const delta = (id: string) => after.find((r) => r.org_id === id)!.members_total - before.find((r) => r.org_id === id)!.members_total;
    expect([delta(fx.streetA.id), delta(fx.streetB.id), delta(fx.county.id)]).toEqual([-1, 1, 0]);

    const profile = (await worker.get('/api/me/profile')).json();
    expect(profile.memberships.map((m: { orgId: string; status: string }) => [m.orgId, m.status])).toEqual([
      [fx.entB.id, 'active'], [fx.entA.id, 'transferred'],
    ]);
    const newId = profile.memberships[0].id;
    const detail = (await provAdmin.get(`/api/members/${newId}`)).json();
    expect(detail.history.map((h: { kind: string }) => h.kind)).toEqual(['transfer_in', 'transfer_out', 'joined']);
    expect(detail.history[0].otherOrgName).toBe(fx.entA.name);
  });

  it('the old union not answering in time releases it automatically (durable timer)', async () => {
    const newId = (await worker.get('/api/me/profile')).json().memberships[0].id;
    const res = await worker.post('/api/transfers', { memberId: newId, toOrgId: fx.entA.id, reason: '回到甲公司' });
    const id = res.json().id;
    const job = await db().selectFrom('jobs').selectAll().where('queue', '=', AUTO_RELEASE_QUEUE).where('dedupe_key', '=', `transfer-release:${id}`).executeTakeFirstOrThrow();
    expect(new Date(job.run_at).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    // time passes: make the timer due and let the worker run it
    await db().updateTable('jobs').set({ run_at: new Date(Date.now() - 1000) }).where('id', '=', job.id).execute();
    while (await ctx.deps.jobs.tick()) { /* drain */ }
    const app = (await streetA.get(`/api/applications/${id}`)).json();
    expect(app).toMatchObject({ stage: 'accept', orgId: fx.entA.id });
    expect(app.events.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'auto_released']);
  });
});

describe('SLA: reminder before the deadline, escalation after it', () => {
  it('reminds the reviewers at the org once, then escalates to the parent’s inbox', async () => {
    const entCadre = await f.user({ password: PASSWORD, roles: [{ org: fx.entA, role: 'cadre' }] });
    const streetChair = await f.user({ password: PASSWORD, roles: [{ org: fx.streetA, role: 'chair' }] });
    const p = '13700000103';
    const s = await loginWithSms(ctx.app, ctx.deps, p);
    const app = (await s.post('/api/join-applications', form(f.idNumber('19920202'), { phone: p }))).json();
    const due = new Date(app.dueAt);

    const early = await sweepApplications(ctx.deps, new Date(due.getTime() - 3 * 86_400_000));
    expect(early.reminded).toBe(0);
    const r1 = await sweepApplications(ctx.deps, new Date(due.getTime() - 6 * 3600_000));
    expect(r1.reminded).toBeGreaterThanOrEqual(1);
    const r2 = await sweepApplications(ctx.deps, new Date(due.getTime() - 5 * 3600_000));
    expect(r2.reminded).toBe(0);
    const reminders = await db().selectFrom('notifications').selectAll().where('user_id', '=', entCadre.id).where('kind', '=', 'application_reminder').execute();
    expect(reminders).toHaveLength(1);

    const e1 = await sweepApplications(ctx.deps, new Date(due.getTime() + 60_000));
    expect(e1.escalated).toBeGreaterThanOrEqual(1);
    expect((await sweepApplications(ctx.deps, new Date(due.getTime() + 120_000))).escalated).toBe(0);
    const escalatedNote = await db().selectFrom('notifications').selectAll().where('user_id', '=', streetChair.id).where('kind', '=', 'application_escalated').execute();
    expect(escalatedNote).toHaveLength(1);
    const box = (await streetA.get('/api/applications?box=escalated')).json();
    expect(box.items.map((i: { id: string }) => i.id)).toContain(app.id);
    expect(box.items.find((i: { id: string }) => i.id === app.id)).toMatchObject({ escalated: true });
    expect((await streetB.get('/api/applications?box=escalated')).json().items).toHaveLength(0);
    const detail = (await streetA.get(`/api/applications/${app.id}`)).json();
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'reminded', 'escalated']);
  });
});

describe('working-day calendar settings', () => {
  it('province admins set holidays; others may read but not write', async () => {
    const put = await provAdmin.request('PUT', '/api/calendar/days', { days: [{ day: '2027-01-01', isWorkday: false, note: '元旦' }] });
    expect(put.statusCode, put.body).toBe(200);
    expect((await streetA.get('/api/calendar?year=2027')).json()).toEqual([{ day: '2027-01-01', isWorkday: false, note: '元旦' }]);
    expect((await streetA.request('PUT', '/api/calendar/days', { days: [{ day: '2027-01-02', isWorkday: false, note: null }] })).statusCode).toBe(403);
  });
});
