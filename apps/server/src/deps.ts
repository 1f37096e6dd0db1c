import type { AppConfig } from './config';
import { migrateToLatest, openDatabase, type Database } from './db/connect';
import { PiiCipher } from './platform/crypto/pii';
import { RecordingRealNameVerifier } from './platform/identity/realname';
import type { AppDeps } from './platform/http/context';
import { JobQueue } from './platform/jobs/queue';
import { registerMaintenanceJobs } from './platform/jobs/maintenance';
import { registerModuleJobs } from './modules/jobs';
import { OutboxSmsProvider } from './platform/notify/sms';
import { PgRateLimiter, RedisRateLimiter, type RateLimiter } from './platform/ratelimit/limiter';

type Log = { info(o: object, m?: string): void; error(o: object, m?: string): void };

/** Wire the outside world: database (migrated), crypto, providers, job queue. */
export async function createDeps(config: AppConfig, opts: { database?: Database; log?: Log } = {}): Promise<AppDeps> {
  const database = opts.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize }));
  await migrateToLatest(database.db);
  const cipher = new PiiCipher(config.piiKeys);
  let limiter: RateLimiter = new PgRateLimiter(database.db);
  if (config.redisUrl) {
    const { Redis } = await import('ioredis');
    limiter = new RedisRateLimiter(new Redis(config.redisUrl, { maxRetriesPerRequest: 2, lazyConnect: false }));
  }
  const jobs = new JobQueue(database.db, { pollMs: config.jobPollMs, ...(opts.log ? { log: opts.log } : {}) });
  registerMaintenanceJobs(jobs, database.db);
  const deps: AppDeps = { config, database, cipher, sms: new OutboxSmsProvider(cipher), limiter, jobs, realName: new RecordingRealNameVerifier() };
  registerModuleJobs(deps);
  return deps;
}

export async function closeDeps(deps: AppDeps): Promise<void> {
  await deps.jobs.stop();
  await deps.limiter.close?.();
  await deps.database.close();
}
