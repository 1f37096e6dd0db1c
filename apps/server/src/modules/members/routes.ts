import { memberProfileSchema } from '@gonghui/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/http/request';
import { getMyProfile } from './service';

export async function memberRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/me/profile', {
    config: { policy: 'authenticated' },
    schema: { tags: ['members'], summary: '我的会员资料（脱敏）', response: { 200: memberProfileSchema } },
  }, async (req) => getMyProfile(app.deps, actorOf(req)));
}
