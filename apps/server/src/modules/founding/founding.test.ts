import { makeUscc } from '@gonghui/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, loginWithPassword, loginWithSms, type Session, type TestContext } from '../../test/context';
import { factories, PASSWORD } from '../../test/factories';
import { rebuildOrgCounters } from '../orgs/counters';
import { foundingActions } from './service';

let ctx: TestContext;
let f: ReturnType<typeof factories>;
let tree: Awaited<ReturnType<ReturnType<typeof factories>['province']>>;
let chairA: Session; // 甲街道 chair: founding.review at street A
let chairB: Session; // 乙街道 chair
let cadreA: Session; // 甲街道 cadre: sees, may not decide
let countyChair: Session;
let applicant: Session;
let applicantPhone: string;
let chairAUserId: string;

let usccSeq = 0;
/** A valid 统一社会信用代码 (GB 32100 check character), different each call. */
const uscc = () => makeUscc(`91440300MA${String(++usccSeq).padStart(7, '0')}`);

const form = (over: Record<string, unknown> = {}) => ({
  enterpriseName: '甲乙丙智能制造有限公司',
  uscc: uscc(),
  headcount: 60,
  contactName: '王建国',
  contactPhone: '13712345678',
  address: '甲街道工业大道 8 号',
  industry: '制造业',
  parentOrgId: tree.streetA.id,
  ...over,
});

const put = (s: Session, url: string, body: unknown) => s.request('PUT' as 'PATCH', url, body);

async function counters(orgId: string) {
  return ctx.deps.database.db.selectFrom('org_counters').selectAll().where('org_id', '=', orgId).executeTakeFirstOrThrow();
}

beforeAll(async () => {
  ctx = await createTestContext();
  f = factories(ctx.deps);
  tree = await f.province();
  const ca = await f.user({ password: PASSWORD, roles: [{ org: tree.streetA, role: 'chair' }] });
  chairAUserId = ca.id;
  const cb = await f.user({ password: PASSWORD, roles: [{ org: tree.streetB, role: 'chair' }] });
  const cc = await f.user({ password: PASSWORD, roles: [{ org: tree.streetA, role: 'cadre' }] });
  const cy = await f.user({ password: PASSWORD, roles: [{ org: tree.county, role: 'chair' }] });
  chairA = await loginWithPassword(ctx.app, ca.phone, PASSWORD);
  chairB = await loginWithPassword(ctx.app, cb.phone, PASSWORD);
  cadreA = await loginWithPassword(ctx.app, cc.phone, PASSWORD);
  countyChair = await loginWithPassword(ctx.app, cy.phone, PASSWORD);
  applicantPhone = f.phone();
  applicant = await loginWithSms(ctx.app, ctx.deps, applicantPhone);
});
afterAll(() => ctx?.close());

describe('choosing where to apply', () => {
  it('offers street/park/community/joint/industry unions by name, with their path; never enterprise unions', async () => {
    const res = await applicant.get(`/api/founding/parents?q=${encodeURIComponent('街道')}`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; pathNames: string[] }[];
    expect(items.map((i) => i.id).sort()).toEqual([tree.streetA.id, tree.streetB.id].sort());
    expect(items.find((i) => i.id === tree.streetA.id)!.pathNames).toEqual(['测试省总工会', '测试市总工会', '测试区总工会']);
    expect((await applicant.get(`/api/founding/parents?q=${encodeURIComponent('科技')}`)).json().items).toEqual([]);
  });

  it('needs a login', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/founding/parents?q=a' })).statusCode).toBe(401);
  });
});

