import {
  changeMemberStatusSchema,
  createMemberSchema,
  memberDetailSchema,
  memberListItemSchema,
  memberListQuerySchema,
  memberPiiSchema,
  memberProfileSchema,
  pageSchema,
  updateMemberSchema,
} from '@gonghui/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requestMeta } from '../../platform/http/request';
import * as service from './service';

const idParams = z.object({ id: z.uuid() });

export async function memberRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const tags = ['members'];

  r.get('/api/me/profile', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '我的会员资料（脱敏）', response: { 200: memberProfileSchema } },
  }, async (req) => service.getMyProfile(deps, actorOf(req)));

  r.get('/api/members', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '会员名册（限管辖范围，脱敏）', querystring: memberListQuerySchema, response: { 200: pageSchema(memberListItemSchema) } },
  }, async (req) => service.listMembers(deps, actorOf(req), req.query));

  r.post('/api/members', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '登记会员', body: createMemberSchema, response: { 201: memberDetailSchema } },
  }, async (req, reply) => reply.status(201).send(await service.createMember(deps, actorOf(req), req.body, requestMeta(req))));

  r.get('/api/members/:id', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '会员详情与会籍档案（脱敏）', params: idParams, response: { 200: memberDetailSchema } },
  }, async (req) => service.getMemberDetail(deps, actorOf(req), req.params.id));

  r.post('/api/members/:id/reveal', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '查看完整身份信息（需权限，留审计）', params: idParams, response: { 200: memberPiiSchema } },
  }, async (req) => service.revealMemberPii(deps, actorOf(req), req.params.id, requestMeta(req)));

  r.patch('/api/members/:id', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '修改会员资料', params: idParams, body: updateMemberSchema, response: { 200: memberDetailSchema } },
  }, async (req) => service.updateMember(deps, actorOf(req), req.params.id, req.body, requestMeta(req)));

  r.post('/api/members/:id/status', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '变更会员状态（退休/退会/已故/恢复）', params: idParams, body: changeMemberStatusSchema, response: { 200: memberDetailSchema } },
  }, async (req) => service.changeMemberStatus(deps, actorOf(req), req.params.id, req.body, requestMeta(req)));
}
