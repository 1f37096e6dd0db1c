import { meSchema, passwordLoginSchema, smsLoginSchema, smsSendSchema, CSRF_COOKIE, SESSION_COOKIE } from '@gonghui/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '../http/errors';
import { requestMeta } from '../http/request';
import { loadMe } from './me';
import { loginWithPassword, loginWithSmsCode, logout, sendLoginCode, type LoginResult } from './service';

export function setSessionCookies(app: FastifyInstance, reply: FastifyReply, s: Pick<LoginResult, 'token' | 'csrfToken' | 'expiresAt'>) {
  const secure = app.deps.config.env === 'production';
  reply.setCookie(SESSION_COOKIE, s.token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: s.expiresAt });
  // readable by the SPA, echoed back in the x-csrf-token header (double submit, checked against the session)
  reply.setCookie(CSRF_COOKIE, s.csrfToken, { httpOnly: false, sameSite: 'strict', secure, path: '/', expires: s.expiresAt });
}

export async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;

  const afterLogin = async (req: FastifyRequest, reply: FastifyReply, result: LoginResult) => {
    setSessionCookies(app, reply, result);
    return loadMe(deps, result.userId, result.csrfToken);
  };

  r.post('/api/auth/login/password', {
    config: { policy: 'public' },
    schema: { tags: ['auth'], summary: '干部密码登录', body: passwordLoginSchema, response: { 200: meSchema } },
  }, async (req, reply) => afterLogin(req, reply, await loginWithPassword(deps, req.body, requestMeta(req))));

  r.post('/api/auth/sms/send', {
    config: { policy: 'public' },
    schema: { tags: ['auth'], summary: '发送短信验证码', body: smsSendSchema, response: { 200: z.object({ sent: z.literal(true), retryAfterSeconds: z.number() }) } },
  }, async (req) => sendLoginCode(deps, req.body, requestMeta(req), req.log));

  r.post('/api/auth/login/sms', {
    config: { policy: 'public' },
    schema: { tags: ['auth'], summary: '短信验证码登录（会员）', body: smsLoginSchema, response: { 200: meSchema } },
  }, async (req, reply) => afterLogin(req, reply, await loginWithSmsCode(deps, req.body, requestMeta(req))));

  r.post('/api/auth/logout', {
    config: { policy: 'authenticated' },
    schema: { tags: ['auth'], summary: '退出登录', response: { 200: z.object({ ok: z.literal(true) }) } },
  }, async (req, reply) => {
    const actor = req.actor!;
    await logout(deps, actor.sessionId, actor.userId, requestMeta(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  r.get('/api/auth/me', {
    config: { policy: 'authenticated' },
    schema: { tags: ['auth'], summary: '当前用户与角色', response: { 200: meSchema } },
  }, async (req) => {
    const actor = req.actor;
    if (!actor) throw errors.unauthenticated();
    return loadMe(deps, actor.userId, actor.csrfToken);
  });
}
