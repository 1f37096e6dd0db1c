import { generateKeyPairSync } from 'node:crypto';
import { cardVerifyUrl, extractCardToken } from '@gonghui/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken, tokenSigner } from '../../platform/crypto/signed-token';
import { createTestContext, loginWithPassword, loginWithSms, type Session, type TestContext } from '../../test/context';
import { factories, PASSWORD, type TestOrg } from '../../test/factories';
import { CARD_LIMITS, CARD_TOKEN, issueCardToken, verifyCard } from './service';
import { encodeCardClaims } from './token';

let ctx: TestContext;
let f: ReturnType<typeof factories>;
let tree: Awaited<ReturnType<ReturnType<typeof factories>['province']>>;
/** 张晓红, member of 甲科技有限公司工会 (under street A), logged in by SMS */
let member: { userId: string; phone: string; memberId: string; idNumber: string; session: Session };

const NOT_A_MEMBER = { code: 'NOT_A_MEMBER', message: '您还不是工会会员，入会后即可领取电子会员卡' };

async function newMember(o: TestOrg, name: string) {
  const u = await f.user({ name });
  const m = await f.member(o, { userId: u.id, name });
  return { userId: u.id, phone: u.phone, memberId: m.id, idNumber: m.idNumber, session: await loginWithSms(ctx.app, ctx.deps, u.phone) };
}

/** a venue's phone: no session, its own IP so the rate-limit test below does not starve the others */
async function verify(token: string, ip = '127.0.0.1') {
  return ctx.app.inject({ method: 'POST', url: '/api/cards/verify', payload: { token }, remoteAddress: ip });
}

async function myToken(s: Session): Promise<string> {
  const res = await s.get('/api/me/card');
  expect(res.statusCode).toBe(200);
  return res.json().token as string;
}

async function setStatus(memberId: string, status: string) {
  await ctx.deps.database.db.updateTable('members').set({ status }).where('id', '=', memberId).execute();
}

/** flip one bit of the decoded part and re-encode it, so the token stays well-formed */
function flip(token: string, part: 0 | 1, byte: number): string {
  const parts = token.split('.');
  const buf = Buffer.from(parts[part]!, 'base64url');
  buf[byte] = buf[byte]! ^ 0x01;
  parts[part] = buf.toString('base64url');
  return parts.join('.');
}

beforeAll(async () => {
  ctx = await createTestContext();
  f = factories(ctx.deps);
  tree = await f.province();
  member = await newMember(tree.entA, '张晓红');
});
afterAll(() => ctx?.close());

