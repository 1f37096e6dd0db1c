import type { AppConfig } from '../../config';
import type { Database } from '../../db/connect';
import type { Actor } from '../access/actor';
import type { PiiCipher } from '../crypto/pii';
import type { RealNameVerifier } from '../identity/realname';
import type { JobQueue } from '../jobs/queue';
import type { SmsProvider } from '../notify/sms';
import type { RateLimiter } from '../ratelimit/limiter';

/** Everything a route/service needs from the outside world; tests build it with their own parts. */
export type AppDeps = {
  config: AppConfig;
  database: Database;
  cipher: PiiCipher;
  sms: SmsProvider;
  limiter: RateLimiter;
  jobs: JobQueue;
  realName: RealNameVerifier;
};

/**
 * Route-level policy, declared on every /api route (startup fails if one is missing):
 * - public: anyone (login, health)
 * - authenticated: any logged-in user (member or cadre)
 * - cadre: a user holding at least one role at an org node; resource checks follow in the service
 */
export type RoutePolicy = 'public' | 'authenticated' | 'cadre';

/** Request facts a service records in audit rows. */
export type RequestMeta = { ip: string | null; userAgent: string | null };

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    deps: AppDeps;
  }
}
