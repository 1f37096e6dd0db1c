import { ROSTER_MAX_ROWS } from '@gonghui/contracts';
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit/audit';
import { FileStore } from '../../platform/files/store';
import type { AppDeps } from '../../platform/http/context';
import { applyCounterDeltas, shanghaiToday } from '../orgs/counters';
import { KeyRowSet } from './keyset';
import { ChunkWorkers } from './pool';
import { ChunkProcessor, type ChunkResult, type ChunkTask, type ProcessorConfig, type StageArrays } from './processor';
import * as repo from './repo';
import { openCsvSource, openXlsxSource, RosterFileError, type RosterSource } from './source';

/**
 * Running one roster import (the background job; the benchmark calls it directly):
 *
 *   file ─► chunks of whole records ─► worker threads: parse, check, encrypt, COPY text
 *        ─► in file order: repeated 身份证号 across the whole file
 *        ─► one transaction per chunk, while the workers prepare the next ones: COPY into a temp
 *           staging table, one INSERT … SELECT into members and member_events, the org's counters
 *           once, the rows left out, progress.
 *
 * Each chunk commits on its own, so the counters along the org's path (the province root is
 * everyone's hot spot) are locked for milliseconds, progress is visible, and the embedded database
 * keeps serving requests between chunks. Daily joins (org_daily, by 入会日期) are booked once at the
 * end. A run that dies half-way is retried by the job queue from the top: people it had already
 * imported are then found active in the org, and counted back as imported at the end.
 */

export type RunOptions = {
  /** worker threads; default: none for small files, up to 4 for big ones */
  workers?: number;
  /** CSV bytes per chunk (default 2 MiB ≈ 12,000 rows) */
  chunkBytes?: number;
  /** .xlsx rows per chunk */
  rowsPerTask?: number;
  /**
   * chunk transactions in flight on PostgreSQL (default 1: measured, a second connection only makes
   * two backends evict each other's index pages; PGlite has one connection anyway)
   */
  writers?: number;
  /** the queue's job: its lock is extended while the run goes on */
  jobId?: string;
  /** > 1 when the job queue retries a run that did not finish */
  attempt?: number;
  /** benchmarks: milliseconds spent per phase are added here */
  profile?: Record<string, number>;
};

/** Files from this size on are processed by worker threads (below it their start-up costs more). */
const WORKER_MIN_BYTES = 2 * 1024 * 1024;
const JOB_LOCK_SECONDS = 300;

export function rosterFiles(deps: AppDeps): FileStore {
  return new FileStore(deps.config.filesDir);
}

/** The history note of imported members; it also finds a retried run's earlier work. */
export function importNote(imp: { id: string; file_name: string }): string {
  return `名册导入「${imp.file_name}」（导入记录 ${imp.id}）`;
}

/** Time `fn` into `profile[phase]` (no-op without a profile). */
async function timed<T>(profile: Record<string, number> | undefined, phase: string, fn: () => Promise<T>): Promise<T> {
  if (!profile) return fn();
  const t = performance.now();
  try {
    return await fn();
  } finally {
    profile[phase] = (profile[phase] ?? 0) + performance.now() - t;
  }
}

/** A chunk ready for the database: staged rows, its error rows, and how to find a row's cells. */
type Batch = {
  /** rows in the staging payload */
  staged: number;
  copy: Uint8Array | null;
  arrays: StageArrays | null;
  issues: repo.IssueRow[];
  processed: number;
  totalRows: number | null;
  rowNo: (r: number) => number;
  cellsOf: (r: number) => string[];
};

