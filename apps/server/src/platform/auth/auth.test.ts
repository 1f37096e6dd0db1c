import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, latestSmsCode, loginWithPassword, Session, type TestContext } from '../../test/context';
import { factories, PASSWORD } from '../../test/factories';

let ctx: TestContext;
let f: ReturnType<typeof factories>;
let tree: Awaited<ReturnType<ReturnType<typeof factories>['province']>>;

beforeAll(async () => {
  ctx = await createTestContext();
  f = factories(ctx.deps);
  tree = await f.province();
});
afterAll(() => ctx?.close());

describe('password login (cadres)', () => {
  it('logs in with the right password and returns the roles held at org nodes', async () => {
    const u = await f.user({ password: PASSWORD, roles: [{ org: tree.streetA, role: 'chair' }] });
    const s = await loginWithPassword(ctx.app, u.phone, PASSWORD);
    const me = (await s.get('/api/auth/me')).json();
    expect(me.roles).toEqual([expect.objectContaining({ orgId: tree.streetA.id, role: 'chair', orgName: '甲街道总工会' })]);
    expect(me.user.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(me.isMember).toBe(false);
  });

  it('sets an httpOnly session cookie and a readable CSRF cookie', async () => {
    const u = await f.user({ password: PASSWORD, roles: [{ org: tree.streetA, role: 'cadre' }] });
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login/password', payload: { phone: u.phone, password: PASSWORD } });
    const session = res.cookies.find((c) => c.name === 'gh_session')!;
    const csrf = res.cookies.find((c) => c.name === 'gh_csrf')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    expect(csrf.httpOnly).toBeFalsy();
  });

  it('rejects a wrong password with a Chinese message and no session', async () => {
    const u = await f.user({ password: PASSWORD });
    const s = new Session(ctx.app);
    const res = await s.post('/api/auth/login/password', { phone: u.phone, password: 'wrong-pass1' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '手机号或密码不正确' });
    expect(s.loggedIn).toBe(false);
  });

  it('locks the account after 5 failures, even for the right password', async () => {
    const u = await f.user({ password: PASSWORD });
    const s = new Session(ctx.app);
    for (let i = 0; i < 5; i++) await s.post('/api/auth/login/password', { phone: u.phone, password: `bad-${i}xx1` });
    const res = await s.post('/api/auth/login/password', { phone: u.phone, password: PASSWORD });
    expect(res.statusCode).toBe(423);
    expect(res.json().error.code).toBe('ACCOUNT_LOCKED');
  });

  it('names the field in validation errors', async () => {
    const res = await new Session(ctx.app).post('/api/auth/login/password', { phone: '12345', password: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0]).toMatchObject({ path: 'phone' });
    expect(res.json().error.message).toMatch(/手机号/);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login/password', headers: { 'content-type': 'application/json' }, payload: '{"phone":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
  });
});

describe('SMS code login (members)', () => {
  it('sends a 6-digit code through the provider and logs in with it once', async () => {
    const phone = f.phone();
    const s = new Session(ctx.app);
    expect((await s.post('/api/auth/sms/send', { phone })).statusCode).toBe(200);
    const code = await latestSmsCode(ctx.deps, phone);
    expect(code).toMatch(/^\d{6}$/);
    const ok = await s.post('/api/auth/login/sms', { phone, code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().roles).toEqual([]);
    // single use
    const again = await new Session(ctx.app).post('/api/auth/login/sms', { phone, code });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('SMS_CODE_EXPIRED');
  });

  it('rejects an expired code (5-minute validity)', async () => {
    const phone = f.phone();
    const s = new Session(ctx.app);
    await s.post('/api/auth/sms/send', { phone });
    const code = await latestSmsCode(ctx.deps, phone);
    await ctx.deps.database.db.updateTable('sms_codes').set({ expires_at: new Date(Date.now() - 1000) }).where('phone_hash', '=', ctx.deps.cipher.blindIndex('phone', phone)).execute();
    const res = await s.post('/api/auth/login/sms', { phone, code });
    expect(res.json().error.code).toBe('SMS_CODE_EXPIRED');
  });

  it('rejects a wrong code and gives up after 5 wrong tries', async () => {
    const phone = f.phone();
    const s = new Session(ctx.app);
    await s.post('/api/auth/sms/send', { phone });
    const code = await latestSmsCode(ctx.deps, phone);
    const wrong = code === '000000' ? '111111' : '000000';
    const first = await s.post('/api/auth/login/sms', { phone, code: wrong });
    expect(first.json().error.code).toBe('SMS_CODE_INVALID');
    for (let i = 0; i < 4; i++) await s.post('/api/auth/login/sms', { phone, code: wrong });
    expect((await s.post('/api/auth/login/sms', { phone, code })).json().error.code).toBe('SMS_CODE_EXPIRED');
  });

  it('allows one code per phone per minute', async () => {
    const phone = f.phone();
    const s = new Session(ctx.app);
    expect((await s.post('/api/auth/sms/send', { phone })).statusCode).toBe(200);
    const res = await s.post('/api/auth/sms/send', { phone });
    expect(res.statusCode).toBe(429);
    expect(res.json().error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(res.json().error.details.retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe('sessions and CSRF', () => {
  it('refuses a cookie-authenticated mutation without the CSRF header', async () => {
    const u = await f.user({ password: PASSWORD, roles: [{ org: tree.streetA, role: 'admin' }] });
    const s = await loginWithPassword(ctx.app, u.phone, PASSWORD);
    const res = await s.post('/api/orgs', { parentId: tree.streetA.id, name: '丙社区工会', kind: 'community' }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
  });

  it('logout revokes the session server-side', async () => {
    const u = await f.user({ password: PASSWORD, roles: [{ org: tree.streetA, role: 'cadre' }] });
    const s = await loginWithPassword(ctx.app, u.phone, PASSWORD);
    const token = s.cookies.gh_session!;
    expect((await s.post('/api/auth/logout')).statusCode).toBe(200);
    const replay = new Session(ctx.app, { gh_session: token });
    expect((await replay.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('a member (no roles) gets 403 on admin APIs', async () => {
    const phone = f.phone();
    const s = new Session(ctx.app);
    await s.post('/api/auth/sms/send', { phone });
    await s.post('/api/auth/login/sms', { phone, code: await latestSmsCode(ctx.deps, phone) });
    for (const url of ['/api/orgs/roots', `/api/orgs/${tree.prov.id}`, '/api/users', '/api/audit', '/api/sms-outbox']) {
      const res = await s.get(url);
      expect(res.statusCode, url).toBe(403);
    }
    expect((await s.get('/api/me/profile')).statusCode).toBe(200);
  });
});
