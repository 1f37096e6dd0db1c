import { pageSchema, parsePhone, smsOutboxItemSchema } from '@gonghui/contracts';
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
