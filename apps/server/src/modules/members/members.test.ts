import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, loginWithPassword, type Session, type TestContext } from '../../test/context';
import { factories, PASSWORD } from '../../test/factories';

let ctx: TestContext;
let f: ReturnType<typeof factories>;
let fx: Awaited<ReturnType<ReturnType<typeof factories>['province']>>;
let provAdmin: Session;
let streetACadre: Session;
let streetAAuditor: Session;

const counters = async (orgId: string) =>
  ctx.deps.database.db.selectFrom('org_counters').selectAll().where('org_id', '=', orgId).executeTakeFirstOrThrow();

beforeAll(async () => {
  ctx = await createTestContext();
  f = factories(ctx.deps);
  fx = await f.province();
  const admin = await f.user({ password: PASSWORD, roles: [{ org: fx.prov, role: 'admin' }] });
  const cadre = await f.user({ password: PASSWORD, roles: [{ org: fx.streetA, role: 'cadre' }] });
  const auditor = await f.user({ password: PASSWORD, roles: [{ org: fx.streetA, role: 'auditor' }] });
  provAdmin = await loginWithPassword(ctx.app, admin.phone, PASSWORD);
  streetACadre = await loginWithPassword(ctx.app, cadre.phone, PASSWORD);
  streetAAuditor = await loginWithPassword(ctx.app, auditor.phone, PASSWORD);
});
afterAll(() => ctx.close());

