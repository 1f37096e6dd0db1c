/**
 * Org-subtree benchmark: "how many members are in this subtree?" at every level of a 100k-org /
 * 1M-member province, with the counter design (one primary-key read of org_counters) against the
 * naive design (count(*) over members by materialized-path prefix), in the same run.
 *
 *   npm run bench                      # full size: 100,000 orgs, 1,000,000 members
 *   npm run bench -- --orgs 10000 --members 100000 --samples 100 --import-rows 100000 --cases 50000 --cases-quick   # quick run
 *
 * Suites, in one run: org-subtree counters vs naive counts, member-registry queries (lookup by
 * 身份证号, first roster page), and the roster import (tools/bench/import.ts: its own database of the
 * same size, a 1M-row CSV, against a plain COPY of the same rows), and the cases engine
 * (tools/bench/cases.ts: its own database, 1M historical + 20k open cases; --cases 0 skips it).
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) must point at a server
 * where the user may create databases; the bench creates and finally drops `gonghui_bench`
 * (--keep leaves it). Results: bench/results/<date>-org-subtree.{json,md}.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrateToLatest, openDatabase } from '../../apps/server/src/db/connect';
import { PiiCipher } from '../../apps/server/src/platform/crypto/pii';
import { loadDemoProvince, type LoadSummary } from '../demo/load';
import { benchCases } from './cases';
import { benchImport } from './import';
import { benchMemberQueries, type MemberBenchResult } from './members';
import { Rng } from '../demo/prng';

const { values } = parseArgs({
  options: {
    orgs: { type: 'string', default: '100000' },
    members: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '20260101' },
    samples: { type: 'string', default: '200' },
    'import-rows': { type: 'string', default: '1000000' },
    /** historical cases of the cases suite (0 = skip); --cases-quick: smaller open set and HTTP run */
    cases: { type: 'string', default: '1000000' },
    'cases-quick': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});

