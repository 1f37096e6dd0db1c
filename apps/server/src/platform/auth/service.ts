import { createHmac, randomInt } from 'node:crypto';
import { parsePhone } from '@gonghui/contracts';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/connect';
import { recordAudit } from '../audit/audit';
import { AppError, errors } from '../http/errors';
import type { AppDeps, RequestMeta } from '../http/context';
import { findUserByPhone, insertUser } from './accounts';
import { dummyHash, verifyPassword } from './password';
import { createSession, revokeSession } from './sessions';

/** Limits (per DOMAIN NFR: SMS costs money and codes can be brute-forced). */
export const AUTH_LIMITS = {
  passwordPerPhone: { limit: 10, windowSeconds: 15 * 60 },
  passwordPerIp: { limit: 60, windowSeconds: 15 * 60 },
  lockAfterFailures: 5,
  lockMinutes: 15,
  smsPerPhoneCooldown: { limit: 1, windowSeconds: 60 },
  smsPerPhoneDaily: { limit: 10, windowSeconds: 24 * 3600 },
  smsPerIp: { limit: 30, windowSeconds: 3600 },
  smsLoginPerPhone: { limit: 10, windowSeconds: 15 * 60 },
  codeTtlSeconds: 5 * 60,
  codeMaxAttempts: 5,
};

export type LoginResult = { userId: string; token: string; csrfToken: string; expiresAt: Date };

function requirePhone(raw: string): string {
  const r = parsePhone(raw ?? '');
  if (!r.ok) throw errors.field('phone', r.reason);
  return r.normalized;
}

async function limit(deps: AppDeps, key: string, rule: { limit: number; windowSeconds: number }) {
  const r = await deps.limiter.hit(key, rule.limit, rule.windowSeconds);
  if (!r.allowed) throw errors.rateLimited(r.retryAfterSeconds);
}

/** The org a user's audit rows belong to (their first role, else their membership) so cadres can see them. */
async function homeOrg(db: Db, userId: string): Promise<{ id: string; path: string } | null> {
  const role = await db.selectFrom('role_assignments').select(['org_id as id', 'org_path as path']).where('user_id', '=', userId).orderBy('org_path').limit(1).executeTakeFirst();
  if (role) return role;
  const m = await db.selectFrom('members').select(['org_id as id', 'org_path as path']).where('user_id', '=', userId).where('status', '=', 'active').limit(1).executeTakeFirst();
  return m ?? null;
}

function codeHash(deps: AppDeps, phone: string, code: string): string {
  return createHmac('sha256', deps.config.piiKeys.hmacKey).update(`smscode\u0000${phone}\u0000${code}`).digest('base64url');
}

export async function loginWithPassword(deps: AppDeps, input: { phone: string; password: string }, meta: RequestMeta): Promise<LoginResult> {
  const { db } = deps.database;
  const phone = requirePhone(input.phone);
  if (!input.password) throw errors.field('password', '请填写密码');
  await limit(deps, `pw:ip:${meta.ip}`, AUTH_LIMITS.passwordPerIp);
  await limit(deps, `pw:phone:${deps.cipher.blindIndex('phone', phone)}`, AUTH_LIMITS.passwordPerPhone);

  const user = await findUserByPhone(db, deps.cipher, phone);
  if (user?.locked_until && user.locked_until > new Date()) {
    const minutes = Math.ceil((user.locked_until.getTime() - Date.now()) / 60_000);
    throw new AppError('ACCOUNT_LOCKED', 423, `密码错误次数过多，账号已锁定，请 ${minutes} 分钟后再试`, { retryAfterSeconds: minutes * 60 });
  }
  // an unknown phone still costs one argon2 verify, so response time does not reveal accounts
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), input.password) && !!user?.password_hash;
  if (!user || !ok) {
    if (user) {
      await db.transaction().execute(async (trx) => {
        const failures = user.failed_logins + 1;
        const lock = failures >= AUTH_LIMITS.lockAfterFailures;
        await trx
          .updateTable('users')
          .set({ failed_logins: lock ? 0 : failures, locked_until: lock ? new Date(Date.now() + AUTH_LIMITS.lockMinutes * 60_000) : null })
          .where('id', '=', user.id)
          .execute();
        const org = await homeOrg(trx, user.id);
        await recordAudit(trx, { actorId: user.id, orgId: org?.id, orgPath: org?.path, action: lock ? 'auth.locked' : 'auth.login.failed', targetType: 'user', targetId: user.id, ip: meta.ip });
      });
    }
    throw errors.badRequest('INVALID_CREDENTIALS', '手机号或密码不正确');
  }
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    const s = await createSession(trx, user.id, deps.config.sessionTtlHours, meta);
    const org = await homeOrg(trx, user.id);
    await recordAudit(trx, { actorId: user.id, orgId: org?.id, orgPath: org?.path, action: 'auth.login.password', targetType: 'user', targetId: user.id, ip: meta.ip });
    return { userId: user.id, ...s };
  });
}