export async function runImport(deps: AppDeps, importId: string, opts: RunOptions = {}): Promise<void> {
  const { db } = deps.database;
  const imp = await repo.findImport(db, importId);
  if (!imp || imp.status === 'done' || imp.status === 'failed' || !imp.file_key) return;
  const fileKey = imp.file_key;
  const store = rosterFiles(deps);
  const note = importNote(imp);
  const prof = opts.profile;

  // (re)start from the top; a retry first finds what the interrupted run already created
  const days = (opts.attempt ?? 1) > 1 ? await repo.importedDays(db, imp.org_id, note) : new Map<string, number>();
  let prior = 0;
  for (const n of days.values()) prior += n;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('roster_import_issues').where('import_id', '=', imp.id).execute();
    await trx
      .updateTable('roster_imports')
      .set({ status: 'running', started_at: new Date(), processed_rows: 0, imported: 0, unchanged: 0, conflicts: 0, errors: 0, failure: null, updated_at: new Date() })
      .where('id', '=', imp.id)
      .execute();
  });

  const sessions: repo.ImportSession[] = [];
  let source: RosterSource | null = null;
  let workers: ChunkWorkers | null = null;
  const writing = new Set<Promise<void>>();
  try {
    sessions.push(await repo.openImportSession(deps.database));
    const copyMode = sessions[0]!.copy !== null;
    source =
      imp.file_type === 'csv'
        ? await openCsvSource(store, fileKey, (imp.encoding ?? 'utf-8') as 'utf-8' | 'gb18030', opts.chunkBytes ?? 2 * 1024 * 1024)
        : await openXlsxSource(store, fileKey, opts.rowsPerTask ?? 5000);
    const src = source;
    await db.updateTable('roster_imports').set({ headers: JSON.stringify(src.header), total_rows: src.totalEstimate, updated_at: new Date() }).where('id', '=', imp.id).execute();
    if (copyMode) for (let i = 1; i < (opts.writers ?? 1); i++) sessions.push(await repo.openImportSession(deps.database));

    const config: ProcessorConfig = { columns: src.columns, today: shanghaiToday(), mode: copyMode ? 'copy' : 'arrays', keys: deps.config.piiKeys };
    const nWorkers = opts.workers ?? (Number(imp.file_size) >= WORKER_MIN_BYTES ? ChunkWorkers.defaultSize() : 0);
    workers = nWorkers > 0 ? new ChunkWorkers(nWorkers, config) : null;
    const inline = workers ? null : new ChunkProcessor(config);
    const exec = (task: ChunkTask): Promise<ChunkResult> => {
      const p = workers ? workers.run(task) : Promise.resolve().then(() => inline!.process(task));
      p.catch(() => {}); // awaited in file order later; no unhandled rejection meanwhile
      return p;
    };

    // ---- in file order: row numbers and 身份证号 repeated anywhere earlier in the file ----------
    const seen = new KeyRowSet(src.totalEstimate ?? 1 << 16);
    const idCol = src.columns.indexOf('idNumber');
    let recordBase = src.headerRecords;
    let processed = 0;
    const prepare = (task: ChunkTask, res: ChunkResult): Batch => {
      const base = recordBase;
      recordBase += res.records;
      const rowNo = (r: number) => (task.kind === 'rows' ? task.rowNos[res.rowRef[r]!]! : base + res.rowRef[r]! + 1);
      let records: string[][] | null = null;
      const cellsOf = (r: number) => {
        records ??= ChunkProcessor.records(task);
        return records[res.rowRef[r]!] ?? [];
      };
      const issues: repo.IssueRow[] = [];
      const errorAt = new Map<number, repo.IssueRow>();
      for (const e of res.errors) {
        const issue: repo.IssueRow = { rowNo: rowNo(e.r), kind: 'error', reasons: e.reasons, badCols: e.badCols, cellsEnc: e.cellsEnc, otherOrgId: null };
        issues.push(issue);
        errorAt.set(e.r, issue);
      }
      const dropped = new Set<number>();
      for (let r = 0; r < res.keys.length; r++) {
        const key = res.keys[r]!;
        if (key === 0) continue;
        const first = seen.getOrAdd(key, rowNo(r));
        if (!first) continue;
        const reason = `身份证号：与第 ${first} 行重复（同一文件中每人只能出现一次）`;
        const existing = errorAt.get(r);
        if (existing) {
          existing.reasons.push(reason);
          if (!existing.badCols.includes(idCol)) existing.badCols.push(idCol);
        } else {
          dropped.add(r);
          issues.push({ rowNo: rowNo(r), kind: 'error', reasons: [reason], badCols: [idCol], cellsEnc: deps.cipher.encrypt(JSON.stringify(cellsOf(r))), otherOrgId: null });
        }
      }
      processed += res.keys.length;
      if (processed > ROSTER_MAX_ROWS) throw new RosterFileError(`文件超过单个文件 ${ROSTER_MAX_ROWS.toLocaleString('en')} 行的上限，请拆分后分别导入`);
      const fraction = src.fraction();
      let staged = 0;
      for (let r = 0; r < res.valid.length; r++) staged += res.valid[r]!;
      return {
        staged: staged - dropped.size,
        copy: res.copy && dropped.size ? dropCopyRows(res.copy, dropped) : res.copy,
        arrays: res.arrays && dropped.size ? dropArrayRows(res.arrays, dropped) : res.arrays,
        issues,
        processed,
        totalRows: src.totalEstimate ?? (fraction > 0 ? Math.max(processed, Math.round(processed / fraction)) : null),
        rowNo,
        cellsOf,
      };
    };

    // ---- one transaction per chunk ----------------------------------------------------------------
    const write = async (session: repo.ImportSession, b: Batch): Promise<void> => {
      const counts: repo.Counts = { imported: 0, unchanged: 0, conflicts: 0, errors: b.issues.length };
      const tx0 = performance.now();
      const batchDays = await session.db.transaction().execute(async (trx) => {
        // a commit lost in a crash is redone by the retried job: no need to wait for each WAL flush
        await sql`SET LOCAL synchronous_commit = off`.execute(trx);
        await timed(prof, 'stage', () => (session.copy ? session.copy(b.copy!) : repo.stageArrays(trx, b.arrays!)));
        const out = await timed(prof, 'insert', () => repo.applyStage(trx, { orgId: imp.org_id, orgPath: imp.org_path, actorId: imp.created_by, note }, b.staged));
        const issues = [...b.issues];
        for (const x of out.existing) {
          const orgId = x.org_id;
          if (orgId === imp.org_id) {
            counts.unchanged++;
            continue;
          }
          const cellsEnc = deps.cipher.encrypt(JSON.stringify(b.cellsOf(x.row_no)));
          if (orgId) {
            counts.conflicts++;
            issues.push({ rowNo: b.rowNo(x.row_no), kind: 'conflict', reasons: ['该人员已是其他工会的在籍会员，未导入；如需变更请办理会籍转移'], badCols: [idCol], cellsEnc, otherOrgId: orgId });
          } else {
            counts.errors++;
            issues.push({ rowNo: b.rowNo(x.row_no), kind: 'error', reasons: ['身份证号：导入时该人员的会籍正在变更，请稍后单独登记'], badCols: [idCol], cellsEnc, otherOrgId: null });
          }
        }
        for (const d of out.days) counts.imported += d.n;
        // the org's counters once per chunk: one ordered update of the org and its ancestors
        if (counts.imported) {
          await timed(prof, 'counters', () =>
            applyCounterDeltas(trx, [{ path: imp.org_path, subtree: { members_total: counts.imported, verified_total: counts.imported }, node: { members_direct: counts.imported } }]),
          );
        }
        if (issues.length) await timed(prof, 'issues', () => repo.insertIssues(trx, imp.id, issues));
        await repo.addProgress(trx, imp.id, { ...counts, processedRows: b.processed, totalRows: b.totalRows });
        if (opts.jobId) await repo.extendJobLock(trx, opts.jobId, JOB_LOCK_SECONDS);
        return out.days;
      });
      for (const d of batchDays) days.set(d.day, (days.get(d.day) ?? 0) + d.n);
      if (prof) prof.transaction = (prof.transaction ?? 0) + performance.now() - tx0;
    };

    const free = [...sessions];
    const dispatch = async (b: Batch) => {
      while (free.length === 0) await timed(prof, 'waitDatabase', () => Promise.race(writing));
      const session = free.pop()!;
      const p: Promise<void> = write(session, b).finally(() => {
        free.push(session);
        writing.delete(p);
      });
      p.catch(() => {}); // surfaces through Promise.race / Promise.all below
      writing.add(p);
    };

    const maxInFlight = Math.max(2, (workers ? nWorkers : 0) * 2);
    const pending: Array<{ task: ChunkTask; result: Promise<ChunkResult> }> = [];
    const next = async () => {
      const { task, result } = pending.shift()!;
      const res = await timed(prof, 'waitWorkers', () => result);
      await dispatch(prepare(task, res));
    };
    for await (const task of src.tasks) {
      pending.push({ task, result: exec(task) });
      while (pending.length >= maxInFlight) await next();
    }
    while (pending.length) await next();
    await Promise.all(writing);

    await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('roster_imports').select(['imported', 'unchanged', 'conflicts', 'errors']).where('id', '=', imp.id).forUpdate().executeTakeFirstOrThrow();
      // people an interrupted run imported were just seen as "unchanged": they belong to this import
      const moved = Math.min(prior, row.unchanged);
      const final = { imported: row.imported + moved, unchanged: row.unchanged - moved, conflicts: row.conflicts, errors: row.errors };
      await timed(prof, 'daily', () => repo.addDailyJoins(trx, imp.org_path, days));
      await trx
        .updateTable('roster_imports')
        .set({ ...final, status: 'done', total_rows: processed, processed_rows: processed, finished_at: new Date(), file_key: null, updated_at: new Date() })
        .where('id', '=', imp.id)
        .execute();
      await recordAudit(trx, {
        actorId: imp.created_by, orgId: imp.org_id, orgPath: imp.org_path, action: 'roster.import', targetType: 'roster_import', targetId: imp.id,
        details: { fileName: imp.file_name, rows: processed, ...final },
      });
    });
    await store.remove(fileKey);
  } catch (err) {
    await Promise.allSettled(writing);
    if (!(err instanceof RosterFileError)) throw err;
    await failImport(deps, imp, err.message, days);
  } finally {
    await workers?.close();
    await source?.close();
    for (const s of sessions) await s.release();
  }
}

