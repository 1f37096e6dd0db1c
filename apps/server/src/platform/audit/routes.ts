import { auditRowSchema, auditVerifySchema, pageSchema, type AuditRow } from '@gonghui/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canAtRoot, scopePrefixes } from '../access/permissions';
import { escapeLike, inScope } from '../access/scope';
import { errors } from '../http/errors';
import { decodeCursor, pageQuery, toPage } from '../http/pagination';
import { actorOf } from '../http/request';
import { verifyAuditChain } from './audit';

const listQuery = z.object({
  actorId: z.uuid().optional(),
  action: z.string().max(60).optional(),
  orgId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  ...pageQuery,
});

export async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get('/api/audit', {
    config: { policy: 'cadre' },
    schema: { tags: ['audit'], summary: '审计日志（限管辖范围，按时间倒序）', querystring: listQuery, response: { 200: pageSchema(auditRowSchema) } },
  }, async (req) => {
    const actor = actorOf(req);
    const q = req.query;
    let prefixes = scopePrefixes(actor, 'audit.read');
    if (prefixes !== null && prefixes.length === 0) throw errors.forbidden('没有查看审计日志的权限');
    if (q.orgId) {
      const org = await db.selectFrom('orgs').select('path').where('id', '=', q.orgId).executeTakeFirst();
      if (!org || (prefixes !== null && !prefixes.some((p) => org.path.startsWith(p)))) throw errors.notFound('组织');
      prefixes = [org.path];
    }
    const after = decodeCursor(q.cursor, 1);
    let query = db
      .selectFrom('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.actor_id')
      .leftJoin('orgs as o', 'o.id', 'a.org_id')
      .select(['a.seq', 'a.at', 'a.actor_id', 'u.name as actor_name', 'a.org_id', 'o.name as org_name', 'a.action', 'a.target_type', 'a.target_id', 'a.ip', 'a.details'])
      // rows with no org (platform installation) are visible to the super-admin only
      .where(inScope('a.org_path', prefixes));
    if (q.actorId) query = query.where('a.actor_id', '=', q.actorId);
    if (q.action) query = query.where('a.action', 'like', `${escapeLike(q.action)}%`);
    if (q.from) query = query.where('a.at', '>=', new Date(q.from));
    if (q.to) query = query.where('a.at', '<', new Date(q.to));
    if (after) query = query.where('a.seq', '<', Number(after[0]));
    const rows = await query.orderBy('a.seq', 'desc').limit(q.limit + 1).execute();
    return toPage(rows, q.limit, (row) => [Number(row.seq)], (row): AuditRow => ({
      id: String(row.seq),
      at: new Date(row.at).toISOString(),
      actorId: row.actor_id,
      actorName: row.actor_name,
      orgId: row.org_id,
      orgName: row.org_name,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      ip: row.ip,
      details: row.details,
    }));
  });

  r.get('/api/audit/verify', {
    config: { policy: 'cadre' },
    schema: { tags: ['audit'], summary: '校验审计日志哈希链', response: { 200: auditVerifySchema } },
  }, async (req) => {
    if (!canAtRoot(actorOf(req), 'audit.read')) throw errors.forbidden('仅省级审计权限可校验整条哈希链');
    const s = await verifyAuditChain(db);
    return { ok: s.ok, checked: s.checked, firstBrokenId: s.firstBrokenSeq === null ? null : String(s.firstBrokenSeq), verifiedAt: new Date().toISOString() };
  });
}