describe('GET /api/me/card: the member\'s own card', () => {
  it('shows the member\'s active membership in full, with a token good for 90 s and a refresh in 60 s', async () => {
    const before = Date.now();
    const res = await member.session.get('/api/me/card');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const card = res.json();
    expect(card).toMatchObject({
      name: '张晓红',
      orgName: '甲科技有限公司工会',
      orgPathNames: ['测试省总工会', '测试市总工会', '测试区总工会', '甲街道总工会'],
      joinedAt: '2024-03-01',
      status: 'active',
      refreshInSeconds: CARD_TOKEN.refreshInSeconds,
    });
    expect(card.cardNo).toMatch(/^C\d{11}$/);
    const ttl = (new Date(card.expiresAt).getTime() - before) / 1000;
    expect(ttl).toBeGreaterThan(CARD_TOKEN.refreshInSeconds);
    expect(ttl).toBeLessThanOrEqual(CARD_TOKEN.ttlSeconds + 1);
    // compact: the QR code stays small (≈ 150 characters)
    expect(card.token.length).toBeLessThan(160);
  });

  it('tells a logged-in non-member, in Chinese, that there is no card yet', async () => {
    const u = await f.user({ name: '王非会员' });
    const s = await loginWithSms(ctx.app, ctx.deps, u.phone);
    const res = await s.get('/api/me/card');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject(NOT_A_MEMBER);
  });

  it('asks an anonymous caller to log in', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/me/card' });
    expect(res.statusCode).toBe(401);
  });

  it('is only ever the caller\'s own: a street A cadre without a membership gets no one\'s card', async () => {
    const cadre = await f.user({ name: '甲干部', password: PASSWORD, roles: [{ org: tree.streetA, role: 'admin' }] });
    const s = await loginWithPassword(ctx.app, cadre.phone, PASSWORD);
    const res = await s.get(`/api/me/card?userId=${member.userId}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_A_MEMBER');
  });

  it('no longer issues a card once the membership has ended', async () => {
    const m = await newMember(tree.entB, '赵退会');
    expect((await m.session.get('/api/me/card')).statusCode).toBe(200);
    await setStatus(m.memberId, 'left');
    expect((await m.session.get('/api/me/card')).json().error).toMatchObject(NOT_A_MEMBER);
  });
});

describe('POST /api/cards/verify: a venue scans the code', () => {
  it('accepts a fresh card, showing only the masked name, union, status and a masked card number', async () => {
    const card = (await member.session.get('/api/me/card')).json();
    const res = await verify(card.token);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual({
      valid: true,
      nameMasked: '张**',
      orgName: '甲科技有限公司工会',
      status: '在籍',
      cardNoMasked: `${card.cardNo.slice(0, 4)}****${card.cardNo.slice(-4)}`,
      checkedAt: expect.any(String),
    });
  });

  it('returns no personal data: no 身份证号, phone, full name, member or user id', async () => {
    const res = await verify(await myToken(member.session));
    const text = res.body;
    for (const secret of [member.idNumber, member.phone, '张晓红', member.memberId, member.userId]) expect(text).not.toContain(secret);
    expect(Object.keys(res.json()).sort()).toEqual(['cardNoMasked', 'checkedAt', 'nameMasked', 'orgName', 'status', 'valid']);
  });

  it('works from a logged-in browser too (a cadre checking a member at an event)', async () => {
    const res = await member.session.post('/api/cards/verify', { token: await myToken(member.session) });
    expect(res.json().valid).toBe(true);
  });

  it('refuses an expired code and asks for a refresh (clock passed in, no sleeping)', async () => {
    const old = issueCardToken(ctx.deps, { memberId: member.memberId, orgId: tree.entA.id }, new Date(Date.now() - (CARD_TOKEN.ttlSeconds + 1) * 1000));
    expect((await verify(old.token)).json()).toMatchObject({ valid: false, reason: '二维码已过期，请让会员刷新', status: null });
    // the same token, seen by the service at its expiry instant and one second before
    const fresh = issueCardToken(ctx.deps, { memberId: member.memberId, orgId: tree.entA.id });
    const meta = { ip: '10.9.9.9', userAgent: null };
    expect((await verifyCard(ctx.deps, fresh.token, meta, { now: new Date(fresh.expiresAt.getTime() - 1000) })).valid).toBe(true);
    expect(await verifyCard(ctx.deps, fresh.token, meta, { now: fresh.expiresAt })).toMatchObject({ valid: false, reason: '二维码已过期，请让会员刷新' });
  });

  it('refuses a tampered payload (another member id, or a later expiry) as 签名无效', async () => {
    const token = await myToken(member.session);
    expect((await verify(flip(token, 0, 20))).json()).toMatchObject({ valid: false, reason: '签名无效' });
    expect((await verify(flip(token, 0, 12))).json()).toMatchObject({ valid: false, reason: '签名无效' });
  });

  it('refuses a tampered signature as 签名无效', async () => {
    const token = await myToken(member.session);
    expect((await verify(flip(token, 1, 5))).json()).toMatchObject({ valid: false, reason: '签名无效' });
  });

  it('refuses a card signed by another key, under its own key id or under ours', async () => {
    const other = tokenSigner(generateKeyPairSync('ed25519').privateKey);
    const body = encodeCardClaims({ memberId: member.memberId, orgId: tree.entA.id });
    const ownKid = signToken(other, body, { ttlSeconds: 90 }).token;
    expect((await verify(ownKid)).json()).toMatchObject({ valid: false, reason: '签名无效' });
    const ourKid = tokenSigner(ctx.deps.config.cardSigningKey).kid;
    const forged = signToken({ ...other, kid: ourKid }, body, { ttlSeconds: 90 }).token;
    expect((await verify(forged)).json()).toMatchObject({ valid: false, reason: '签名无效' });
  });

  it('refuses something that is not a member code at all', async () => {
    for (const junk of ['', 'hello', 'https://example.com/verify#abc', 'a.b']) {
      const res = await verify(junk);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ valid: false, reason: '无法识别的会员码，请扫描会员卡上的二维码' });
    }
  });

  it('checks the member\'s status now: a code shown after a transfer or leaving is refused, naming the status', async () => {
    for (const [status, label] of [['transferred', '已转出'], ['left', '已退会'], ['retired', '已退休'], ['deceased', '已故']] as const) {
      const m = await newMember(tree.entB, '孙转会');
      const token = await myToken(m.session);
      expect((await verify(token)).json().valid).toBe(true);
      await setStatus(m.memberId, status);
      const body = (await verify(token)).json();
      expect(body).toEqual({ valid: false, reason: `该会员${label}，会员卡已失效`, status: label, checkedAt: expect.any(String) });
    }
  });

  it('refuses a code whose union no longer matches the member record', async () => {
    const m = await newMember(tree.entA, '钱调整');
    const token = await myToken(m.session);
    await ctx.deps.database.db.updateTable('members').set({ org_id: tree.entB.id, org_path: tree.entB.path }).where('id', '=', m.memberId).execute();
    expect((await verify(token)).json()).toMatchObject({ valid: false, reason: '会籍信息已变更，请让会员刷新二维码' });
  });

  it('logs one line per scan with the outcome only: no name, ids or token', async () => {
    const lines: object[] = [];
    const log = { info: (o: object) => void lines.push(o) };
    const token = await myToken(member.session);
    await verifyCard(ctx.deps, token, { ip: '10.8.8.8', userAgent: null }, { log });
    await verifyCard(ctx.deps, flip(token, 1, 5), { ip: '10.8.8.8', userAgent: null }, { log });
    expect(lines).toEqual([
      { cardVerify: 'valid', kid: expect.stringMatching(/^[0-9a-f]{8}$/) },
      { cardVerify: 'bad_signature', kid: null },
    ]);
    const text = JSON.stringify(lines);
    for (const secret of [token, member.memberId, '张晓红', member.userId]) expect(text).not.toContain(secret);
  });

  it('rate-limits each IP, and only that IP', async () => {
    const token = await myToken(member.session);
    const ip = '10.1.2.3';
    // the limiter counts in fixed windows aligned to the clock: don't start a burst at a window's edge
    const msLeft = CARD_LIMITS.verifyPerIp.windowSeconds * 1000 - (Date.now() % (CARD_LIMITS.verifyPerIp.windowSeconds * 1000));
    if (msLeft < 5_000) await new Promise((r) => setTimeout(r, msLeft + 50));
    for (let i = 0; i < CARD_LIMITS.verifyPerIp.limit; i++) expect((await verify(token, ip)).statusCode).toBe(200);
    const res = await verify(token, ip);
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('RATE_LIMITED');
    expect(res.json().error.message).toMatch(/操作过于频繁/);
    expect((await verify(token, '10.1.2.4')).statusCode).toBe(200);
  });
});

describe('the QR content', () => {
  it('is an absolute /verify URL with the token in the hash, which the verify page reads back', async () => {
    const token = await myToken(member.session);
    const url = cardVerifyUrl('https://gh.example.cn', token);
    expect(url).toBe(`https://gh.example.cn/verify#${token}`);
    expect(extractCardToken(url)).toBe(token);
    expect(extractCardToken(`  ${token}\n`)).toBe(token);
    expect(extractCardToken('https://example.com/pay?x=1')).toBeNull();
  });
});

describe('API documentation', () => {
  it('describes both routes in the OpenAPI document', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths;
    expect(paths['/api/me/card'].get).toBeDefined();
    expect(paths['/api/cards/verify'].post.requestBody).toBeDefined();
  });
});
