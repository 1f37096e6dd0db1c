import { orgDetailSchema, orgSearchHitSchema, orgSummarySchema, pageSchema } from '@gonghui/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requestMeta } from '../../platform/http/request';
import { childrenQuery, createOrgBody, orgIdParams, searchQuery } from './schema';
import * as service from './service';

export async function orgRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const tags = ['orgs'];

  r.get('/api/orgs/roots', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '我的管辖范围（顶层组织）', response: { 200: z.object({ items: z.array(orgSummarySchema) }) } },
  }, async (req) => ({ items: await service.listScopeRoots(deps, actorOf(req)) }));

  r.get('/api/orgs/search', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '按名称搜索组织（限管辖范围）', querystring: searchQuery, response: { 200: z.object({ items: z.array(orgSearchHitSchema) }) } },
  }, async (req) => ({ items: await service.searchOrgs(deps, actorOf(req), req.query.q, req.query.limit) }));

  r.get('/api/orgs/:id', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '组织详情与计数', params: orgIdParams, response: { 200: orgDetailSchema } },
  }, async (req) => service.getOrgDetail(deps, actorOf(req), req.params.id));

  r.get('/api/orgs/:id/children', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '下级组织（分页）', params: orgIdParams, querystring: childrenQuery, response: { 200: pageSchema(orgSummarySchema) } },
  }, async (req) => service.listChildren(deps, actorOf(req), req.params.id, req.query));

  r.post('/api/orgs', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '新建下级组织', body: createOrgBody, response: { 201: orgSummarySchema } },
  }, async (req, reply) => reply.status(201).send(await service.createOrg(deps, actorOf(req), req.body, requestMeta(req))));
}
