import { applicationDetailSchema, joinApplicationInputSchema, joinLinkSchema, joinTargetSchema, transferRequestSchema } from '@gonghui/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requestMeta } from '../../platform/http/request';
import { listMyApplications } from '../approvals/service';
import { requestTransfer } from '../transfer/service';
import * as service from './service';

const idParams = z.object({ id: z.uuid() });

/** 一码入会 and 会籍转移: the member-facing doors into a union, and the cadres' join codes. */
export async function joinRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const tags = ['join'];

  const myApplication = async (actor: Parameters<typeof listMyApplications>[1], id: string) =>
    (await listMyApplications(deps, actor, { id }))[0]!;

  r.get('/api/orgs/:id/join-links', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '组织的入会二维码', params: idParams, response: { 200: z.array(joinLinkSchema) } },
  }, async (req) => service.listJoinLinks(deps, actorOf(req), req.params.id));

  r.post('/api/orgs/:id/join-links', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '生成（重新生成）入会二维码：原二维码随即失效', params: idParams, response: { 201: joinLinkSchema } },
  }, async (req, reply) => reply.status(201).send(await service.createJoinLink(deps, actorOf(req), req.params.id, requestMeta(req))));

  r.post('/api/join-links/:id/revoke', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '停用入会二维码', params: idParams, response: { 200: joinLinkSchema } },
  }, async (req) => service.revokeJoinLink(deps, actorOf(req), req.params.id, requestMeta(req)));

  r.get('/api/join/orgs', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '按名称查找可转入的基层工会', querystring: z.object({ q: z.string().max(30).default('') }), response: { 200: z.array(z.object({ orgId: z.string(), orgName: z.string(), orgPathNames: z.array(z.string()) })) } },
  }, async (req) => service.searchJoinableOrgs(deps, req.query.q));

  r.get('/api/join/:token', {
    config: { policy: 'public' },
    schema: { tags, summary: '扫码入会：二维码对应的工会', params: z.object({ token: z.string().min(8).max(64) }), response: { 200: joinTargetSchema } },
  }, async (req) => service.getJoinTarget(deps, req.params.token));

  r.post('/api/join-applications', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '提交入会申请（实名 + 同意个人信息告知）', body: joinApplicationInputSchema, response: { 201: applicationDetailSchema } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const id = await service.submitJoin(deps, actor, req.body, requestMeta(req));
    return reply.status(201).send(await myApplication(actor, id));
  });

  r.post('/api/transfers', {
    config: { policy: 'authenticated' },
    schema: {
      tags, summary: '申请会籍转移', response: { 201: applicationDetailSchema },
      body: transferRequestSchema,
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const id = await requestTransfer(deps, actor, req.body, requestMeta(req));
    return reply.status(201).send(await myApplication(actor, id));
  });
}