const ORGS = Number(values.orgs);
const MEMBERS = Number(values.members);
const SEED = Number(values.seed);
const SAMPLES = Number(values.samples);
const BENCH_DB = 'gonghui_bench';
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const benchUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${BENCH_DB}`;
  return u.toString();
})();
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = values.out ? resolve(values.out) : join(repoRoot, 'bench/results');

/** levels of the tree; hubs and branches/groups are grouped as in DOMAIN §2 ("小三级") */
const LEVELS: Array<{ level: string; label: string; kinds: string[]; naiveSamples: number }> = [
  { level: 'province', label: '省总 province (root)', kinds: ['province'], naiveSamples: 30 },
  { level: 'city', label: '市总 city', kinds: ['city'], naiveSamples: 100 },
  { level: 'county', label: '县区 county', kinds: ['county'], naiveSamples: 200 },
  { level: 'street', label: '乡镇街道 street', kinds: ['street'], naiveSamples: 200 },
  { level: 'hub', label: '社区/园区/联合 hub', kinds: ['community', 'park', 'joint'], naiveSamples: 200 },
  { level: 'enterprise', label: '企业 enterprise', kinds: ['enterprise'], naiveSamples: 200 },
  { level: 'branch', label: '分工会/小组 branch+group', kinds: ['branch', 'group'], naiveSamples: 200 },
  { level: 'industry', label: '行业联合会 industry', kinds: ['industry'], naiveSamples: 200 },
];
const P95_TARGET_MS = 5;
const ROOT_SPEEDUP_TARGET = 100;
/** stop sampling the naive query at one level after this long (reports the n reached) */
const NAIVE_BUDGET_MS = 60_000;

type Stats = { n: number; p50: number; p95: number; p99: number; mean: number; max: number };
function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { n: s.length, p50: r(q(0.5)), p95: r(q(0.95)), p99: r(q(0.99)), mean: r(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)), max: r(s[s.length - 1] ?? NaN) };
}

async function timed(client: pg.Client, text: string, params: unknown[]): Promise<{ ms: number; value: number }> {
  const t = process.hrtime.bigint();
  const res = await client.query<{ n: number }>(text, params);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return { ms, value: Number(res.rows[0]?.n ?? NaN) };
}

const COUNTER_SQL = 'SELECT members_total AS n FROM org_counters WHERE org_id = $1';
const NAIVE_SQL = `SELECT count(*) AS n FROM members WHERE org_path LIKE $1 AND status = 'active'`;

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`org-subtree bench: ${ORGS.toLocaleString('en')} orgs, ${MEMBERS.toLocaleString('en')} members, seed ${SEED}`);
  console.log(`admin ${adminUrl.replace(/\/\/[^@/]*@/, '//***@')} → database ${BENCH_DB}`);

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB}`);
  await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  const pgVersion = (await admin.query<{ v: string }>('SELECT version() AS v')).rows[0]!.v;
  const settings = Object.fromEntries(
    (await admin.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers','work_mem','max_parallel_workers_per_gather','effective_cache_size','synchronous_commit')`,
    )).rows.map((r) => [r.name, r.unit ? `${r.setting} × ${r.unit}` : r.setting]),
  );

  let load: LoadSummary;
  const cipher = new PiiCipher({ activeKeyId: 'bench', keys: { bench: randomBytes(32) }, hmacKey: randomBytes(32) });
  const database = await openDatabase({ databaseUrl: benchUrl, poolSize: 10 });
  try {
    await migrateToLatest(database.db);
    let last = 0;
    load = await loadDemoProvince(database, cipher, {
      seed: SEED,
      orgs: ORGS,
      members: MEMBERS,
      onProgress: (p) => {
        if (p.phase === 'members' && p.done < p.total && p.elapsedMs - last < 5000) return;
        last = p.elapsedMs;
        console.log(`  load [${(p.elapsedMs / 1000).toFixed(1)}s] ${p.phase} ${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')}`);
      },
    });
  } finally {
    await database.close();
  }
  const memberRowsPerSec = Math.round(load.members / (load.timings.membersMs / 1000));
  console.log(`loaded in ${(load.ms / 1000).toFixed(1)}s (members ${memberRowsPerSec.toLocaleString('en')} rows/s)`);

  const client = new pg.Client({ connectionString: benchUrl });
  await client.connect();
  const vacuumStart = Date.now();
  await client.query('VACUUM ANALYZE');
  const vacuumMs = Date.now() - vacuumStart;
  const orgs = (await client.query<{ id: string; path: string; kind: string }>('SELECT id, path, kind FROM orgs')).rows;
  const sizes = (await client.query<{ rel: string; bytes: string }>(
    `SELECT relname AS rel, pg_total_relation_size(oid)::text AS bytes FROM pg_class WHERE relname IN ('members','orgs','org_counters')`,
  )).rows;

  const rng = new Rng(SEED, 'bench-sampling');
  // warm-up: both designs, a spread of nodes
  for (let i = 0; i < 200; i++) await timed(client, COUNTER_SQL, [rng.pick(orgs).id]);
  for (let i = 0; i < 20; i++) await timed(client, NAIVE_SQL, [`${rng.pick(orgs).path}%`]);
  await timed(client, NAIVE_SQL, ['/1/%']);

  type LevelResult = {
    level: string;
    label: string;
    nodes: number;
    counter: Stats;
    naive: Stats;
    avgMembers: number;
    speedupP50: number;
    speedupP95: number;
    mismatches: number;
    p95Target: 'PASS' | 'FAIL';
  };
  const results: LevelResult[] = [];
  for (const L of LEVELS) {
    const nodes = orgs.filter((o) => L.kinds.includes(o.kind));
    if (nodes.length === 0) continue;
    const sample = Array.from({ length: SAMPLES }, () => rng.pick(nodes));
    const counterMs: number[] = [];
    const counterValue = new Map<string, number>();
    for (const o of sample) {
      const r = await timed(client, COUNTER_SQL, [o.id]);
      counterMs.push(r.ms);
      counterValue.set(o.id, r.value);
    }
    const naiveMs: number[] = [];
    let mismatches = 0;
    let members = 0;
    const t0 = Date.now();
    for (const o of sample.slice(0, L.naiveSamples)) {
      const r = await timed(client, NAIVE_SQL, [`${o.path}%`]);
      naiveMs.push(r.ms);
      members += r.value;
      if (r.value !== counterValue.get(o.id)) mismatches += 1;
      if (Date.now() - t0 > NAIVE_BUDGET_MS) break;
    }
    const c = stats(counterMs);
    const n = stats(naiveMs);
    const res: LevelResult = {
      level: L.level,
      label: L.label,
      nodes: nodes.length,
      counter: c,
      naive: n,
      avgMembers: Math.round(members / Math.max(1, naiveMs.length)),
      speedupP50: Math.round((n.p50 / c.p50) * 10) / 10,
      speedupP95: Math.round((n.p95 / c.p95) * 10) / 10,
      mismatches,
      p95Target: c.p95 < P95_TARGET_MS ? 'PASS' : 'FAIL',
    };
    results.push(res);
    console.log(
      `  ${L.level.padEnd(10)} counter p50 ${c.p50}ms p95 ${c.p95}ms (n=${c.n}) | naive p50 ${n.p50}ms p95 ${n.p95}ms (n=${n.n}, avg ${res.avgMembers} members) | ×${res.speedupP50}${mismatches ? ` | ${mismatches} MISMATCHES` : ''}`,
    );
  }
  await client.end();

  // issue 3: member-registry queries on the same database
  console.log('member queries (service functions, as the API calls them):');
  const membersDb = await openDatabase({ databaseUrl: benchUrl, poolSize: 4 });
  const memberResults = await benchMemberQueries(membersDb, cipher, { seed: SEED, samples: SAMPLES, log: console.log });
  await membersDb.close();

  if (!values.keep) await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB}`);
  await admin.end();

  // issue 3: roster import of a 1M-row CSV into a province of the same size, against a plain COPY
  const importRows = Number(values['import-rows']);
  const importReport = importRows > 0
    ? await benchImport({ databaseUrl: adminUrl, rows: importRows, existingOrgs: ORGS, existingMembers: MEMBERS, seed: SEED, outDir })
    : null;

  // issue 4: the cases engine (inbox, SLA sweep, HTTP submission, hot words) on its own database
  const casesCount = Number(values.cases);
  const casesReport = casesCount > 0
    ? await benchCases({ databaseUrl: adminUrl, historical: casesCount, quick: values['cases-quick'], seed: SEED, samples: SAMPLES, outDir })
    : null;

  const root = results.find((r) => r.level === 'province');
  const targets = [
    { target: `counter p95 < ${P95_TARGET_MS} ms at every level`, result: results.every((r) => r.p95Target === 'PASS') ? 'PASS' : 'FAIL' },
    {
      target: `counter ≥ ${ROOT_SPEEDUP_TARGET}× faster than naive at the province root (p50)`,
      result: root && root.speedupP50 >= ROOT_SPEEDUP_TARGET ? 'PASS' : 'FAIL',
    },
    { target: 'counter values equal naive counts for every sampled node', result: results.every((r) => r.mismatches === 0) ? 'PASS' : 'FAIL' },
  ];
  const date = new Date().toISOString().slice(0, 10);
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres: pgVersion,
    postgresSettings: settings,
  };
  const report = {
    bench: 'org-subtree',
    date: new Date().toISOString(),
    machine,
    dataset: {
      seed: SEED,
      orgsRequested: ORGS,
      orgs: load.orgs,
      members: load.members,
      tableBytes: Object.fromEntries(sizes.map((s) => [s.rel, Number(s.bytes)])),
    },
    load: { ...load.timings, totalMs: load.ms, memberRowsPerSec, vacuumAnalyzeMs: vacuumMs },
    queries: { counter: COUNTER_SQL, naive: NAIVE_SQL, note: 'client-side wall time per query over one connection (localhost), after warm-up' },
    levels: results,
    targets,
    durationMs: Date.now() - started,
  };
  mkdirSync(outDir, { recursive: true });
  const base = join(outDir, `${date}-org-subtree`);
  writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${base}.md`, renderMarkdown(report));
  const membersBase = join(outDir, `${date}-members`);
  const membersReport = { bench: 'members', date: new Date().toISOString(), machine, dataset: report.dataset, ...memberResults };
  writeFileSync(`${membersBase}.json`, `${JSON.stringify(membersReport, null, 2)}\n`);
  writeFileSync(`${membersBase}.md`, renderMembersMarkdown(membersReport));
  targets.push(...memberResults.targets);
  if (importReport) targets.push(...importReport.targets.map((t) => ({ target: `roster import: ${t.target}`, result: t.result })));
  if (casesReport) targets.push(...casesReport.targets.map((t) => ({ target: `cases: ${t.target}`, result: t.result })));
  console.log(`\n${targets.map((t) => `${t.result}  ${t.target}`).join('\n')}`);
  console.log(`written ${base}.json and .md (bench took ${((Date.now() - started) / 1000).toFixed(0)}s)`);
  if (targets.some((t) => t.result === 'FAIL')) process.exitCode = 1;
}

