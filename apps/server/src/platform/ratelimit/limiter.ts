import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { Db } from '../../db/connect';

export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number };

/** Fixed-window counters. PostgreSQL by default; Redis when REDIS_URL is set (shared across processes cheaply). */
export interface RateLimiter {
  hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult>;
  close?(): Promise<void>;
}

function windowOf(windowSeconds: number, now = Date.now()) {
  const start = Math.floor(now / 1000 / windowSeconds) * windowSeconds;
  return { start, retryAfter: Math.max(1, start + windowSeconds - Math.floor(now / 1000)) };
}

export class PgRateLimiter implements RateLimiter {
  constructor(private readonly db: Db) {}
  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
    const { start, retryAfter } = windowOf(windowSeconds);
    const row = await sql<{ hits: number }>`
      INSERT INTO rate_limits (key, window_start, hits) VALUES (${key}, to_timestamp(${start}), 1)
      ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + 1
      RETURNING hits`.execute(this.db);
    const hits = row.rows[0]!.hits;
    return { allowed: hits <= limit, retryAfterSeconds: hits <= limit ? 0 : retryAfter };
  }
}

export class RedisRateLimiter implements RateLimiter {
  constructor(private readonly redis: Redis) {}
  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
    const { start, retryAfter } = windowOf(windowSeconds);
    const k = `rl:${key}:${start}`;
    const [[, hits]] = (await this.redis.multi().incr(k).expire(k, windowSeconds + 5).exec()) as [[unknown, number], unknown];
    return { allowed: hits <= limit, retryAfterSeconds: hits <= limit ? 0 : retryAfter };
  }
  async close() {
    await this.redis.quit();
  }
}