describe('validation', () => {
  it('rejects a USCC with a wrong check character, naming the field', async () => {
    const good = uscc();
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await applicant.post('/api/founding', form({ uscc: bad }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('uscc');
    expect(res.json().error.message).toMatch(/校验位/);
  });

  it('rejects an enterprise union or a county as the parent', async () => {
    for (const parentOrgId of [tree.entA.id, tree.county.id]) {
      const res = await applicant.post('/api/founding', form({ parentOrgId }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.fields[0].path).toBe('parentOrgId');
    }
  });
});

describe('the founding flow: submit → return → resubmit → approve → congress', () => {
  let id: string;
  let code: string;
  let unionId: string;

  it('submits to the parent\'s inbox with a working-day deadline and tells its reviewers', async () => {
    const body = form();
    code = body.uscc;
    const res = await applicant.post('/api/founding', body);
    expect(res.statusCode).toBe(201);
    const app = res.json();
    id = app.id;
    expect(app).toMatchObject({ status: 'pending', stage: 'review', uscc: code, headcount: 60, contactPhoneMasked: '137****5678', parentOrg: { id: tree.streetA.id, name: '甲街道总工会' } });
    expect(new Date(app.dueAt).getTime()).toBeGreaterThan(Date.now() + 24 * 3600_000);
    expect(app.events.map((e: { kind: string }) => e.kind)).toEqual(['submitted']);

    const row = await ctx.deps.database.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'founding', org_id: tree.streetA.id, org_path: tree.streetA.path, target_org_id: tree.streetA.id });
    expect(row.phone_enc).not.toContain('13712345678');
    expect(ctx.deps.cipher.decrypt(row.phone_enc!)).toBe('13712345678');

    const notes = await ctx.deps.database.db.selectFrom('notifications').selectAll().where('user_id', '=', chairAUserId).execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'founding_submitted', link: `/admin/founding/${id}` });
  });

  it('a duplicate USCC while the first is open is refused clearly', async () => {
    const other = await loginWithSms(ctx.app, ctx.deps, f.phone());
    const res = await other.post('/api/founding', form({ uscc: code }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('FOUNDING_PENDING');
    const mine = await applicant.post('/api/founding', form({ uscc: code }));
    expect(mine.json().error.message).toMatch(/我的建会申请/);
  });

  it('street B cannot see or decide it (404); the parent and its ancestors can', async () => {
    expect((await chairB.get(`/api/founding/${id}`)).statusCode).toBe(404);
    expect((await chairB.post(`/api/founding/${id}/decision`, { decision: 'approve' })).statusCode).toBe(404);
    expect((await chairB.get('/api/founding?box=pending')).json().items).toEqual([]);
    const list = (await chairA.get('/api/founding?box=pending')).json().items;
    expect(list.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await chairA.get(`/api/founding/${id}`)).json().actions).toEqual(['approve', 'return', 'reject']);
    expect((await countyChair.get(`/api/founding/${id}`)).json().actions).toEqual(['approve', 'return', 'reject']);
  });

  it('a cadre without founding.review sees it but may not decide (403)', async () => {
    const detail = (await cadreA.get(`/api/founding/${id}`)).json();
    expect(detail.actions).toEqual([]);
    expect((await cadreA.post(`/api/founding/${id}/decision`, { decision: 'approve' })).statusCode).toBe(403);
  });

  it('returning needs a reason; the applicant is told in-app and by SMS', async () => {
    const noReason = await chairA.post(`/api/founding/${id}/decision`, { decision: 'return' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details.fields[0].path).toBe('reason');
    const res = await chairA.post(`/api/founding/${id}/decision`, { decision: 'return', reason: '职工人数与社保缴纳人数不符' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'returned', reason: '职工人数与社保缴纳人数不符', actions: [] });
    const sms = await ctx.deps.database.db.selectFrom('sms_outbox').selectAll().where('phone_hash', '=', ctx.deps.cipher.blindIndex('phone', applicantPhone)).where('template', '=', 'application_decided').execute();
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toMatch(/建会申请已退回修改，原因：职工人数与社保缴纳人数不符/);
  });

  it('only the applicant may edit and resubmit a returned application', async () => {
    const stranger = await loginWithSms(ctx.app, ctx.deps, f.phone());
    expect((await put(stranger, `/api/founding/${id}`, form({ uscc: code }))).statusCode).toBe(404);
    const before = await ctx.deps.database.db.selectFrom('applications').select('due_at').where('id', '=', id).executeTakeFirstOrThrow();
    await ctx.deps.database.db.updateTable('applications').set({ due_at: new Date(Date.now() - 1000), escalated_at: new Date() }).where('id', '=', id).execute();
    const { contactPhone: _kept, ...withoutPhone } = form({ uscc: code, headcount: 48 });
    const res = await put(applicant, `/api/founding/${id}`, withoutPhone);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'pending', headcount: 48, reason: null, overdue: false, contactPhoneMasked: '137****5678' });
    const row = await ctx.deps.database.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.escalated_at).toBeNull();
    expect(row.due_at!.getTime()).toBeGreaterThanOrEqual(before.due_at!.getTime());
    expect(res.json().events.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'returned', 'resubmitted']);
    // not returned any more: a second PUT is refused
    expect((await put(applicant, `/api/founding/${id}`, form({ uscc: code }))).statusCode).toBe(409);
  });

  it('approval creates the enterprise union, links the register and moves the counters in one go', async () => {
    const streetBefore = await counters(tree.streetA.id);
    const provBefore = await counters(tree.prov.id);
    const res = await chairA.post(`/api/founding/${id}/decision`, { decision: 'approve' });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d).toMatchObject({ status: 'approved', stage: 'congress', actions: ['record_congress'] });
    unionId = d.resultOrg.id;
    expect(d.resultOrg.name).toBe('甲乙丙智能制造有限公司工会委员会');

    const org = await ctx.deps.database.db.selectFrom('orgs').selectAll().where('id', '=', unionId).executeTakeFirstOrThrow();
    expect(org).toMatchObject({ parent_id: tree.streetA.id, kind: 'enterprise', uscc: code, employees: 48, address: '甲街道工业大道 8 号' });
    const app = await ctx.deps.database.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(app.result_org_id).toBe(unionId);
    const ent = await ctx.deps.database.db.selectFrom('enterprises').selectAll().where('uscc', '=', code).executeTakeFirstOrThrow();
    expect(ent).toMatchObject({ area_org_id: tree.streetA.id, union_org_id: unionId, headcount: 48, must_unionise: true, contact_phone_masked: '137****5678' });

    for (const [orgId, before] of [[tree.streetA.id, streetBefore], [tree.prov.id, provBefore]] as const) {
      const after = await counters(orgId);
      expect(after.orgs_total - before.orgs_total).toBe(1);
      expect(after.employees_total - before.employees_total).toBe(48);
      expect(after.ent_required_total - before.ent_required_total).toBe(1);
      expect(after.ent_unionised_total - before.ent_unionised_total).toBe(1);
    }
    expect((await counters(tree.streetA.id)).children).toBe(streetBefore.children + 1);
    // deciding twice is refused
    expect((await chairA.post(`/api/founding/${id}/decision`, { decision: 'approve' })).statusCode).toBe(409);
  });

  it('once founded, another application for the same USCC is refused', async () => {
    const res = await applicant.post('/api/founding', form({ uscc: code }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('USCC_HAS_UNION');
  });

  it('records the first member congress on the new union', async () => {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const congress = {
      date: today,
      chair: '李春梅',
      viceChairs: ['赵刚'],
      committeeMembers: ['李春梅', '赵刚', '孙丽'],
      fundsReviewCommittee: ['周强'],
      womenCommittee: ['孙丽', '李春梅'],
      memberCount: 45,
    };
    expect((await chairB.post(`/api/founding/${id}/congress`, congress)).statusCode).toBe(404);
    const future = await chairA.post(`/api/founding/${id}/congress`, { ...congress, date: tomorrow });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details.fields[0].path).toBe('date');
    const tooFew = await chairA.post(`/api/founding/${id}/congress`, { ...congress, committeeMembers: ['李春梅', '赵刚'] });
    expect(tooFew.statusCode).toBe(400);
    expect(tooFew.json().error.details.fields[0].path).toBe('committeeMembers');

    const res = await chairA.post(`/api/founding/${id}/congress`, congress);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ stage: 'done', actions: [], foundedOn: today, committees: { chair: '李春梅', memberCount: 45 } });
    const org = await ctx.deps.database.db.selectFrom('orgs').select(['committees', 'founded_on']).where('id', '=', unionId).executeTakeFirstOrThrow();
    expect(org.founded_on).toBe(today);
    expect(org.committees).toMatchObject({ committeeMembers: ['李春梅', '赵刚', '孙丽'], fundsReviewCommittee: ['周强'] });
    expect((await chairA.post(`/api/founding/${id}/congress`, congress)).statusCode).toBe(409);
  });

  it('the applicant follows every step and got a message for each decision', async () => {
    const mine = (await applicant.get('/api/founding/mine')).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0].events.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'returned', 'resubmitted', 'approved', 'org_created', 'congress_recorded']);
    expect(mine[0].events[1]).toMatchObject({ orgName: '甲街道总工会', note: '职工人数与社保缴纳人数不符' });
    expect(mine[0].resultOrg.id).toBe(unionId);
    const me = (await applicant.get('/api/auth/me')).json();
    const notes = await ctx.deps.database.db.selectFrom('notifications').select(['kind', 'link']).where('user_id', '=', me.user.id).orderBy('created_at').execute();
    expect(notes.map((n) => n.kind)).toEqual(['founding_returned', 'founding_approved', 'founding_done']);
    expect(notes.every((n) => n.link === '/found')).toBe(true);
    const sms = await ctx.deps.database.db.selectFrom('sms_outbox').select('body').where('phone_hash', '=', ctx.deps.cipher.blindIndex('phone', applicantPhone)).where('template', '=', 'application_decided').orderBy('id').execute();
    expect(sms.map((s) => s.body)).toEqual([expect.stringMatching(/退回修改/), expect.stringMatching(/建会申请已批复同意/)]);
    // other people see nothing of it
    const stranger = await loginWithSms(ctx.app, ctx.deps, f.phone());
    expect((await stranger.get('/api/founding/mine')).json().items).toEqual([]);
  });

  it('the counters written on the way equal a full recount', async () => {
    const db = ctx.deps.database.db;
    const incremental = await db.selectFrom('org_counters').selectAll().orderBy('org_id').execute();
    await rebuildOrgCounters(db);
    expect(await db.selectFrom('org_counters').selectAll().orderBy('org_id').execute()).toEqual(incremental);
  });
});

