import {
  congressInputSchema,
  foundingApplicationSchema,
  foundingDecisionSchema,
  foundingDetailSchema,
  foundingInputSchema,
  foundingListItemSchema,
  foundingListQuerySchema,
  foundingParentSchema,
  foundingResubmitSchema,
  pageSchema,
} from '@gonghui/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '../../platform/http/errors';
import { actorOf, requestMeta } from '../../platform/http/request';
import * as service from './service';

const params = z.object({ id: z.uuid() });

/** 网上建会: apply (member H5), decide and record the first congress (console). */
export async function foundingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const tags = ['founding'];

  r.get('/api/founding/parents', {
    config: { policy: 'authenticated' },
    schema: {
      tags,
      summary: '可申请建会的上级工会（街道、园区、社区、联合、行业工会）',
      querystring: z.object({ q: z.string().trim().max(50).default(''), limit: z.coerce.number().int().min(1).max(50).default(20) }),
      response: { 200: z.object({ items: z.array(foundingParentSchema) }) },
    },
  }, async (req) => ({ items: await service.searchParents(deps, req.query.q, req.query.limit) }));

  r.get('/api/founding/mine', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '我的建会申请与办理进度', response: { 200: z.object({ items: z.array(foundingApplicationSchema) }) } },
  }, async (req) => ({ items: await service.listMine(deps, actorOf(req)) }));

  r.post('/api/founding', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '提交建会申请', body: foundingInputSchema, response: { 201: foundingApplicationSchema } },
  }, async (req, reply) => {
    // one person files a handful of applications at most; this stops scripted flooding of inboxes
    const rl = await deps.limiter.hit(`founding:${actorOf(req).userId}`, 10, 3600);
    if (!rl.allowed) throw errors.rateLimited(rl.retryAfterSeconds);
    return reply.status(201).send(await service.submitFounding(deps, actorOf(req), req.body, requestMeta(req)));
  });

  r.put('/api/founding/:id', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '修改被退回的建会申请并重新提交（不填联系电话则保留原号码）', params, body: foundingResubmitSchema, response: { 200: foundingApplicationSchema } },
  }, async (req) => service.resubmitFounding(deps, actorOf(req), req.params.id, req.body, requestMeta(req)));

  r.get('/api/founding', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '建会申请列表（限管辖范围）', querystring: foundingListQuerySchema, response: { 200: pageSchema(foundingListItemSchema) } },
  }, async (req) => service.listFounding(deps, actorOf(req), req.query));

  r.get('/api/founding/:id', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '建会申请详情、办理记录与可执行操作', params, response: { 200: foundingDetailSchema } },
  }, async (req) => service.getFoundingDetail(deps, actorOf(req), req.params.id));

  r.post('/api/founding/:id/decision', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '批复 / 退回修改 / 不予批复（与 /api/applications/:id/decision 相同）', params, body: foundingDecisionSchema, response: { 200: foundingDetailSchema } },
  }, async (req) => service.decideFounding(deps, actorOf(req), req.params.id, req.body, requestMeta(req)));

  r.post('/api/founding/:id/congress', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '登记首次会员大会（选举）结果', params, body: congressInputSchema, response: { 200: foundingDetailSchema } },
  }, async (req) => service.recordCongress(deps, actorOf(req), req.params.id, req.body, requestMeta(req)));
}
