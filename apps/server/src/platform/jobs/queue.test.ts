import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Database } from '../../db/connect';
import { openTestDatabase } from '../../test/context';
import { JobQueue } from './queue';

/** Reopen "the same database" as a restarted server would: same PGlite directory, or same server URL. */
async function restartableDatabase(): Promise<{ open: () => Promise<Database>; drop: () => Promise<void> }> {
  if (process.env.TEST_DATABASE_URL) {
    const first = await openTestDatabase();
    const url = (first.database.pool as unknown as { options: { connectionString: string } }).options.connectionString;
    await first.database.close();
    return { open: () => openDatabase({ databaseUrl: url, poolSize: 2 }), drop: first.drop };
  }
  const dir = mkdtempSync(join(tmpdir(), 'gh-jobs-'));
  return { open: () => openDatabase({ dataDir: dir }), drop: async () => {} };
}

describe('durable job queue', () => {
  it('a timer scheduled before a restart fires after it', async () => {
    const store = await restartableDatabase();
    const before = await store.open();
    await migrateToLatest(before.db);
    const q1 = new JobQueue(before.db, { pollMs: 50 });
    const fired: unknown[] = [];
    q1.register('sla.remind', async (p) => void fired.push(p));
    await q1.enqueue(before.db, 'sla.remind', { caseId: 'c-1' }, { runAt: new Date(Date.now() + 300) });
    expect(await q1.tick()).toBe(false); // not due yet
    await before.close(); // the process stops

    const after = await store.open();
    const q2 = new JobQueue(after.db, { pollMs: 50 });
    q2.register('sla.remind', async (p) => void fired.push(p));
    await new Promise((r) => setTimeout(r, 400));
    q2.start();
    await expect.poll(() => fired, { timeout: 5000 }).toEqual([{ caseId: 'c-1' }]);
    await q2.stop();
    const row = await after.db.selectFrom('jobs').select(['status', 'attempts']).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'done', attempts: 1 });
    await after.close();
    await store.drop();
  });

  it('retries a failing job with backoff and gives up after max attempts', async () => {
    const { database, drop } = await openTestDatabase();
    await migrateToLatest(database.db);
    const q = new JobQueue(database.db, { pollMs: 10 });
    let calls = 0;
    q.register('flaky', async () => {
      calls++;
      throw new Error('provider down');
    });
    await q.enqueue(database.db, 'flaky', {}, { maxAttempts: 2 });
    await q.tick();
    let row = await database.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'Error: provider down' });
    expect(row.run_at.getTime()).toBeGreaterThan(Date.now());
    await database.db.updateTable('jobs').set({ run_at: new Date() }).execute();
    await q.tick();
    row = await database.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(calls).toBe(2);
    await database.close();
    await drop();
  });

  it('dedupe keys make scheduling idempotent', async () => {
    const { database, drop } = await openTestDatabase();
    await migrateToLatest(database.db);
    const q = new JobQueue(database.db, { pollMs: 10 });
    expect(await q.enqueue(database.db, 'x', {}, { dedupeKey: 'k' })).toBeTruthy();
    expect(await q.enqueue(database.db, 'x', {}, { dedupeKey: 'k' })).toBeNull();
    await database.close();
    await drop();
  });

  it('a job enqueued in a rolled-back transaction never exists', async () => {
    const { database, drop } = await openTestDatabase();
    await migrateToLatest(database.db);
    const q = new JobQueue(database.db, { pollMs: 10 });
    await expect(
      database.db.transaction().execute(async (trx) => {
        await q.enqueue(trx, 'x', {});
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow();
    expect(await database.db.selectFrom('jobs').selectAll().execute()).toEqual([]);
    await database.close();
    await drop();
  });
});
