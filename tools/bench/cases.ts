/**
 * Cases (工单) benchmark, issue 4: a province with N historical cases (default 1,000,000 over three
 * years) and 20,000 open ones on the PostgreSQL server, measured through the server's own code:
 *
 *   1. the handler inbox (`listCases` box 'mine'; also 'unassigned' and 'all' of a county and a
 *      province cadre, for information)                                  target p95 < 30 ms
 *   2. the SLA sweep's claim of due timers (`dueCasesQuery`, index on next_timer_at) target < 200 ms,
 *      and one full `sweepCaseTimers` run over the backlog (cost per case)
 *   3. case submission over HTTP (the real app, POST /api/me/cases, 32 connections) target ≥ 300/s,
 *      p99 < 200 ms, no errors — against a bare Fastify + pg insert endpoint in the same run
 *   4. hot words (高频词) over ~100k cases: the stored-words query (`topWords`), target < 5 s; and
 *      segmenting 100k texts from scratch (`caseWords`) for comparison
 *
 *   npx tsx tools/bench/cases.ts                 # full size
 *   npx tsx tools/bench/cases.ts --quick         # 50,000 historical, 5,000 open, 5 s of HTTP
 *   npm run bench -- --cases 1000000             # as part of the whole bench (--cases 0 skips it)
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) must allow CREATE
 * DATABASE; the bench creates and finally drops `gonghui_bench_cases` (--keep leaves it).
 * Results: bench/results/<date>-cases.{json,md}.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { canBePublic, type CaseType, type Role } from '@gonghui/contracts';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../../apps/server/src/config';
import { openDatabase, type Database, type Db } from '../../apps/server/src/db/connect';
import type { DB } from '../../apps/server/src/db/schema';
import { closeDeps, createDeps } from '../../apps/server/src/deps';
import type { Actor } from '../../apps/server/src/platform/access/actor';
import { createSession, loadActor } from '../../apps/server/src/platform/auth/sessions';
import type { AppDeps } from '../../apps/server/src/platform/http/context';
import { getCaseStats, resolvePeriod, topWords, type CaseScope } from '../../apps/server/src/modules/cases/analytics';
import { listCases, submitMyCase } from '../../apps/server/src/modules/cases/service';
import { dueCasesQuery, sweepCaseTimers } from '../../apps/server/src/modules/cases/sweep';
import { caseWords } from '../../apps/server/src/modules/cases/words';
import { loadDemoProvince } from '../demo/load';
import { Rng } from '../demo/prng';
import { loadCasesDataset, type Handler } from './cases-data';
import { appName, BARE_POOL_SIZE, BARE_TABLE, backendCpu, backendStates, forkServer, machineCpu, runLoad, type LoadResult, type ServerStats } from './cases-http';
import { caseText, pickType } from './cases-texts';
import { stats, type Stats } from './members';

export const INBOX_P95_MS = 30;
export const CLAIM_P95_MS = 200;
export const SUBMIT_PER_S = 300;
export const SUBMIT_P99_MS = 200;
export const WORDS_MS = 5000;

export type BenchCasesOptions = {
  /** server URL of a database where the user may CREATE DATABASE */
  databaseUrl: string;
  historical: number;
  open?: number;
  orgs?: number;
  members?: number;
  seed?: number;
  samples?: number;
  quick?: boolean;
  /** HTTP: seconds measured, connections */
  httpSeconds?: number;
  concurrency?: number;
  /** texts segmented from scratch */
  wordTexts?: number;
  keep?: boolean;
  /** where results go (default bench/results); null: do not write files */
  outDir?: string | null;
  log?: (line: string) => void;
};

const BENCH_DB = 'gonghui_bench_cases';
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
type Target = { target: string; value: string; result: 'PASS' | 'FAIL' };

function dbUrl(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

/** The same pool behind a Kysely that records every statement (SQL, parameters, duration). */
function capturing(pool: pg.Pool) {
  const events: Array<{ sql: string; params: readonly unknown[]; ms: number }> = [];
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (e.level === 'query') events.push({ sql: e.query.sql, params: e.query.parameters, ms: e.queryDurationMillis });
    },
  });
  // never destroyed: that would end the shared pool
  const database: Database = { db, kind: 'postgres', pool, close: async () => {} };
  return { database, events };
}

async function explain(pool: pg.Pool, q: { sql: string; params: readonly unknown[] }, before: string[] = []): Promise<string> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    for (const s of before) await c.query(s);
    const r = await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params as unknown[]);
    return r.rows.map((x) => x['QUERY PLAN']).join('\n');
  } finally {
    await c.query('ROLLBACK');
    c.release();
  }
}

async function actorsFor(db: Db, userIds: string[]): Promise<Map<string, Actor>> {
  const users = await db.selectFrom('users').select(['id', 'name', 'is_super_admin']).where('id', 'in', userIds).execute();
  const roles = await db.selectFrom('role_assignments').select(['id', 'user_id', 'org_id', 'org_path', 'role']).where('user_id', 'in', userIds).execute();
  return new Map(users.map((u) => [u.id, {
    userId: u.id, name: u.name, isSuperAdmin: u.is_super_admin, sessionId: 'bench', csrfToken: 'bench',
    roles: roles.filter((r) => r.user_id === u.id).map((r) => ({ assignmentId: r.id, orgId: r.org_id, orgPath: r.org_path, role: r.role as Role })),
  }]));
}

/** The submission mix over HTTP (types the router hands to a team with on-duty handlers). */
const SUBMIT_MIX: ReadonlyArray<[CaseType, number]> = [['appeal', 0.6], ['wage_arrears', 0.15], ['legal_consult', 0.1], ['suggestion', 0.1], ['legal_aid', 0.05]];
function submitType(rng: Rng): CaseType {
  let x = rng.next();
  for (const [t, s] of SUBMIT_MIX) if ((x -= s) < 0) return t;
  return 'appeal';
}