/**
 * The whole file cannot be imported: record why and drop the upload. Rows of chunks already
 * committed stay imported; their daily joins (`days`, or found by the history note) are booked now.
 */
export async function failImport(
  deps: AppDeps,
  imp: { id: string; org_id: string; org_path: string; created_by: string; file_name: string; file_key: string | null },
  message: string,
  days?: Map<string, number>,
): Promise<void> {
  const booked = days ?? (await repo.importedDays(deps.database.db, imp.org_id, importNote(imp)));
  await deps.database.db.transaction().execute(async (trx) => {
    await repo.addDailyJoins(trx, imp.org_path, booked);
    await trx.updateTable('roster_imports').set({ status: 'failed', failure: message, finished_at: new Date(), file_key: null, updated_at: new Date() }).where('id', '=', imp.id).execute();
    await recordAudit(trx, {
      actorId: imp.created_by, orgId: imp.org_id, orgPath: imp.org_path, action: 'roster.import.failed', targetType: 'roster_import', targetId: imp.id,
      details: { fileName: imp.file_name, failure: message },
    });
  });
  if (imp.file_key) await rosterFiles(deps).remove(imp.file_key);
}

/** COPY text without the rows in `drop` (the first field of a line is its data row index). */
function dropCopyRows(copy: Uint8Array, drop: Set<number>): Uint8Array {
  const lines = new TextDecoder().decode(copy).split('\n');
  const kept = lines.filter((l) => l !== '' && !drop.has(Number(l.slice(0, l.indexOf('\t')))));
  return new TextEncoder().encode(kept.length ? kept.join('\n') + '\n' : '');
}

function dropArrayRows(arrays: StageArrays, drop: Set<number>): StageArrays {
  const keep = arrays[0]!.map((r) => !drop.has(r as number));
  return arrays.map((col) => col.filter((_, i) => keep[i]));
}
