import { notificationSchema, pageSchema, parsePhone, smsOutboxItemSchema } from '@gonghui/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canAtRoot } from '../access/permissions';
import { errors } from '../http/errors';
import { decodeCursor, pageQuery, toPage } from '../http/pagination';
import { actorOf } from '../http/request';

export async function outboxRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get('/api/sms-outbox', {
    config: { policy: 'cadre' },
    schema: {
      tags: ['notify'],
      summary: '短信发件箱（开发驱动记录的短信）',
      querystring: z.object({ phone: z.string().max(30).optional(), ...pageQuery }),
      response: { 200: pageSchema(smsOutboxItemSchema) },
    },
  }, async (req) => {
    // the outbox spans the whole platform, so only province-level admins read it
    if (!canAtRoot(actorOf(req), 'sms.outbox.read')) throw errors.forbidden('仅省级管理员可查看短信发件箱');
    const after = decodeCursor(req.query.cursor, 1);
    let q = db.selectFrom('sms_outbox').select(['id', 'phone_masked', 'template', 'body', 'created_at']);
    if (req.query.phone) {
      const p = parsePhone(req.query.phone);
      if (!p.ok) throw errors.field('phone', p.reason);
      q = q.where('phone_hash', '=', app.deps.cipher.blindIndex('phone', p.normalized));
    }
    if (after) q = q.where('id', '<', String(after[0]));
    const rows = await q.orderBy('id', 'desc').limit(req.query.limit + 1).execute();
    return toPage(rows, req.query.limit, (row) => [row.id], (row) => ({
      id: row.id,
      phoneMasked: row.phone_masked,
      template: row.template,
      body: row.body,
      createdAt: new Date(row.created_at).toISOString(),
    }));
  });
}

/** 站内信: every logged-in user reads only their own messages. */
export async function notificationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const tags = ['notify'];

  r.get('/api/me/notifications', {
    config: { policy: 'authenticated' },
    schema: {
      tags, summary: '我的消息',
      querystring: z.object({ ...pageQuery, limit: z.coerce.number().int().min(1).max(100).default(20) }),
      response: { 200: pageSchema(notificationSchema).extend({ unread: z.number() }) },
    },
  }, async (req) => {
    const userId = actorOf(req).userId;
    const after = decodeCursor(req.query.cursor, 1);
    let q = db.selectFrom('notifications').select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at']).where('user_id', '=', userId);
    if (after) q = q.where('id', '<', String(after[0]));
    const [rows, unread] = await Promise.all([
      q.orderBy('id', 'desc').limit(req.query.limit + 1).execute(),
      db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow(),
    ]);
    const page = toPage(rows, req.query.limit, (row) => [row.id], (row) => ({
      id: row.id, kind: row.kind, title: row.title, body: row.body, link: row.link,
      createdAt: new Date(row.created_at).toISOString(), readAt: row.read_at ? row.read_at.toISOString() : null,
    }));
    return { ...page, unread: Number(unread.n) };
  });

  r.post('/api/me/notifications/:id/read', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '标记已读', params: z.object({ id: z.uuid() }), response: { 200: z.object({ ok: z.literal(true) }) } },
  }, async (req) => {
    await db.updateTable('notifications').set({ read_at: new Date() }).where('id', '=', req.params.id).where('user_id', '=', actorOf(req).userId).where('read_at', 'is', null).execute();
    return { ok: true as const };
  });

  r.post('/api/me/notifications/read-all', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '全部标记已读', response: { 200: z.object({ ok: z.literal(true) }) } },
  }, async (req) => {
    await db.updateTable('notifications').set({ read_at: new Date() }).where('user_id', '=', actorOf(req).userId).where('read_at', 'is', null).execute();
    return { ok: true as const };
  });
}
