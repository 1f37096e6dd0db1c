import { sql } from 'kysely';
import type { Db } from '../../db/connect';
import type { JobQueue } from './queue';

export const MAINTENANCE_QUEUE = 'platform.maintenance';

/** Hourly housekeeping, itself a durable timer: each run schedules the next (dedupe key = the hour). */
export function registerMaintenanceJobs(jobs: JobQueue, db: Db): void {
  jobs.register(MAINTENANCE_QUEUE, async () => {
    await sql`DELETE FROM sessions WHERE expires_at < now() - interval '7 days' OR revoked_at < now() - interval '7 days'`.execute(db);
    await sql`DELETE FROM sms_codes WHERE expires_at < now() - interval '1 day'`.execute(db);
    await sql`DELETE FROM rate_limits WHERE window_start < now() - interval '2 days'`.execute(db);
    await sql`DELETE FROM jobs WHERE status = 'done' AND finished_at < now() - interval '30 days'`.execute(db);
    await scheduleMaintenance(jobs, db);
  });
}

export async function scheduleMaintenance(jobs: JobQueue, db: Db): Promise<void> {
  const next = new Date(Math.floor(Date.now() / 3600_000) * 3600_000 + 3600_000);
  await jobs.enqueue(db, MAINTENANCE_QUEUE, {}, { runAt: next, dedupeKey: `maintenance:${next.toISOString()}` });
}