export async function benchCases(o: BenchCasesOptions) {
  const log = o.log ?? ((line: string) => console.log(line));
  const started = Date.now();
  const quick = o.quick ?? false;
  const seed = o.seed ?? 20260101;
  const samples = Math.max(200, o.samples ?? 200);
  const size = {
    historical: o.historical,
    open: o.open ?? (quick ? 5000 : 20_000),
    orgs: o.orgs ?? (quick ? 3000 : 10_000),
    members: o.members ?? (quick ? 5000 : 20_000),
    dueOpen: quick ? 300 : 1000,
    dueResolved: quick ? 300 : 1000,
    heavyHandlers: quick ? 2 : 5,
    heavyLoad: quick ? 500 : 600,
    submitters: 200,
  };
  const httpSeconds = o.httpSeconds ?? (quick ? 5 : 20);
  const concurrency = o.concurrency ?? 32;
  const wordTexts = o.wordTexts ?? (quick ? 20_000 : 100_000);
  const work = mkdtempSync(join(tmpdir(), 'gh-cases-bench-'));
  const admin = new pg.Client({ connectionString: o.databaseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  const pgVersion = (await admin.query<{ v: string }>('SELECT version() AS v')).rows[0]!.v;
  const settings = Object.fromEntries(
    (await admin.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers','work_mem','maintenance_work_mem','effective_cache_size','max_connections','synchronous_commit','jit','random_page_cost')`,
    )).rows.map((r) => [r.name, r.unit ? `${r.setting} × ${r.unit}` : r.setting]),
  );
  const loadAtStart = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const url = dbUrl(o.databaseUrl, BENCH_DB);
  // production-like: NODE_ENV production (explicit keys), logging off, no web build served
  const env: Record<string, string> = {
    NODE_ENV: 'production', DATABASE_URL: url, DATA_DIR: work, LOG_LEVEL: 'silent', DEMO: 'off', SERVE_WEB: '0',
    PII_ENC_KEY: randomBytes(32).toString('base64'), PII_HMAC_KEY: randomBytes(32).toString('base64'), PII_ENC_KEY_ID: 'bench',
    CARD_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
  const config = loadConfig(env);
  const database = await openDatabase({ databaseUrl: url, poolSize: 10 });
  const deps = await createDeps(config, { database });
  const { db } = database;
  const pool = database.pool!;
  try {
    // ---------------------------------------------------------------- 1. data
    log(`cases bench: ${size.historical.toLocaleString('en')} historical + ${size.open.toLocaleString('en')} open cases in a province of ${size.orgs.toLocaleString('en')} orgs${quick ? ' (quick)' : ''} [pid ${process.pid}]`);
    const l0 = performance.now();
    // the province only: the demo's own cases, teams and rules would blur the set-up measured here
    const province = await loadDemoProvince(database, deps.cipher, { seed, orgs: size.orgs, members: size.members, cases: 0 });
    const provinceMs = Math.round(performance.now() - l0);
    log(`  province: ${province.orgs.toLocaleString('en')} orgs, ${province.members.toLocaleString('en')} members in ${(provinceMs / 1000).toFixed(1)} s`);
    const c0 = performance.now();
    const data = await loadCasesDataset(database, url, deps.cipher, { seed, ...size, log });
    const casesLoadMs = Math.round(performance.now() - c0);
    const sizes = (await sql<{ rel: string; bytes: string }>`
      SELECT relname AS rel, pg_total_relation_size(oid)::text AS bytes FROM pg_class WHERE relname IN ('cases', 'orgs', 'members')`.execute(db)).rows;
    const tableBytes = Object.fromEntries(sizes.map((s) => [s.rel, Number(s.bytes)]));
    const total = Object.values(data.counts.byStatus).reduce((a, b) => a + b, 0);
    log(`  cases: ${total.toLocaleString('en')} rows (${Math.round((tableBytes.cases ?? 0) / 2 ** 20)} MiB with indexes), ${data.counts.due.toLocaleString('en')} timers due; loaded in ${(casesLoadMs / 1000).toFixed(1)} s`);

    // ---------------------------------------------------------------- 2. inbox
    log('inbox (listCases, as GET /api/cases calls it):');
    const rng = new Rng(seed, 'cases-bench-sampling');
    const openLoad = new Map((await db.selectFrom('cases').select(['assignee_id', sql<number>`count(*)::int`.as('n')])
      .where('status', 'in', ['assigned', 'in_progress']).where('assignee_id', 'is not', null).groupBy('assignee_id').execute()).map((r) => [r.assignee_id!, r.n]));
    const typical = data.handlers.filter((h) => !h.heavy && (openLoad.get(h.userId) ?? 0) > 0);
    const heavy = data.handlers.filter((h) => h.heavy);
    const provinceAdminId = province.users.provinceAdminId;
    const actors = await actorsFor(db, [...data.handlers.map((h) => h.userId), ...data.countyCadres.map((c) => c.userId), provinceAdminId]);
    type InboxRow = { scenario: string; box: string; who: string; n: number; stats: Stats; avgItems: number; avgOpenLoad: number | null; inTarget: boolean };
    const inbox: InboxRow[] = [];
    const inboxRun = async (scenario: string, box: 'mine' | 'unassigned' | 'all', who: string, pick: () => Actor, inTarget: boolean, budgetMs = 60_000) => {
      for (let i = 0; i < 20; i++) await listCases(deps, pick(), { box, limit: 20 });
      const ms: number[] = [];
      let items = 0;
      let load = 0;
      const t0 = Date.now();
      for (let i = 0; i < samples; i++) {
        const actor = pick();
        const r = await time(() => listCases(deps, actor, { box, limit: 20 }));
        ms.push(r.ms);
        items += r.value.items.length;
        load += openLoad.get(actor.userId) ?? 0;
        if (Date.now() - t0 > budgetMs && ms.length >= 20) break;
      }
      const row: InboxRow = { scenario, box, who, n: ms.length, stats: stats(ms), avgItems: Math.round((items / ms.length) * 10) / 10, avgOpenLoad: box === 'mine' ? Math.round(load / ms.length) : null, inTarget };
      inbox.push(row);
      log(`  ${scenario.padEnd(34)} p50 ${row.stats.p50} ms  p95 ${row.stats.p95} ms  p99 ${row.stats.p99} ms (n=${row.n}, ${row.avgItems} items${row.avgOpenLoad !== null ? `, avg ${row.avgOpenLoad} open` : ''})`);
    };
    const handlerActor = (h: Handler) => actors.get(h.userId)!;
    await inboxRun('我的待办 mine — typical handlers', 'mine', `${typical.length} handlers`, () => handlerActor(rng.pick(typical)), true);
    await inboxRun('我的待办 mine — heavy handlers', 'mine', `${heavy.length} handlers`, () => handlerActor(rng.pick(heavy)), true);
    const county = () => actors.get(rng.pick(data.countyCadres).userId)!;
    const provinceActor = actors.get(provinceAdminId)!;
    await inboxRun('待受理/待指派 unassigned — county', 'unassigned', `${data.countyCadres.length} county chairs`, county, false);
    await inboxRun('待受理/待指派 unassigned — province', 'unassigned', 'province admin+chair', () => provinceActor, false);
    await inboxRun('全部工单 all — county', 'all', `${data.countyCadres.length} county chairs`, county, false);
    await inboxRun('全部工单 all — province', 'all', 'province admin+chair', () => provinceActor, false, 30_000);
    const cap = capturing(pool);
    const capDeps: AppDeps = { ...deps, database: cap.database };
    const heaviest = heavy[0] ?? typical[0]!;
    await listCases(capDeps, handlerActor(heaviest), { box: 'mine', limit: 20 });
    const inboxQuery = cap.events[cap.events.length - 1]!;
    const inboxPlan = await explain(pool, inboxQuery);
    cap.events.length = 0;
    await listCases(capDeps, provinceActor, { box: 'all', limit: 20 });
    const allQuery = cap.events[cap.events.length - 1]!;
    const allPlan = await explain(pool, allQuery);
    const mineRows = inbox.filter((r) => r.inTarget);

    // ---------------------------------------------------------------- 3. sweep
    log('SLA sweep:');
    const now = new Date();
    const dueNow = (await db.selectFrom('cases').select(sql<number>`count(*)::int`.as('n')).where('next_timer_at', '<=', now).executeTakeFirstOrThrow()).n;
    const withTimer = (await db.selectFrom('cases').select(sql<number>`count(*)::int`.as('n')).where('next_timer_at', 'is not', null).executeTakeFirstOrThrow()).n;
    const ROLLBACK = new Error('rollback');
    const claimOnce = async () => {
      let out = { ms: 0, rows: 0 };
      await db.transaction().execute(async (trx) => {
        const r = await time(() => dueCasesQuery(trx, now).execute());
        out = { ms: r.ms, rows: r.value.length };
        throw ROLLBACK;
      }).catch((e: unknown) => {
        if (e !== ROLLBACK) throw e;
      });
      return out;
    };
    for (let i = 0; i < 20; i++) await claimOnce();
    const claimMs: number[] = [];
    let claimRows = 0;
    for (let i = 0; i < samples; i++) {
      const r = await claimOnce();
      claimMs.push(r.ms);
      claimRows = r.rows;
    }
    const claim = stats(claimMs);
    const claimCompiled = dueCasesQuery(db, now).compile();
    const claimPlan = await explain(pool, { sql: claimCompiled.sql, params: claimCompiled.parameters });
    const claimUsesIndex = /Index Scan using cases_next_timer/.test(claimPlan) && !/Seq Scan on cases/.test(claimPlan);
    log(`  claim (due ${dueNow.toLocaleString('en')} of ${total.toLocaleString('en')}, ${claimRows} rows per claim): p50 ${claim.p50} ms p95 ${claim.p95} ms p99 ${claim.p99} ms; index scan: ${claimUsesIndex}`);
    const before = await countRows(db);
    const sweep = await time(() => sweepCaseTimers(deps, new Date()));
    const after = await countRows(db);
    const dueAfter = (await db.selectFrom('cases').select(sql<number>`count(*)::int`.as('n')).where('next_timer_at', '<=', new Date()).executeTakeFirstOrThrow()).n;
    const perCaseMs = Math.round((sweep.ms / Math.max(1, sweep.value.cases)) * 100) / 100;
    log(`  full sweep: ${sweep.value.cases} cases in ${(sweep.ms / 1000).toFixed(2)} s (${perCaseMs} ms per case); fired ${JSON.stringify(sweep.value)}; due afterwards ${dueAfter}`);

    // ---------------------------------------------------------------- 4. HTTP submission
    log(`HTTP submission (${concurrency} connections, ${httpSeconds} s measured):`);
    const sessions: Array<{ token: string; csrfToken: string }> = [];
    for (const userId of data.submitters) sessions.push(await createSession(db, userId, 12, { ip: '127.0.0.1', userAgent: 'gonghui-bench' }));
    await sql`CREATE TABLE ${sql.raw(BARE_TABLE)} (id uuid PRIMARY KEY, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`.execute(db);
    const runId = Date.now().toString(36);
    const textRng = new Rng(seed, 'cases-bench-http');
    const bodyFor = (i: number, key: string) => {
      const type = submitType(textRng);
      const t = caseText(textRng, type);
      return JSON.stringify({ type, title: t.title, content: t.content, fields: t.fields, isPublic: canBePublic(type) && i % 10 === 0, clientKey: `${key}${i}` });
    };
    type HttpRun = { load: LoadResult; server: ServerStats; machineCpuPercent: number | null; cpuMsPerRequest: { server: number; postgres: number | null }; connections: Record<string, number> };
    const measureHttp = async (mode: 'app' | 'bare'): Promise<HttpRun> => {
      const server = await forkServer(mode, env);
      log(`  ${mode} server: pid ${server.pid}, port ${server.port}`);
      try {
        let cpuEnd: (() => Promise<number | null>) | null = null;
        let pgEnd: (() => Promise<number | null>) | null = null;
        let states: ReturnType<typeof backendStates> | null = null;
        const load = await runLoad(server.port, (i) => {
          if (mode === 'bare') return { path: '/bare', headers: {} as Record<string, string>, body: bodyFor(i, `bare${runId}x`) };
          const s = sessions[i % sessions.length]!;
          return { path: '/api/me/cases', headers: { cookie: `gh_session=${s.token}`, 'x-csrf-token': s.csrfToken }, body: bodyFor(i, `b${runId}x`) };
        }, {
          concurrency, durationMs: httpSeconds * 1000, warmupMs: quick ? 2000 : 3000,
          onMeasureStart: async () => {
            await server.request('reset');
            cpuEnd = await machineCpu();
            pgEnd = await backendCpu(pool, BENCH_DB);
            states = backendStates(pool, appName(mode));
          },
        });
        const connections = states ? await (states as ReturnType<typeof backendStates>).stop() : {};
        const machineCpuPercent = cpuEnd ? await (cpuEnd as () => Promise<number | null>)() : null;
        const pgMs = pgEnd ? await (pgEnd as () => Promise<number | null>)() : null;
        const serverStats = await server.request<ServerStats & { cmd: string }>('stats');
        const { cmd: _cmd, ...rest } = serverStats;
        const requests = Math.max(1, load.requests);
        return {
          load, server: rest, machineCpuPercent, connections,
          cpuMsPerRequest: { server: round((rest.cpuPercent / 100) * load.durationS * 1000 / requests), postgres: pgMs === null ? null : round(pgMs / requests) },
        };
      } finally {
        await server.close();
      }
    };
    const app = await measureHttp('app');
    log(`  app:  ${app.load.throughputPerS}/s, p50 ${app.load.latencyMs.p50} ms p95 ${app.load.latencyMs.p95} ms p99 ${app.load.latencyMs.p99} ms, ${app.load.errors} errors; server CPU ${app.server.cpuPercent}%, pool busy ${app.server.pool.avgBusy.toFixed(1)}/${app.server.pool.size} waiting avg ${app.server.pool.avgWaiting.toFixed(1)} max ${app.server.pool.maxWaiting}; machine CPU ${app.machineCpuPercent}%; CPU per request: server ${app.cpuMsPerRequest.server} ms, PostgreSQL ${app.cpuMsPerRequest.postgres} ms`);
    if (app.load.firstError) log(`  first error: ${app.load.firstError}`);
    const bare = await measureHttp('bare');
    log(`    app connections (average number in each state): ${Object.entries(app.connections).map(([k, v]) => `${k} ${v}`).join('; ')}`);
    log(`  bare: ${bare.load.throughputPerS}/s, p50 ${bare.load.latencyMs.p50} ms p95 ${bare.load.latencyMs.p95} ms p99 ${bare.load.latencyMs.p99} ms, ${bare.load.errors} errors; server CPU ${bare.server.cpuPercent}%; CPU per request: server ${bare.cpuMsPerRequest.server} ms, PostgreSQL ${bare.cpuMsPerRequest.postgres} ms`);
    const submitted = (await sql<{ status: string; n: number }>`
      SELECT status, count(*)::int AS n FROM cases WHERE client_key LIKE ${`b${runId}x%`} GROUP BY status`.execute(db)).rows;
    const submittedTotal = submitted.reduce((a, r) => a + r.n, 0);
    const autoAssigned = submitted.find((r) => r.status === 'assigned')?.n ?? 0;

    // one submission at a time through the service with every statement recorded: where the time goes
    const profileN = quick ? 50 : 100;
    const subActors = await actorsFor(db, data.submitters);
    for (let i = 0; i < 10; i++) await submitMyCase(deps, subActors.get(data.submitters[i]!)!, JSON.parse(bodyFor(i, `w${runId}x`)) as never);
    cap.events.length = 0;
    const profiler = await startProfiler();
    const cpu0 = process.cpuUsage();
    const p0 = performance.now();
    for (let i = 0; i < profileN; i++) {
      const userId = data.submitters[i % data.submitters.length]!;
      await submitMyCase(capDeps, subActors.get(userId)!, JSON.parse(bodyFor(i, `p${runId}x`)) as never);
    }
    const profileWall = performance.now() - p0;
    const profileCpu = process.cpuUsage(cpu0);
    const mainThread = await profiler.stop(profileN);
    const statements = cap.events.length;
    const dbMs = cap.events.reduce((a, e) => a + e.ms, 0);
    const byKind = new Map<string, { n: number; ms: number }>();
    for (const e of cap.events) {
      const key = e.sql.replace(/\s+/g, ' ').replace(/"/g, '').slice(0, 90);
      const k = byKind.get(key) ?? { n: 0, ms: 0 };
      k.n++;
      k.ms += e.ms;
      byKind.set(key, k);
    }
    cap.events.length = 0;
    for (let i = 0; i < profileN; i++) await loadActor(cap.database.db, sessions[i % sessions.length]!.token);
    const actorStatements = cap.events.length / profileN;
    const actorDbMs = cap.events.reduce((a, e) => a + e.ms, 0) / profileN;
    cap.events.length = 0;
    // the CPU cost of the parts that run in Node for every submission
    const segRng = new Rng(seed, 'cases-bench-seg');
    const segTexts = Array.from({ length: 500 }, () => caseText(segRng, 'appeal')).map((t) => `${t.title} ${t.content}`);
    const s0 = performance.now();
    for (const t of segTexts) caseWords(t);
    const segMsPerText = (performance.now() - s0) / segTexts.length;
    const profile = {
      submissions: profileN,
      wallMsPerSubmission: round(profileWall / profileN),
      statementsPerSubmission: round(statements / profileN),
      dbMsPerSubmission: round(dbMs / profileN),
      nodeCpuMsPerSubmission: round((profileCpu.user + profileCpu.system) / 1000 / profileN),
      mainThreadMsPerSubmission: mainThread,
      caseWordsMsPerText: round(segMsPerText),
      sessionLookup: { statements: round(actorStatements), dbMs: round(actorDbMs) },
      topStatements: [...byKind.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15).map(([sqlText, v]) => ({ sql: sqlText, perSubmission: round(v.n / profileN), msPerSubmission: round(v.ms / profileN) })),
    };
    log(`  profile (sequential, in-process): ${profile.wallMsPerSubmission} ms wall, ${profile.statementsPerSubmission} statements, ${profile.dbMsPerSubmission} ms in the database, ${profile.nodeCpuMsPerSubmission} ms Node CPU (main thread ${mainThread.total} ms) per submission (+ session lookup ${profile.sessionLookup.statements} statements)`);
    log(`    main thread by layer: ${mainThread.byLayer.map((l) => `${l.layer} ${l.ms} ms`).join('; ')}`);
    log(`    top functions: ${mainThread.topFunctions.map((f) => `${f.fn} ${f.ms} ms`).join('; ')}`);

    // ---------------------------------------------------------------- 5. hot words
    log('hot words:');
    const root = await db.selectFrom('orgs').select(['id', 'path', 'name']).where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const perDay = (await sql<{ d: string; n: number }>`
      SELECT to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS d, count(*)::int AS n FROM cases GROUP BY 1 ORDER BY 1 DESC`.execute(db)).rows;
    const to = perDay[0]!.d;
    let from = to;
    let inScope = 0;
    for (const r of perDay.slice(0, 366)) {
      from = r.d;
      inScope += r.n;
      if (inScope >= 100_000) break;
    }
    const period = resolvePeriod({ from, to });
    const scope: CaseScope = { prefixes: [root.path], start: period.start, end: period.end };
    const scopeCount = (await db.selectFrom('cases').select(sql<number>`count(*)::int`.as('n')).where('origin_path', 'like', `${root.path}%`)
      .where('created_at', '>=', period.start).where('created_at', '<', period.end).executeTakeFirstOrThrow()).n;
    // as the statistics endpoint runs it: its own transaction, JIT off, 64 MB work_mem
    const asEndpoint = <T>(run: (trx: Db) => Promise<T>) => db.transaction().execute(async (trx) => {
      await sql`SET LOCAL jit = off`.execute(trx);
      await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
      return run(trx);
    });
    await asEndpoint((trx) => topWords(trx, scope));
    const wordsMs: number[] = [];
    let top: Array<{ word: string; count: number }> = [];
    for (let i = 0; i < (quick ? 5 : 10); i++) {
      const r = await time(() => asEndpoint((trx) => topWords(trx, scope)));
      wordsMs.push(r.ms);
      top = r.value;
    }
    const wordsStats = stats(wordsMs);
    await topWords(cap.database.db, scope);
    const wordsQuery = cap.events[cap.events.length - 1]!;
    cap.events.length = 0;
    const wordsPlan = await explain(pool, wordsQuery, ['SET LOCAL jit = off', `SET LOCAL work_mem = '64MB'`]);
    const statsMs: number[] = [];
    for (let i = 0; i < (quick ? 2 : 3); i++) statsMs.push((await time(() => getCaseStats(deps, provinceActor, { orgId: root.id, from, to }))).ms);
    log(`  topWords over ${scopeCount.toLocaleString('en')} cases (${from} … ${to}): p50 ${wordsStats.p50} ms, max ${wordsStats.max} ms; whole statistics endpoint ${Math.round(Math.max(...statsMs))} ms`);
    const wRng = new Rng(seed, 'cases-bench-words');
    const texts = Array.from({ length: wordTexts }, () => {
      const t = caseText(wRng, pickType(wRng));
      return `${t.title} ${t.content}`;
    });
    caseWords('公司拖欠工资三个月了'); // the dictionary is loaded on first use (here: already, by the loader)
    const g0 = performance.now();
    let segWords = 0;
    for (const t of texts) segWords += caseWords(t).length;
    const segMs = performance.now() - g0;
    const avgChars = Math.round(texts.reduce((a, t) => a + [...t].length, 0) / texts.length);
    const scratch = { texts: wordTexts, avgChars, ms: Math.round(segMs), textsPerS: Math.round(wordTexts / (segMs / 1000)), avgWords: round(segWords / wordTexts) };
    const scratch100k = Math.round((100_000 / scratch.textsPerS) * 1000);
    log(`  from scratch: ${wordTexts.toLocaleString('en')} texts (avg ${avgChars} chars) segmented in ${(segMs / 1000).toFixed(2)} s = ${scratch.textsPerS.toLocaleString('en')} texts/s`);

    // ---------------------------------------------------------------- results
    const minePass = mineRows.every((r) => r.stats.p95 < INBOX_P95_MS);
    const ratio = round(app.load.throughputPerS / Math.max(1, bare.load.throughputPerS));
    const targets: Target[] = [
      {
        target: `data: ${size.historical.toLocaleString('en')} historical + ${size.open.toLocaleString('en')} open cases, next_timer_at from the SLA functions, ANALYZEd`,
        value: `${total.toLocaleString('en')} rows, ${data.counts.due.toLocaleString('en')} due; loaded in ${(casesLoadMs / 1000).toFixed(0)} s`,
        result: total === size.historical + data.counts.open + data.counts.resolvedDue ? 'PASS' : 'FAIL',
      },
      { target: `handler inbox (我的待办) p95 < ${INBOX_P95_MS} ms`, value: mineRows.map((r) => `${r.stats.p95} ms (${r.scenario.split('— ')[1]})`).join(', '), result: minePass ? 'PASS' : 'FAIL' },
      {
        target: `SLA sweep claim of due timers < ${CLAIM_P95_MS} ms (p95), by index`,
        value: `p95 ${claim.p95} ms, ${claimUsesIndex ? 'Index Scan using cases_next_timer' : 'NO index scan'}`,
        result: claim.p95 < CLAIM_P95_MS && claimUsesIndex ? 'PASS' : 'FAIL',
      },
      {
        target: `case submission over HTTP ≥ ${SUBMIT_PER_S}/s with p99 < ${SUBMIT_P99_MS} ms, 0 errors`,
        value: `${app.load.throughputPerS}/s, p99 ${app.load.latencyMs.p99} ms, ${app.load.errors} errors (bare insert: ${bare.load.throughputPerS}/s; ratio ${ratio})`,
        result: app.load.throughputPerS >= SUBMIT_PER_S && app.load.latencyMs.p99 < SUBMIT_P99_MS && app.load.errors === 0 ? 'PASS' : 'FAIL',
      },
      {
        target: `hot words over ~100k appeals < ${WORDS_MS / 1000} s (stored words, or from scratch)`,
        value: `stored: ${wordsStats.p95} ms p95 over ${scopeCount.toLocaleString('en')} cases; from scratch: ${(scratch100k / 1000).toFixed(1)} s per 100k texts`,
        result: wordsStats.p95 < WORDS_MS || scratch100k < WORDS_MS ? 'PASS' : 'FAIL',
      },
    ];
    const report = {
      bench: 'cases',
      date: new Date().toISOString(),
      quick,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
        loadAverageAtStart: loadAtStart,
        loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100),
        platform: `${os.platform()} ${os.release()} ${os.arch()}`,
        node: process.version,
        postgres: pgVersion,
        postgresSettings: settings,
      },
      dataset: {
        seed,
        orgs: province.orgs,
        members: province.members,
        ...data.counts,
        total,
        tableBytes,
        handlerLoad: data.handlerLoad,
        dueKinds: data.dueKinds,
        load: { provinceMs, casesMs: casesLoadMs, ...data.timings } as Record<string, number>,
      },
      inbox: { rows: inbox, mineQuery: inboxQuery.sql, minePlan: inboxPlan, allProvinceQuery: allQuery.sql, allProvincePlan: allPlan },
      sweep: {
        dueAtClaim: dueNow,
        withTimer,
        claimRows,
        claim,
        claimQuery: claimCompiled.sql,
        claimPlan,
        claimUsesIndex,
        full: { cases: sweep.value.cases, ms: Math.round(sweep.ms), perCaseMs, fired: sweep.value, rowsWritten: diffRows(before, after), dueAfter },
      },
      http: {
        concurrency,
        seconds: httpSeconds,
        app: { ...app, endpoint: 'POST /api/me/cases (session cookie + CSRF header, routed, auto-assigned)', poolSize: 10 },
        bare: { ...bare, endpoint: `POST /bare → INSERT INTO ${BARE_TABLE} (id, payload jsonb)`, poolSize: BARE_POOL_SIZE },
        ratioThroughput: ratio,
        ratioP99: round(app.load.latencyMs.p99 / Math.max(0.001, bare.load.latencyMs.p99)),
        submitted: { total: submittedTotal, autoAssigned, byStatus: Object.fromEntries(submitted.map((r) => [r.status, r.n])) },
        profile,
      },
      words: {
        scope: { org: root.name, from, to, cases: scopeCount },
        stored: wordsStats,
        top: top.slice(0, 20),
        query: wordsQuery.sql,
        plan: wordsPlan,
        statisticsEndpointMs: statsMs.map((x) => Math.round(x)),
        scratch,
        scratchMsPer100k: scratch100k,
      },
      targets,
      durationMs: Date.now() - started,
    };
    if (o.outDir !== null) {
      const outDir = o.outDir ?? join(repoRoot, 'bench/results');
      mkdirSync(outDir, { recursive: true });
      const base = join(outDir, `${report.date.slice(0, 10)}-cases`);
      writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
      writeFileSync(`${base}.md`, renderMarkdown(report));
      log(`  written ${base}.json and .md`);
    }
    log(targets.map((t) => `${t.result}  ${t.target}: ${t.value}`).join('\n'));
    return report;
  } finally {
    await closeDeps(deps);
    // pool.end() resolves before the server has seen every Terminate: let the sessions go before the
    // forced DROP, or it kills them and the pool reports it
    for (let i = 0; i < 40; i++) {
      const left = (await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [BENCH_DB])).rows[0]!.n;
      if (left === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!o.keep) await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await admin.end();
    rmSync(work, { recursive: true, force: true });
  }
}

type CpuProfile = { nodes: Array<{ id: number; callFrame: { functionName: string; url: string } }>; samples: number[]; timeDeltas: number[] };

/** Where the main thread's CPU time goes, by layer (self time of the sampled top frame). */
function layerOf(fn: string, url: string): string | null {
  // idle time, and the inspector serialising this very profile
  if (fn === '(idle)' || (fn === 'dispatch' && url === '')) return null;
  if (fn === '(garbage collector)') return 'garbage collector';
  if (url.includes('/node_modules/kysely/')) return 'Kysely (building and compiling queries)';
  if (url.includes('/node_modules/pg/') || url.includes('/node_modules/pg-protocol/') || url.includes('/node_modules/pg-types/')) return 'pg driver (protocol, rows)';
  if (url.includes('/node_modules/zod/')) return 'zod';
  if (url.includes('/node_modules/')) return 'other packages';
  if (url.includes('/apps/server/') || url.includes('/packages/contracts/')) return 'server code';
  if (url.startsWith('node:')) return 'Node core (net, streams, timers, promises)';
  if (fn === 'writev' || fn === 'writeBuffer' || fn === 'writeUtf8String') return 'socket writes (syscalls)';
  if (url === '') return 'other native (V8, crypto, segmenter)';
  return 'other';
}

/** In-process CPU profile of the main thread (inspector), summarised per layer in ms per unit. */
async function startProfiler() {
  const inspector = await import('node:inspector/promises');
  const session = new inspector.Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  await session.post('Profiler.start');
  return {
    stop: async (units: number) => {
      const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
      session.disconnect();
      const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
      const byLayer = new Map<string, number>();
      const byFunction = new Map<string, number>();
      let busy = 0;
      profile.samples.forEach((id, i) => {
        const f = frames.get(id)!;
        const layer = layerOf(f.functionName, f.url);
        if (!layer) return;
        const us = profile.timeDeltas[i] ?? 0;
        busy += us;
        byLayer.set(layer, (byLayer.get(layer) ?? 0) + us);
        const fn = `${f.functionName || '(anonymous)'}${f.url ? ` (${f.url.replace(/^.*\/node_modules\//, '').replace(/^.*\/apps\//, 'apps/')})` : ''}`;
        byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
      });
      return {
        total: round(busy / 1000 / units),
        topFunctions: [...byFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([fn, us]) => ({ fn, ms: round(us / 1000 / units) })),
        byLayer: [...byLayer.entries()].sort((a, b) => b[1] - a[1]).map(([layer, us]) => ({ layer, ms: round(us / 1000 / units), share: Math.round((us / busy) * 1000) / 10 })),
      };
    },
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

const COUNTED = ['case_events', 'notifications', 'sms_outbox', 'case_followups'] as const;
async function countRows(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of COUNTED) out[t] = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(t)}`.execute(db)).rows[0]!.n;
  return out;
}
function diffRows(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(b).map((k) => [k, (b[k] ?? 0) - (a[k] ?? 0)]));
}

type Report = Awaited<ReturnType<typeof benchCases>>;

function renderMarkdown(r: Report): string {
  const m = r.machine;
  const d = r.dataset;
  const mib = (b: number | undefined) => (b === undefined ? '?' : `${Math.round(b / 2 ** 20)} MiB`);
  const s = (x: Stats) => `${x.p50} | ${x.p95} | ${x.p99} | ${x.max}`;
  const h = r.http;
  const httpRow = (name: string, x: typeof h.app) =>
    `| ${name} | ${x.load.requests.toLocaleString('en')} | **${x.load.throughputPerS}** | ${x.load.latencyMs.p50} | ${x.load.latencyMs.p95} | **${x.load.latencyMs.p99}** | ${x.load.latencyMs.max} | ${x.load.errors} | ${x.server.cpuPercent}% | ${x.cpuMsPerRequest.server} | ${x.cpuMsPerRequest.postgres ?? '?'} | ${x.server.pool.avgBusy.toFixed(1)} / ${x.server.pool.size} (max waiting ${x.server.pool.maxWaiting}) | ${x.server.eventLoopDelayMs.p99.toFixed(1)} | ${x.machineCpuPercent ?? '?'}% |`;
  return [
    `# Cases (工单) — ${d.historical.toLocaleString('en')} historical + ${d.open.toLocaleString('en')} open cases (${r.date.slice(0, 10)})${r.quick ? ' — quick run' : ''}`,
    '',
    'Every number is a wall time of the server\'s own code on the PostgreSQL server: `listCases`, `dueCasesQuery` / `sweepCaseTimers`,',
    '`topWords` / `caseWords`, and the real app over HTTP (`buildApp` with `createDeps`, NODE_ENV=production, logging off) in a child process.',
    '',
    '## Machine',
    '',
    `- CPU: ${m.cpus} × ${m.cpuModel}; memory ${m.memoryGiB} GiB; ${m.platform}`,
    `- load average at start ${m.loadAverageAtStart.join(' / ')}, at end ${m.loadAverageAtEnd.join(' / ')} (the machine is shared: the load generator, the server and PostgreSQL run on the same cores)`,
    `- Node ${m.node}; ${m.postgres}`,
    `- PostgreSQL settings: ${Object.entries(m.postgresSettings).map(([k, v]) => `${k}=${v}`).join(', ')}`,
    '',
    '## Dataset',
    '',
    `- Province: ${d.orgs.toLocaleString('en')} orgs, ${d.members.toLocaleString('en')} members (demo generator, seed ${d.seed}); ${d.teams} handler teams (a 综合服务 team of two at every street, a 法律服务 partner at every county), ${d.routingRules} routing rules at the province (法律援助/调解 → county, the rest → street)`,
    `- Cases: **${d.total.toLocaleString('en')}** rows, ${mib(d.tableBytes.cases)} with indexes — ${Object.entries(d.byStatus).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')}`,
    `- Historical cases: created uniformly over three years, type mix 诉求 50% / 法律咨询 12% / 欠薪 10% / 建议 8% / 法律援助 6% / 调解 5% / 心理 5% / 工伤探视 4%; channels app/qr/hotline/proxy/hospital/referral; 65% rated; words arrays from \`caseWords\` over a pool of synthetic texts; one INSERT … SELECT over generate_series per 100k rows, indexes rebuilt afterwards`,
    `- Open cases: ${d.open.toLocaleString('en')} (+ ${d.resolvedDue.toLocaleString('en')} resolved cases whose auto-close is due), deadlines from \`stageTimes\` (working days), every timer up to now fired as the sweep would have (\`dueTimers\`) except the latest one of a random sample of open cases (a missed batch, so every timer kind is in it), \`next_timer_at\` = \`nextTimerAt\` → **${d.due.toLocaleString('en')} cases due** at load time (${Object.entries(d.dueKinds).map(([k, v]) => `${k} ${v}`).join(', ')})`,
    `- Handler load (assigned + in_progress): ${d.handlerLoad.handlers} handlers, mean ${d.handlerLoad.mean}, median ${d.handlerLoad.p50}, max ${d.handlerLoad.max}; heavy handlers: ${d.handlerLoad.heavy.join(', ')}`,
    `- Load times: province ${(d.load.provinceMs! / 1000).toFixed(1)} s; cases ${(d.load.casesMs! / 1000).toFixed(1)} s (historical INSERT ${(d.load.historicalInsertMs! / 1000).toFixed(1)} s, open ${(d.load.openInsertMs! / 1000).toFixed(1)} s, index build ${(d.load.indexBuildMs! / 1000).toFixed(1)} s, VACUUM ANALYZE ${(d.load.vacuumAnalyzeMs! / 1000).toFixed(1)} s)`,
    '- Not generated: timeline events, attachments and likes of historical cases (no measured query reads them).',
    '',
    `## 1. Inbox — \`listCases(deps, actor, { box, limit: 20 })\` (ms)`,
    '',
    '| scenario | actors | n | p50 | p95 | p99 | max | items | avg open load | in target |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|:---:|',
    ...r.inbox.rows.map((x) => `| ${x.scenario} | ${x.who} | ${x.n} | ${s(x.stats)} | ${x.avgItems} | ${x.avgOpenLoad ?? ''} | ${x.inTarget ? `p95 < ${INBOX_P95_MS} ms` : 'info'} |`),
    '',
    'Inbox query of a heavy handler (`EXPLAIN (ANALYZE, BUFFERS)`):',
    '',
    '```sql',
    r.inbox.mineQuery,
    '```',
    '```',
    r.inbox.minePlan,
    '```',
    '',
    '全部工单 of the province cadre (`EXPLAIN (ANALYZE, BUFFERS)`):',
    '',
    '```',
    r.inbox.allProvincePlan,
    '```',
    '',
    '## 2. SLA sweep',
    '',
    `- Claim query (\`dueCasesQuery\`: next_timer_at <= now ORDER BY LIMIT 200 FOR UPDATE SKIP LOCKED, rolled back each time): ${r.sweep.dueAtClaim.toLocaleString('en')} due of ${r.sweep.withTimer.toLocaleString('en')} rows with a timer (${d.total.toLocaleString('en')} cases), ${r.sweep.claimRows} rows claimed — n=${r.sweep.claim.n}, p50 ${r.sweep.claim.p50} ms, p95 **${r.sweep.claim.p95} ms**, p99 ${r.sweep.claim.p99} ms, max ${r.sweep.claim.max} ms`,
    `- Full \`sweepCaseTimers(deps)\`: **${r.sweep.full.cases.toLocaleString('en')} cases in ${(r.sweep.full.ms / 1000).toFixed(2)} s = ${r.sweep.full.perCaseMs} ms per case** (batches of 200, one transaction each); fired: ${Object.entries(r.sweep.full.fired).filter(([k]) => k !== 'cases').map(([k, v]) => `${k} ${v}`).join(', ')}; rows written: ${Object.entries(r.sweep.full.rowsWritten).map(([k, v]) => `${k} +${v}`).join(', ')}; due afterwards: ${r.sweep.full.dueAfter}`,
    '',
    '```',
    r.sweep.claimPlan,
    '```',
    '',
    `## 3. Case submission over HTTP (${h.concurrency} connections, closed loop, ${h.seconds} s measured after warm-up)`,
    '',
    '| server | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | server process CPU | server CPU ms / request | PostgreSQL CPU ms / request | pool busy / size | event-loop delay p99 ms | machine CPU |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    httpRow(`app: ${h.app.endpoint}`, h.app),
    httpRow(`baseline: ${h.bare.endpoint}`, h.bare),
    '',
    `- app / baseline: throughput ×${h.ratioThroughput}, p99 ×${h.ratioP99}`,
    `- the app's ${h.app.poolSize} PostgreSQL connections during the run (average number in each state, sampled every 100 ms): ${Object.entries(h.app.connections).map(([k, v]) => `${k} ${v}`).join('; ')}; baseline: ${Object.entries(h.bare.connections).map(([k, v]) => `${k} ${v}`).join('; ')}`,
    `- cases stored by the HTTP run (warm-up included): ${h.submitted.total.toLocaleString('en')} (${Object.entries(h.submitted.byStatus).map(([k, v]) => `${k} ${v}`).join(', ')}) — ${h.submitted.autoAssigned.toLocaleString('en')} auto-assigned to an on-duty handler`,
    h.app.load.firstError ? `- first error: \`${h.app.load.firstError}\`` : '- no errors',
    '',
    `Where the time of one submission goes (${h.profile.submissions} submissions one after another through \`submitMyCase\`, every statement recorded; session lookup per request measured separately):`,
    '',
    `- wall ${h.profile.wallMsPerSubmission} ms; **${h.profile.statementsPerSubmission} SQL statements** (BEGIN/COMMIT included) taking ${h.profile.dbMsPerSubmission} ms in round trips; Node CPU ${h.profile.nodeCpuMsPerSubmission} ms (of which \`caseWords\` ≈ ${h.profile.caseWordsMsPerText} ms); + session lookup ${h.profile.sessionLookup.statements} statements / ${h.profile.sessionLookup.dbMs} ms per request`,
    '',
    `Main-thread CPU per submission (in-process profile, self time by layer): **${h.profile.mainThreadMsPerSubmission.total} ms** — ${h.profile.mainThreadMsPerSubmission.byLayer.map((l) => `${l.layer} ${l.ms} ms (${l.share}%)`).join('; ')}`,
    '',
    `Top functions (self time per submission): ${h.profile.mainThreadMsPerSubmission.topFunctions.map((f) => `\`${f.fn}\` ${f.ms} ms`).join(', ')}`,
    '',
    '| statement (start) | per submission | ms per submission |',
    '|---|---:|---:|',
    ...h.profile.topStatements.map((x) => `| \`${x.sql.replace(/\|/g, '\\|')}\` | ${x.perSubmission} | ${x.msPerSubmission} |`),
    '',
    '## 4. Hot words (高频词)',
    '',
    `- Stored words (\`topWords\`, as the statistics endpoint runs it: JIT off, work_mem 64 MB) over 「${r.words.scope.org}」, ${r.words.scope.from} … ${r.words.scope.to}: **${r.words.scope.cases.toLocaleString('en')} cases** — n=${r.words.stored.n}, p50 ${r.words.stored.p50} ms, p95 **${r.words.stored.p95} ms**, max ${r.words.stored.max} ms; the whole statistics endpoint (\`getCaseStats\`, 5 queries side by side): ${r.words.statisticsEndpointMs.join(' / ')} ms`,
    `- From scratch (\`caseWords\`, jieba): ${r.words.scratch.texts.toLocaleString('en')} texts (avg ${r.words.scratch.avgChars} characters, ${r.words.scratch.avgWords} words kept) in ${(r.words.scratch.ms / 1000).toFixed(2)} s = **${r.words.scratch.textsPerS.toLocaleString('en')} texts/s** (one thread) → ${(r.words.scratchMsPer100k / 1000).toFixed(1)} s per 100k`,
    `- Top words: ${r.words.top.map((w) => `${w.word} ${w.count.toLocaleString('en')}`).join('、')}`,
    '',
    '```',
    r.words.plan,
    '```',
    '',
    '## Targets',
    '',
    '| target | value | result |',
    '|---|---|:---:|',
    ...r.targets.map((t) => `| ${t.target} | ${t.value} | **${t.result}** |`),
    '',
    `Bench duration ${Math.round(r.durationMs / 1000)} s. Reproduce: \`npx tsx tools/bench/cases.ts --historical ${d.historical}${r.quick ? ' --quick' : ''}\` (or \`npm run bench -- --cases ${d.historical}\`).`,
    '',
  ].join('\n');
}


// standalone: npx tsx tools/bench/cases.ts [--historical N] [--quick] …
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      historical: { type: 'string' },
      open: { type: 'string' },
      orgs: { type: 'string' },
      members: { type: 'string' },
      quick: { type: 'boolean', default: false },
      seed: { type: 'string', default: '20260101' },
      samples: { type: 'string', default: '200' },
      'http-seconds': { type: 'string' },
      concurrency: { type: 'string' },
      keep: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const report = await benchCases({
    databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    historical: Number(values.historical ?? (values.quick ? 50_000 : 1_000_000)),
    quick: values.quick,
    seed: Number(values.seed),
    samples: Number(values.samples),
    keep: values.keep,
    ...(values.open ? { open: Number(values.open) } : {}),
    ...(values.orgs ? { orgs: Number(values.orgs) } : {}),
    ...(values.members ? { members: Number(values.members) } : {}),
    ...(values['http-seconds'] ? { httpSeconds: Number(values['http-seconds']) } : {}),
    ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
    ...(values.out ? { outDir: values.out } : {}),
  });
  if (report.targets.some((t) => t.result === 'FAIL')) process.exitCode = 1;
}
