import { cardVerifyInputSchema, cardVerifyResultSchema, memberCardSchema } from '@gonghui/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, requestMeta } from '../../platform/http/request';
import { getMyCard, verifyCard } from './service';

export async function cardRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/me/card', {
    config: { policy: 'authenticated' },
    schema: {
      tags: ['cards'],
      summary: '我的电子会员卡（含约 60 秒轮换的二维码令牌）',
      response: { 200: memberCardSchema },
    },
  }, async (req, reply) => {
    // a token must never come back from a cache
    reply.header('cache-control', 'no-store');
    return getMyCard(app.deps, actorOf(req));
  });

  r.post('/api/cards/verify', {
    config: { policy: 'public' },
    schema: {
      tags: ['cards'],
      summary: '扫码验证会员卡（公开，按 IP 限流；仅返回脱敏信息）',
      body: cardVerifyInputSchema,
      response: { 200: cardVerifyResultSchema },
    },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return verifyCard(app.deps, req.body.token, requestMeta(req), { log: req.log });
  });
}
