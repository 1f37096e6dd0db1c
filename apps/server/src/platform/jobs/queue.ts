import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/connect';

export type JobHandler = (payload: unknown, job: { id: string; attempts: number; queue: string }) => Promise<void>;
export type EnqueueOptions = { runAt?: Date; dedupeKey?: string; maxAttempts?: number };
type Logger = { info(o: object, m?: string): void; error(o: object, m?: string): void };

/**
 * Durable jobs and timers in PostgreSQL (works on PGlite too): rows in `jobs`, claimed with
 * FOR UPDATE SKIP LOCKED so several processes can work one table. A timer is a job with a run_at.
 * Enqueue inside the caller's transaction: the job exists exactly when the change does.
 */
export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly workerId = `w-${process.pid}-${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly db: Db,
    private readonly opts: { pollMs: number; batch?: number; lockSeconds?: number; log?: Logger },
  ) {}

  register(queue: string, handler: JobHandler): void {
    this.handlers.set(queue, handler);
  }

  /** Returns the job id, or null when a job with the same dedupe key already exists. */
  async enqueue(trx: Db, queue: string, payload: unknown, o: EnqueueOptions = {}): Promise<string | null> {
    const id = uuidv7();
    const row = await trx
      .insertInto('jobs')
      .values({
        id,
        queue,
        payload: JSON.stringify(payload ?? null),
        run_at: o.runAt ?? new Date(),
        dedupe_key: o.dedupeKey ?? null,
        ...(o.maxAttempts ? { max_attempts: o.maxAttempts } : {}),
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id ?? null;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stop polling and wait for the jobs in hand to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((err: unknown) => this.opts.log?.error({ err }, 'job poll failed'))
        .then((worked) => this.schedule(worked ? 0 : this.opts.pollMs));
    }, ms);
  }

  /** Claim and run one batch of due jobs; true if any ran. Exposed for tests. */
  async tick(): Promise<boolean> {
    const lockSeconds = this.opts.lockSeconds ?? 300;
    // jobs whose worker died mid-run go back to the queue once their lock expires
    await sql`UPDATE jobs SET status = 'pending', locked_by = NULL, locked_until = NULL
               WHERE status = 'running' AND locked_until < now()`.execute(this.db);
    const queues = [...this.handlers.keys()];
    if (queues.length === 0) return false;
    const claimed = await sql<{ id: string; queue: string; payload: unknown; attempts: number; max_attempts: number }>`
      UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = ${this.workerId},
                      locked_until = now() + make_interval(secs => ${lockSeconds})
       WHERE id IN (SELECT id FROM jobs
                     WHERE status = 'pending' AND run_at <= now() AND queue = ANY(${queues}::text[])
                     ORDER BY run_at LIMIT ${this.opts.batch ?? 10}
                     FOR UPDATE SKIP LOCKED)
      RETURNING id, queue, payload, attempts, max_attempts`.execute(this.db);
    for (const job of claimed.rows) {
      const handler = this.handlers.get(job.queue)!;
      try {
        await handler(job.payload, { id: job.id, attempts: job.attempts, queue: job.queue });
        await sql`UPDATE jobs SET status = 'done', finished_at = now(), locked_by = NULL, locked_until = NULL
                   WHERE id = ${job.id}`.execute(this.db);
      } catch (err) {
        const final = job.attempts >= job.max_attempts;
        const backoffSec = Math.min(3600, 2 ** job.attempts * 5);
        this.opts.log?.error({ err, jobId: job.id, queue: job.queue, attempt: job.attempts }, 'job failed');
        await sql`UPDATE jobs SET status = ${final ? 'failed' : 'pending'}, last_error = ${String(err).slice(0, 2000)},
                          run_at = now() + make_interval(secs => ${backoffSec}), locked_by = NULL, locked_until = NULL,
                          finished_at = ${final ? new Date() : null}
                   WHERE id = ${job.id}`.execute(this.db);
      }
    }
    return claimed.rows.length > 0;
  }
}

/**
 * A recurring timer as a chain of jobs: each run schedules the next slot (dedupe key = queue + slot),
 * so a restart loses nothing and two processes never double a slot. A run that starts before its
 * slot (clock skew, a manual run) skips to the next free slot instead of colliding with its own key
 * and ending the chain.
 */
export async function scheduleNextSlot(jobs: JobQueue, db: Db, queue: string, slotMs: number, from = Date.now()): Promise<void> {
  for (let i = 1; i <= 5; i++) {
    const runAt = new Date(Math.floor(from / slotMs) * slotMs + i * slotMs);
    const dedupeKey = `${queue}:${runAt.toISOString()}`;
    if (await jobs.enqueue(db, queue, {}, { runAt, dedupeKey })) return;
    // someone already scheduled that slot and it is still waiting: the chain is alive
    const waiting = await db.selectFrom('jobs').select('id').where('dedupe_key', '=', dedupeKey).where('status', '=', 'pending').executeTakeFirst();
    if (waiting) return;
  }
}
