import { assignRoleSchema, pageSchema, roleAssignmentSchema, roleSchema, userListItemSchema } from '@gonghui/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination';
import { actorOf, requestMeta } from '../../platform/http/request';
import * as service from './service';

const listQuery = z.object({ orgId: z.uuid().optional(), q: z.string().trim().max(50).optional(), ...pageQuery });
const createBody = z.object({
  name: z.string().trim().min(2).max(30),
  phone: z.string().max(30),
  password: z.string().max(64).optional(),
  orgId: z.uuid(),
  role: roleSchema,
});

export async function userRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const tags = ['users'];

  r.get('/api/users', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '干部用户列表（限管辖范围）', querystring: listQuery, response: { 200: pageSchema(userListItemSchema) } },
  }, async (req) => service.listUsers(deps, actorOf(req), req.query));

  r.post('/api/users', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '新建干部账号并任职', body: createBody, response: { 201: userListItemSchema } },
  }, async (req, reply) => reply.status(201).send(await service.createUser(deps, actorOf(req), req.body, requestMeta(req))));

  r.post('/api/role-assignments', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '在组织节点任命角色', body: assignRoleSchema.extend({ userId: z.uuid(), orgId: z.uuid() }), response: { 201: roleAssignmentSchema } },
  }, async (req, reply) => reply.status(201).send(await service.assignRole(deps, actorOf(req), req.body, requestMeta(req))));

  r.delete('/api/role-assignments/:id', {
    config: { policy: 'cadre' },
    schema: { tags, summary: '撤销任职', params: z.object({ id: z.uuid() }), response: { 200: z.object({ ok: z.literal(true) }) } },
  }, async (req) => {
    await service.revokeRole(deps, actorOf(req), req.params.id, requestMeta(req));
    return { ok: true as const };
  });
}