export async function sendLoginCode(deps: AppDeps, input: { phone: string }, meta: RequestMeta, log?: { info(o: object, m: string): void }) {
  const phone = requirePhone(input.phone);
  const phoneKey = deps.cipher.blindIndex('phone', phone);
  await limit(deps, `sms:ip:${meta.ip}`, AUTH_LIMITS.smsPerIp);
  await limit(deps, `sms:cool:${phoneKey}`, AUTH_LIMITS.smsPerPhoneCooldown);
  await limit(deps, `sms:day:${phoneKey}`, AUTH_LIMITS.smsPerPhoneDaily);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await deps.database.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sms_codes')
      .values({
        id: uuidv7(),
        phone_hash: phoneKey,
        code_hash: codeHash(deps, phone, code),
        purpose: 'login',
        expires_at: new Date(Date.now() + AUTH_LIMITS.codeTtlSeconds * 1000),
        used_at: null,
      })
      .execute();
    await deps.sms.send(trx, { phone, template: 'login_code', params: { code } });
  });
  // development convenience only; production logs never carry the code
  if (deps.config.env === 'development') log?.info({ smsCode: code }, 'dev SMS login code (see outbox)');
  return { sent: true as const, retryAfterSeconds: AUTH_LIMITS.smsPerPhoneCooldown.windowSeconds };
}

export async function loginWithSmsCode(deps: AppDeps, input: { phone: string; code: string }, meta: RequestMeta): Promise<LoginResult> {
  const phone = requirePhone(input.phone);
  if (!/^\d{6}$/.test(input.code ?? '')) throw errors.field('code', '请输入 6 位数字验证码');
  const phoneKey = deps.cipher.blindIndex('phone', phone);
  await limit(deps, `smslogin:${phoneKey}`, AUTH_LIMITS.smsLoginPerPhone);
  const { db } = deps.database;
  // A wrong guess must be counted even though the login fails, so the check commits on its own.
  const check = await db.transaction().execute(async (trx) => {
    const latest = await trx
      .selectFrom('sms_codes')
      .selectAll()
      .where('phone_hash', '=', phoneKey)
      .where('purpose', '=', 'login')
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date())
      .orderBy('created_at', 'desc')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    if (!latest || latest.attempts >= AUTH_LIMITS.codeMaxAttempts) return 'expired' as const;
    if (latest.code_hash !== codeHash(deps, phone, input.code)) {
      await trx.updateTable('sms_codes').set({ attempts: sql`attempts + 1` }).where('id', '=', latest.id).execute();
      return 'invalid' as const;
    }
    return latest.id;
  });
  if (check === 'expired') throw errors.badRequest('SMS_CODE_EXPIRED', '验证码已失效，请重新获取');
  if (check === 'invalid') throw errors.badRequest('SMS_CODE_INVALID', '验证码不正确');

  return db.transaction().execute(async (trx) => {
    // single use: the conditional update wins once even under concurrent submits
    const used = await trx.updateTable('sms_codes').set({ used_at: new Date() }).where('id', '=', check).where('used_at', 'is', null).executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw errors.badRequest('SMS_CODE_EXPIRED', '验证码已失效，请重新获取');

    let user = await findUserByPhone(trx, deps.cipher, phone);
    let created = false;
    if (!user) {
      // first login by a worker: the account is created now; real-name data comes with joining
      const { id } = await insertUser(trx, deps.cipher, { name: `用户${phone.slice(-4)}`, phone });
      user = (await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
      created = true;
    }
    // Records registered by a union (roster import, console) carry the phone but no account yet:
    // whoever proves control of that phone by SMS claims them, so their card and transfer work.
    const claimed = await trx
      .updateTable('members')
      .set({ user_id: user.id })
      .where('phone_hash', '=', deps.cipher.blindIndex('phone', phone))
      .where('user_id', 'is', null)
      .executeTakeFirst();
    const claimedCount = Number(claimed.numUpdatedRows);
    const s = await createSession(trx, user.id, deps.config.sessionTtlHours, meta);
    const org = await homeOrg(trx, user.id);
    const details = { ...(created ? { accountCreated: true } : {}), ...(claimedCount ? { membershipsClaimed: claimedCount } : {}) };
    await recordAudit(trx, { actorId: user.id, orgId: org?.id, orgPath: org?.path, action: 'auth.login.sms', targetType: 'user', targetId: user.id, ip: meta.ip, details: Object.keys(details).length ? details : null });
    return { userId: user.id, ...s };
  });
}

export async function logout(deps: AppDeps, sessionId: string, userId: string, meta: RequestMeta) {
  await deps.database.db.transaction().execute(async (trx) => {
    await revokeSession(trx, sessionId);
    const org = await homeOrg(trx, userId);
    await recordAudit(trx, { actorId: userId, orgId: org?.id, orgPath: org?.path, action: 'auth.logout', targetType: 'user', targetId: userId, ip: meta.ip });
  });
}