describe('member registry', () => {
  let memberId: string;

  it('a cadre registers a member; 身份证号 and phone are normalised, encrypted and masked', async () => {
    const idNo = f.idNumber('19880512', 'M');
    const res = await streetACadre.post('/api/members', {
      orgId: fx.entA.id, name: ' 王 建国 ', idNumber: idNo.toLowerCase().replace(/(\d{4})/, '$1 '), phone: '138 0013 8000'.replace('1', '１'),
      ethnicity: '汉族', employmentForm: '新就业形态', occupation: '快递员', address: '广东省深圳市南山区科技园一路 1 号',
    });
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json();
    memberId = m.id;
    expect(m).toMatchObject({ name: '王建国', gender: 'M', birthDate: '1988-05-12', status: 'active', verified: true, canReveal: false, canManage: true });
    expect(m.idNumberMasked).toBe(`${idNo.slice(0, 4)}**********${idNo.slice(-4)}`);
    expect(m.phoneMasked).toBe('138****8000');
    expect(m.addressMasked).toBe('广东省深圳市******');
    expect(m.cardNo).toMatch(/^C\d{11}$/);
    expect(m.history.map((h: { kind: string }) => h.kind)).toEqual(['joined']);
    const row = await ctx.deps.database.db.selectFrom('members').selectAll().where('id', '=', memberId).executeTakeFirstOrThrow();
    expect(row.id_no_enc).not.toContain(idNo.slice(6, 14));
    expect(ctx.deps.cipher.decrypt(row.id_no_enc)).toBe(idNo);
    expect((await counters(fx.entA.id)).members_direct).toBe(1);
    expect((await counters(fx.prov.id)).members_total).toBe(1);
    expect((await counters(fx.prov.id)).verified_total).toBe(1);
  });

  it('bad input names the field in Chinese and writes nothing', async () => {
    const res = await streetACadre.post('/api/members', { orgId: fx.entA.id, name: '李', idNumber: '440305199003070021', phone: '12345' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.fields.map((x: { path: string }) => x.path);
    expect(fields).toEqual(expect.arrayContaining(['name', 'idNumber', 'phone']));
    expect(res.json().error.message).toMatch(/身份证号|手机号/);
    expect((await counters(fx.entA.id)).members_direct).toBe(1);
  });

  it('the same person cannot be an active member twice (dedupe by 身份证号)', async () => {
    const row = await ctx.deps.database.db.selectFrom('members').select('id_no_enc').where('id', '=', memberId).executeTakeFirstOrThrow();
    const res = await provAdmin.post('/api/members', { orgId: fx.entB.id, name: '王建国', idNumber: ctx.deps.cipher.decrypt(row.id_no_enc), phone: '13800138001' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'ALREADY_MEMBER', details: { memberId } });
  });

  it('lists the roster by subtree, status and search (name prefix, exact phone, exact 身份证号)', async () => {
    await f.member(fx.entA, { name: '王小明' });
    await f.member(fx.entB, { name: '赵六' });
    const all = (await provAdmin.get('/api/members')).json();
    expect(all.items).toHaveLength(3);
    const a = (await provAdmin.get(`/api/members?orgId=${fx.streetA.id}`)).json();
    expect(a.items.map((m: { name: string }) => m.name).sort()).toEqual(['王小明', '王建国']);
    expect((await provAdmin.get(`/api/members?q=${encodeURIComponent('王')}`)).json().items).toHaveLength(2);
    expect((await provAdmin.get('/api/members?q=13800138000')).json().items.map((m: { id: string }) => m.id)).toEqual([memberId]);
    const row = await ctx.deps.database.db.selectFrom('members').select('id_no_enc').where('id', '=', memberId).executeTakeFirstOrThrow();
    const idNo = ctx.deps.cipher.decrypt(row.id_no_enc);
    expect((await provAdmin.get(`/api/members?q=${idNo.toLowerCase()}`)).json().items).toHaveLength(1);
    expect((await provAdmin.get('/api/members?q=4403051990')).statusCode).toBe(400);
    expect((await provAdmin.get('/api/members?status=left')).json().items).toHaveLength(0);
    const p1 = (await provAdmin.get('/api/members?limit=2')).json();
    const p2 = (await provAdmin.get(`/api/members?limit=2&cursor=${p1.nextCursor}`)).json();
    expect([...p1.items, ...p2.items].map((m: { id: string }) => m.id)).toHaveLength(3);
    expect(p2.nextCursor).toBeNull();
  });

  it('org scope: a street A cadre never sees street B members (404, not 403)', async () => {
    const list = (await streetACadre.get('/api/members')).json();
    expect(list.items.every((m: { orgId: string }) => m.orgId === fx.entA.id)).toBe(true);
    const bMember = (await provAdmin.get(`/api/members?orgId=${fx.streetB.id}`)).json().items[0];
    for (const res of [
      await streetACadre.get(`/api/members/${bMember.id}`),
      await streetACadre.post(`/api/members/${bMember.id}/reveal`),
      await streetACadre.post(`/api/members/${bMember.id}/status`, { status: 'left', reason: '离职退会' }),
      await streetACadre.request('PATCH', `/api/members/${bMember.id}`, { occupation: '司机' }),
      await streetACadre.get(`/api/members?orgId=${fx.streetB.id}`),
      await streetACadre.post('/api/members', { orgId: fx.entB.id, name: '钱七', idNumber: f.idNumber(), phone: '13800138009' }),
    ]) expect(res.statusCode).toBe(404);
  });

  it('full PII needs member.pii and every view is audited', async () => {
    const denied = await streetAAuditor.post(`/api/members/${memberId}/reveal`);
    expect(denied.statusCode).toBe(403);
    const detail = (await streetAAuditor.get(`/api/members/${memberId}`)).json();
    expect(detail.canReveal).toBe(false);
    const res = await streetACadre.post(`/api/members/${memberId}/reveal`);
    // cadres hold member.read/manage, not member.pii: only chairs and admins see full numbers
    expect(res.statusCode).toBe(403);
    const ok = await provAdmin.post(`/api/members/${memberId}/reveal`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ phone: '13800138000', address: '广东省深圳市南山区科技园一路 1 号' });
    const audit = await ctx.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'member.pii.view').where('target_id', '=', memberId).execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.details)).not.toContain('13800138000');
  });

  it('status changes keep history and counters; a record cannot become active twice', async () => {
    const before = await counters(fx.prov.id);
    const left = await streetACadre.post(`/api/members/${memberId}/status`, { status: 'retired', reason: '到龄退休', date: '2026-11-01' });
    expect(left.statusCode, left.body).toBe(200);
    expect(left.json()).toMatchObject({ status: 'retired', endedAt: '2026-11-01' });
    expect((await counters(fx.prov.id)).members_total).toBe(before.members_total - 1);
    expect((await counters(fx.prov.id)).verified_total).toBe(before.verified_total - 1);
    const back = await streetACadre.post(`/api/members/${memberId}/status`, { status: 'active', reason: '退休返聘，恢复会籍' });
    expect(back.json().status).toBe('active');
    expect((await counters(fx.prov.id)).members_total).toBe(before.members_total);
    expect(back.json().history.map((h: { kind: string }) => h.kind)).toEqual(['status_changed', 'status_changed', 'joined']);
    const daily = await ctx.deps.database.db.selectFrom('org_daily').selectAll().where('org_id', '=', fx.prov.id).where('day', '=', '2026-11-01').executeTakeFirstOrThrow();
    expect(daily.left_count).toBe(1);
  });

  it('edits are recorded by field name, never by value', async () => {
    const res = await streetACadre.request('PATCH', `/api/members/${memberId}`, { occupation: '分拣员', phone: '13800138002' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ occupation: '分拣员', phoneMasked: '138****8002' });
    const audit = await ctx.deps.database.db.selectFrom('audit_log').select('details').where('action', '=', 'member.update').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect((audit.details as { fields: string[] }).fields.sort()).toEqual(['occupation', 'phone']);
  });

  it('members (no cadre role) get 403 on the roster API', async () => {
    const { loginWithSms } = await import('../../test/context');
    const s = await loginWithSms(ctx.app, ctx.deps, '13700000001');
    expect((await s.get('/api/members')).statusCode).toBe(403);
  });
});

describe('claiming a record registered by the union', () => {
  it('a worker logging in by SMS with the phone on a console-registered record gets that membership', async () => {
    const idNo = f.idNumber('19870707');
    const res = await provAdmin.post('/api/members', { orgId: fx.entB.id, name: '孙认领', idNumber: idNo, phone: '13600000055' });
    expect(res.statusCode, res.body).toBe(201);
    const { loginWithSms } = await import('../../test/context');
    const s = await loginWithSms(ctx.app, ctx.deps, '13600000055');
    const profile = (await s.get('/api/me/profile')).json();
    expect(profile.memberships.map((m: { id: string }) => m.id)).toEqual([res.json().id]);
    expect((await s.get('/api/auth/me')).json().isMember).toBe(true);
  });
});
