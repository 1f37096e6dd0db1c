import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { CSRF_HEADER, SESSION_COOKIE } from '@gonghui/contracts';
import Fastify, { type FastifyError, type FastifyServerOptions } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { ping } from './db/connect';
import { hasAnyRole } from './platform/access/permissions';
import { auditRoutes } from './platform/audit/routes';
import { authRoutes } from './platform/auth/routes';
import { loadActor } from './platform/auth/sessions';
import type { AppDeps } from './platform/http/context';
import { AppError, errors, zodIssuesToFields } from './platform/http/errors';
import { notificationRoutes, outboxRoutes } from './platform/notify/routes';
import { calendarRoutes } from './platform/calendar/routes';
import { requireRoutePolicy } from './platform/http/route-policy';
import { cardRoutes } from './modules/cards/routes';
import { caseAnalyticsRoutes } from './modules/cases/analytics-routes';
import { caseRoutes } from './modules/cases/routes';
import { caseSettingsRoutes } from './modules/cases/settings-routes';
import { coverageRoutes } from './modules/coverage/routes';
import { enterpriseRoutes } from './modules/enterprises/routes';
import { foundingRoutes } from './modules/founding/routes';
import { memberRoutes } from './modules/members/routes';
import { approvalRoutes } from './modules/approvals/routes';
import { joinRoutes } from './modules/join/routes';
import { orgRoutes } from './modules/orgs/routes';
import { rosterRoutes } from './modules/roster/routes';
import { userRoutes } from './modules/users/routes';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Query keys whose values are PII and never reach the logs. */
const PII_QUERY = /([?&](?:phone|idNumber|idNo|mobile|code)=)[^&]*/gi;

export function loggerOptions(level: string, stream?: { write(line: string): void }): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]', '*.password', '*.phone', '*.idNumber', '*.code'],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: req.url.replace(PII_QUERY, '$1[redacted]'), ip: req.ip }),
    },
  };
}

export async function buildApp(deps: AppDeps, opts: { logStream?: { write(line: string): void } } = {}) {
  const app = Fastify({
    logger: opts.logStream ? loggerOptions('debug', opts.logStream) : deps.config.env === 'test' ? false : loggerOptions(deps.config.logLevel),
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
  });
  app.decorate('deps', deps);
  app.decorateRequest('actor', null);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Security by structure: an /api route without a declared policy does not start.
  app.addHook('onRoute', requireRoutePolicy);

  await app.register(fastifyCookie);
  // roster uploads: up to 1,000,000 rows (≈ 200 MB as CSV); routes stream the file to disk
  await app.register(fastifyMultipart, { limits: { fileSize: 256 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Gonghui 智慧工会 API', version: '0.1.0', description: '工会组织、会员、干部与审计接口。错误统一为 { error: { code, message, details } }。' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    req.actor = token ? await loadActor(deps.database.db, token) : null;
    // CSRF: a cookie-authenticated mutation must echo the session's token in a header
    if (req.actor && !SAFE_METHODS.has(req.method) && req.headers[CSRF_HEADER] !== req.actor.csrfToken) {
      throw new AppError('CSRF_FAILED', 403, '页面已过期，请刷新后重试');
    }
  });

  app.addHook('preHandler', async (req) => {
    const policy = req.routeOptions.config?.policy;
    if (!policy || policy === 'public') return;
    if (!req.actor) throw errors.unauthenticated();
    if (policy === 'cadre' && !hasAnyRole(req.actor)) throw errors.forbidden('该功能仅对工会干部开放');
  });

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, details: err.details } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({ ...v.params, code: v.keyword, message: v.message, path: v.instancePath.split('/').filter(Boolean) }));
      const fields = zodIssuesToFields(issues as never);
      const e = errors.validation(fields);
      return reply.status(400).send({ error: { code: e.code, message: e.message, details: e.details } });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err: { message: err.message, issues: err.cause.issues } }, 'response did not match its schema');
      return reply.status(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后再试' } });
    }
    const status = err.statusCode ?? 500;
    if (status === 415) return reply.status(415).send({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '请求格式不支持，请使用 JSON' } });
    if (status === 413) return reply.status(413).send({ error: { code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' } });
    if (status === 400) return reply.status(400).send({ error: { code: 'BAD_REQUEST', message: '请求格式不正确（JSON 解析失败）' } });
    if (status === 503) return reply.status(503).send({ error: { code: 'UNAVAILABLE', message: '服务正在重启，请稍后再试' } });
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后再试' } });
  });

  app.get('/healthz', { config: { policy: 'public' }, schema: { hide: true } }, async () => ({ ok: true }));
  app.get('/readyz', { config: { policy: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    try {
      await ping(deps.database.db);
      return { ok: true, database: deps.database.kind };
    } catch {
      return reply.status(503).send({ error: { code: 'NOT_READY', message: '数据库不可用' } });
    }
  });

  await app.register(authRoutes);
  await app.register(orgRoutes);
  await app.register(userRoutes);
  await app.register(auditRoutes);
  await app.register(outboxRoutes);
  await app.register(memberRoutes);
  await app.register(joinRoutes);
  await app.register(approvalRoutes);
  await app.register(notificationRoutes);
  await app.register(calendarRoutes);
  await app.register(cardRoutes);
  await app.register(foundingRoutes);
  await app.register(enterpriseRoutes);
  await app.register(coverageRoutes);
  await app.register(rosterRoutes);
  await app.register(caseAnalyticsRoutes);
  await app.register(caseRoutes);
  await app.register(caseSettingsRoutes);

  const indexHtml = join(deps.config.webDist, 'index.html');
  if (deps.config.serveWeb && existsSync(indexHtml)) {
    await app.register(fastifyStatic, { root: deps.config.webDist, wildcard: false, index: false });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/api/') && deps.config.serveWeb && existsSync(indexHtml)) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: '接口不存在' } });
  });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