function renderMarkdown(r: {
  date: string;
  machine: Record<string, unknown> & { postgresSettings: Record<string, string> };
  dataset: { seed: number; orgs: number; members: number; tableBytes: Record<string, number> };
  load: Record<string, number>;
  levels: Array<{ label: string; nodes: number; counter: Stats; naive: Stats; avgMembers: number; speedupP50: number; speedupP95: number; mismatches: number; p95Target: string }>;
  targets: Array<{ target: string; result: string }>;
  durationMs: number;
}): string {
  const mb = (b: number | undefined) => (b === undefined ? '?' : `${Math.round(b / 2 ** 20)} MiB`);
  const m = r.machine;
  const lines = [
    `# Org-subtree member count — counters vs naive (${r.date.slice(0, 10)})`,
    '',
    'Question answered at each node: "how many active members are in this subtree?"',
    '',
    '- **counter**: `SELECT members_total FROM org_counters WHERE org_id = $1` (maintained in the same transaction as each change; rebuilt after the bulk load)',
    "- **naive**: `SELECT count(*) FROM members WHERE org_path LIKE '<path>%' AND status = 'active'` (btree `text_pattern_ops` index on `org_path`)",
    '- Times are client-side wall times in ms over one localhost connection, after warm-up; nodes sampled at random per level (with replacement).',
    '',
    '## Machine',
    '',
    `- CPU: ${String(m.cpus)} × ${String(m.cpuModel)}; memory ${String(m.memoryGiB)} GiB; ${String(m.platform)}`,
    `- Node ${String(m.node)}; ${String(m.postgres)}`,
    `- PostgreSQL settings: ${Object.entries(m.postgresSettings).map(([k, v]) => `${k}=${v}`).join(', ')}`,
    '',
    '## Dataset',
    '',
    `- ${r.dataset.orgs.toLocaleString('en')} orgs, ${r.dataset.members.toLocaleString('en')} members (generator seed ${r.dataset.seed}); members table ${mb(r.dataset.tableBytes.members)}, orgs ${mb(r.dataset.tableBytes.orgs)}`,
    `- Load: orgs ${r.load.orgsMs} ms, members ${r.load.membersMs} ms (**${(r.load.memberRowsPerSec ?? 0).toLocaleString('en')} rows/s**, PII encrypted + blind-indexed client-side), counters rebuild + ANALYZE ${r.load.countersMs} ms, total ${((r.load.totalMs ?? 0) / 1000).toFixed(1)} s; VACUUM ANALYZE ${r.load.vacuumAnalyzeMs} ms`,
    '',
    '## Results (ms)',
    '',
    '| level | nodes | counter n | counter p50 | p95 | p99 | naive n | naive p50 | p95 | p99 | avg members | speed-up p50 | speed-up p95 | p95 < 5 ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|',
    ...r.levels.map(
      (l) =>
        `| ${l.label} | ${l.nodes.toLocaleString('en')} | ${l.counter.n} | ${l.counter.p50} | ${l.counter.p95} | ${l.counter.p99} | ${l.naive.n} | ${l.naive.p50} | ${l.naive.p95} | ${l.naive.p99} | ${l.avgMembers.toLocaleString('en')} | ${l.speedupP50}× | ${l.speedupP95}× | ${l.p95Target}${l.mismatches ? ` (${l.mismatches} mismatches)` : ''} |`,
    ),
    '',
    '## Targets',
    '',
    '| target | result |',
    '|---|:---:|',
    ...r.targets.map((t) => `| ${t.target} | **${t.result}** |`),
    '',
    `Bench duration: ${Math.round(r.durationMs / 1000)} s. Reproduce: \`npm run bench\` (see tools/bench/run.ts).`,
    '',
  ];
  return lines.join('\n');
}

