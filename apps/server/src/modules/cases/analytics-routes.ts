import { caseStatsQuerySchema, caseStatsSchema } from '@gonghui/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/http/request';
import { getCaseStats } from './analytics';

/** Appeal analytics (诉求统计): read-only, for cadres holding case.read or case.supervise. */
export async function caseAnalyticsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;

  r.get('/api/cases/stats', {
    config: { policy: 'cadre' },
    schema: {
      tags: ['cases'],
      summary: '诉求统计：受理量、办结率、时长、满意度、分类/状态/下级对比、趋势与高频词',
      querystring: caseStatsQuerySchema,
      response: { 200: caseStatsSchema },
    },
  }, async (req) => getCaseStats(deps, actorOf(req), req.query));
}
