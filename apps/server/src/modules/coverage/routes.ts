import { orgStatsQuerySchema, orgStatsSchema, setEmployeesSchema } from '@gonghui/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requestMeta } from '../../platform/http/request';
import * as service from './service';

const params = z.object({ id: z.uuid() });

export async function coverageRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const tags = ['coverage'];

  r.get('/api/orgs/:id/stats', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '覆盖统计：会员、实名率、入会率、建会率、趋势与下级对比', params, querystring: orgStatsQuerySchema, response: { 200: orgStatsSchema } },
  }, async (req) => service.getOrgStats(deps, actorOf(req), req.params.id, req.query));

  r.patch('/api/orgs/:id/employees', {
    config: { policy: 'cadre' },
    schema: {
      tags,
      summary: '设置本级职工人数（入会率分母）',
      params,
      body: setEmployeesSchema,
      response: { 200: z.object({ employees: z.number().int(), employeesTotal: z.number().int() }) },
    },
  }, async (req) => service.setEmployees(deps, actorOf(req), req.params.id, req.body.employees, requestMeta(req)));
}
