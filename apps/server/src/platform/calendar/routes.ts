import { calendarDaySchema } from '@gonghui/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canAtRoot } from '../access/permissions';
import { recordAudit } from '../audit/audit';
import { errors } from '../http/errors';
import { actorOf, requestMeta } from '../http/request';
import { forgetCachedOverrides } from './workdays';

/** The working-day calendar is one per installation: province-level admins keep it. */
export async function calendarRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const tags = ['calendar'];
  const requireKeeper = (req: Parameters<typeof actorOf>[0]) => {
    const actor = actorOf(req);
    if (!canAtRoot(actor, 'org.manage')) throw errors.forbidden('仅省级管理员可维护工作日历');
    return actor;
  };

  r.get('/api/calendar', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '工作日历（节假日与调休上班日）', querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }), response: { 200: z.array(calendarDaySchema) } },
  }, async (req) => {
    const rows = await db.selectFrom('calendar_days').selectAll().where('day', '>=', `${req.query.year}-01-01`).where('day', '<=', `${req.query.year}-12-31`).orderBy('day').execute();
    return rows.map((d) => ({ day: String(d.day), isWorkday: d.is_workday, note: d.note }));
  });

  r.put('/api/calendar/days', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '设置节假日 / 调休上班日', body: z.object({ days: z.array(calendarDaySchema).min(1).max(400) }), response: { 200: z.object({ saved: z.number() }) } },
  }, async (req) => {
    const actor = requireKeeper(req);
    await db.transaction().execute(async (trx) => {
      for (const d of req.body.days) {
        await trx.insertInto('calendar_days').values({ day: d.day, is_workday: d.isWorkday, note: d.note }).onConflict((oc) => oc.column('day').doUpdateSet({ is_workday: d.isWorkday, note: d.note })).execute();
      }
      await recordAudit(trx, { actorId: actor.userId, action: 'calendar.update', targetType: 'calendar', ip: requestMeta(req).ip, details: { days: req.body.days.map((d) => `${d.day}:${d.isWorkday ? '班' : '休'}`) } });
    });
    forgetCachedOverrides();
    return { saved: req.body.days.length };
  });

  r.delete('/api/calendar/days/:day', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '删除一天的设置（恢复按周末判断）', params: z.object({ day: z.iso.date() }), response: { 200: z.object({ ok: z.literal(true) }) } },
  }, async (req) => {
    const actor = requireKeeper(req);
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('calendar_days').where('day', '=', req.params.day).execute();
      await recordAudit(trx, { actorId: actor.userId, action: 'calendar.delete', targetType: 'calendar', ip: requestMeta(req).ip, details: { day: req.params.day } });
    });
    forgetCachedOverrides();
    return { ok: true as const };
  });
}
