import { applicationDetailSchema, applicationItemSchema, applicationListQuerySchema, decisionSchema, pageSchema } from '@gonghui/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requestMeta } from '../../platform/http/request';
import './handlers';
import * as service from './service';

const idParams = z.object({ id: z.uuid() });

export async function approvalRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const tags = ['approvals'];

  r.get('/api/applications', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '审批中心：入会/转会/建会申请（限管辖范围）', querystring: applicationListQuerySchema, response: { 200: pageSchema(applicationItemSchema) } },
  }, async (req) => service.listApplications(deps, actorOf(req), req.query));

  r.get('/api/applications/:id', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '申请详情与办理记录', params: idParams, response: { 200: applicationDetailSchema } },
  }, async (req) => service.getApplication(deps, actorOf(req), req.params.id));

  r.post('/api/applications/:id/decision', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '审批（通过 / 不通过 / 退回修改；转会：同意转出 / 接收）', params: idParams, body: decisionSchema, response: { 200: applicationDetailSchema } },
  }, async (req) => service.decideApplication(deps, actorOf(req), req.params.id, req.body, requestMeta(req)));

  r.get('/api/me/applications', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '我的申请与办理进度', response: { 200: z.array(applicationDetailSchema) } },
  }, async (req) => service.listMyApplications(deps, actorOf(req)));

  r.post('/api/me/applications/:id/withdraw', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '撤回我的申请', params: idParams, response: { 200: applicationDetailSchema } },
  }, async (req) => service.withdrawMyApplication(deps, actorOf(req), req.params.id, requestMeta(req)));
}