describe('other outcomes', () => {
  it('an enterprise already in the register gets its union linked, counted once', async () => {
    const code = uscc();
    const cadre = await loginWithPassword(ctx.app, (await f.user({ password: PASSWORD, roles: [{ org: tree.streetB, role: 'admin' }] })).phone, PASSWORD);
    const reg = await cadre.post('/api/enterprises', { areaOrgId: tree.streetB.id, name: '乙物流仓储有限公司', uscc: code, headcount: 30 });
    expect(reg.statusCode).toBe(201);
    const before = await counters(tree.streetB.id);
    const app = (await applicant.post('/api/founding', form({ uscc: code, parentOrgId: tree.streetB.id, enterpriseName: '乙物流仓储有限公司' }))).json();
    const d = (await chairB.post(`/api/founding/${app.id}/decision`, { decision: 'approve' })).json();
    const after = await counters(tree.streetB.id);
    expect(after.ent_required_total).toBe(before.ent_required_total);
    expect(after.ent_unionised_total).toBe(before.ent_unionised_total + 1);
    const ent = (await cadre.get(`/api/enterprises/${reg.json().id}`)).json();
    expect(ent.unionOrg).toEqual({ id: d.resultOrg.id, name: '乙物流仓储有限公司工会委员会' });
  });

  it('an enterprise whose union exists already cannot apply', async () => {
    const code = uscc();
    await ctx.deps.database.db.updateTable('orgs').set({ uscc: code }).where('id', '=', tree.entB.id).execute();
    const res = await applicant.post('/api/founding', form({ uscc: code }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'USCC_HAS_UNION', message: expect.stringContaining('乙物流有限公司工会') });
  });

  it('a rejection closes the application; the enterprise may apply again later', async () => {
    const body = form();
    const app = (await applicant.post('/api/founding', body)).json();
    expect((await chairA.post(`/api/founding/${app.id}/decision`, { decision: 'reject', reason: '' })).statusCode).toBe(400);
    const res = await chairA.post(`/api/founding/${app.id}/decision`, { decision: 'reject', reason: '企业已注销' });
    expect(res.json()).toMatchObject({ status: 'rejected', reason: '企业已注销', actions: [] });
    expect((await put(applicant, `/api/founding/${app.id}`, body)).statusCode).toBe(409);
    expect((await applicant.post('/api/founding', body)).statusCode).toBe(201);
  });

  it('the shared approvals inbox lists founding items and decides them through the same route', async () => {
    const app = (await applicant.post('/api/founding', form())).json();
    const inbox = (await chairA.get('/api/applications?kind=founding&box=todo')).json();
    expect(inbox.items.map((i: { id: string }) => i.id)).toContain(app.id);
    expect((await chairA.get(`/api/applications/${app.id}`)).json().actions).toEqual(['approve', 'return', 'reject']);
    expect((await chairB.get(`/api/applications/${app.id}`)).statusCode).toBe(404);
    const res = await chairA.post(`/api/applications/${app.id}/decision`, { decision: 'approve' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', stage: 'congress', actions: ['record_congress'] });
  });

  it('foundingActions ignores other kinds and outsiders', () => {
    const actor = { userId: 'u', name: 'x', isSuperAdmin: false, sessionId: 's', csrfToken: 'c', roles: [{ assignmentId: 'a', orgId: tree.streetA.id, orgPath: tree.streetA.path, role: 'chair' as const }] };
    const app = { kind: 'founding', status: 'pending', stage: 'review', org_path: tree.streetA.path, applicant_user_id: null };
    expect(foundingActions(actor, app)).toEqual(['approve', 'return', 'reject']);
    expect(foundingActions(actor, { ...app, kind: 'join' })).toEqual([]);
    expect(foundingActions(actor, { ...app, org_path: tree.streetB.path })).toEqual([]);
    expect(foundingActions(actor, { ...app, status: 'approved', stage: 'congress' })).toEqual(['record_congress']);
    expect(foundingActions(actor, { ...app, status: 'approved', stage: 'done' })).toEqual([]);
  });
});