function renderMembersMarkdown(r: { date: string; machine: Record<string, unknown>; dataset: { orgs: number; members: number } } & MemberBenchResult): string {
  const m = r.machine;
  return [
    `# Member registry queries (${r.date.slice(0, 10)})`,
    '',
    `Dataset: ${r.dataset.orgs.toLocaleString('en')} orgs, ${r.dataset.members.toLocaleString('en')} members (PostgreSQL server). Machine: ${String(m.cpus)} × ${String(m.cpuModel)}, Node ${String(m.node)}.`,
    'Times are wall times of the service functions the API calls (`listMembers`: scope filter, blind index, Kysely), in ms, after warm-up.',
    '',
    '## Lookup by 身份证号 (typed in lower case, normalised, HMAC blind index)',
    '',
    `n=${r.idLookup.n}, found ${r.idLookup.found}; p50 ${r.idLookup.p50}, p95 **${r.idLookup.p95}**, p99 ${r.idLookup.p99}, max ${r.idLookup.max}`,
    '',
    '## First page (20 rows, newest first, status 在籍) of a cadre\'s subtree roster',
    '',
    '| level | avg members in scope | p50 | p95 | p99 | max |',
    '|---|---:|---:|---:|---:|---:|',
    ...r.firstPage.map((l) => `| ${l.level} | ${l.scopeMembersAvg.toLocaleString('en')} | ${l.stats.p50} | **${l.stats.p95}** | ${l.stats.p99} | ${l.stats.max} |`),
    '',
    '## Targets',
    '',
    '| target | result |',
    '|---|:---:|',
    ...r.targets.map((t) => `| ${t.target} | **${t.result}** |`),
    '',
  ].join('\n');
}

await main();
