import {
  enterpriseInputSchema,
  enterpriseListQuerySchema,
  enterpriseSchema,
  enterpriseSummarySchema,
  enterpriseUpdateSchema,
  pageSchema,
} from '@gonghui/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requestMeta } from '../../platform/http/request';
import * as service from './service';

const params = z.object({ id: z.uuid() });

/** 非公企业数据库 (enterprise register). */
export async function enterpriseRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const tags = ['enterprises'];

  r.get('/api/enterprises', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '企业名录（限管辖范围，可按是否建会、是否应建、名称筛选）', querystring: enterpriseListQuerySchema, response: { 200: pageSchema(enterpriseSchema) } },
  }, async (req) => service.listEnterprises(deps, actorOf(req), req.query));

  r.get('/api/enterprises/summary', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '企业名录汇总：应建、已建、建会率', querystring: z.object({ orgId: z.uuid() }), response: { 200: enterpriseSummarySchema } },
  }, async (req) => service.getSummary(deps, actorOf(req), req.query.orgId));

  r.get('/api/enterprises/:id', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '企业名录条目', params, response: { 200: enterpriseSchema } },
  }, async (req) => service.getEnterprise(deps, actorOf(req), req.params.id));

  r.post('/api/enterprises', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '登记企业（同一统一社会信用代码的企业工会自动关联）', body: enterpriseInputSchema, response: { 201: enterpriseSchema } },
  }, async (req, reply) => reply.status(201).send(await service.createEnterprise(deps, actorOf(req), req.body, requestMeta(req))));

  r.patch('/api/enterprises/:id', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '修改企业信息或关联/解除关联企业工会（unionOrgId: null）', params, body: enterpriseUpdateSchema, response: { 200: enterpriseSchema } },
  }, async (req) => service.updateEnterprise(deps, actorOf(req), req.params.id, req.body, requestMeta(req)));

  r.delete('/api/enterprises/:id', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '从名录删除企业', params, response: { 200: z.object({ ok: z.literal(true) }) } },
  }, async (req) => {
    await service.deleteEnterprise(deps, actorOf(req), req.params.id, requestMeta(req));
    return { ok: true as const };
  });
}
