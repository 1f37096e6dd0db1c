/**
 * Roster import benchmark (名册导入): a generated N-row CSV (default 1,000,000) imported into one
 * enterprise union of an existing demo province through the same function the import job runs,
 * against a plain COPY of the same file into a bare table in the same run.
 *
 *   npx tsx tools/bench/import.ts                        # 1,000,000 rows
 *   npx tsx tools/bench/import.ts --rows 100000 --existing-members 50000
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) must allow CREATE DATABASE;
 * the bench creates and finally drops `gonghui_bench_import` (--keep leaves it).
 * Results: bench/results/<date>-roster-import.{json,md}.
 *
 * Targets: ≥ 50,000 rows/s end to end; ≤ 4× the plain COPY; peak RSS < 500 MB (worker threads
 * included: they live in this process).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { idNumberCheckChar, ROSTER_COLUMNS } from '@gonghui/contracts';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { loadConfig } from '../../apps/server/src/config';
import { openDatabase } from '../../apps/server/src/db/connect';
import { closeDeps, createDeps } from '../../apps/server/src/deps';
import { FileStore } from '../../apps/server/src/platform/files/store';
import type { Actor } from '../../apps/server/src/platform/access/actor';
import type { AppDeps } from '../../apps/server/src/platform/http/context';
import { runImport, type RunOptions } from '../../apps/server/src/modules/roster/importer';
import { createImport } from '../../apps/server/src/modules/roster/service';
import { DEMO_ACCOUNTS } from '../demo/load';
import { Rng } from '../demo/prng';
import { GIVEN_FEMALE, GIVEN_MALE, SURNAMES } from '../demo/words';

export type BenchImportOptions = {
  /** server URL of a database where the user may CREATE DATABASE */
  databaseUrl: string;
  rows: number;
  /** the existing province: orgs and members loaded before the import */
  existingOrgs?: number;
  existingMembers?: number;
  workers?: number;
  writers?: number;
  chunkBytes?: number;
  seed?: number;
  keep?: boolean;
  /** also time the schema floor (default on) */
  floor?: boolean;
  /** where results go (default bench/results); null: do not write files */
  outDir?: string | null;
  log?: (line: string) => void;
};

const BENCH_DB = 'gonghui_bench_import';
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TARGET_ROWS_PER_SEC = 50_000;
const TARGET_COPY_RATIO = 4;
const TARGET_RSS_MB = 500;

/**
 * Write the CSV: valid 身份证号 with region codes 3271xx–3291xx (no real prefecture has them, as in
 * tools/demo) and sequence numbers 910–999, which the demo generator never hands out (it uses
 * 000–899), so every row is a new person for the existing province.
 */
export async function writeRosterCsv(path: string, rows: number, seed = 20260101): Promise<number> {
  const rng = new Rng(seed, 'roster-import-bench');
  const out = createWriteStream(path);
  const educations = ['初中及以下', '高中/中专', '大专', '本科', '本科', '硕士研究生'];
  const political = ['群众', '群众', '群众', '中共党员', '共青团员'];
  const forms = ['全日制', '全日制', '全日制', '劳务派遣', '新就业形态', '非全日制'];
  const jobs = ['操作工', '技术员', '工程师', '快递员', '外卖骑手', '销售', '会计', '司机', '质检员', '仓管员'];
  const industries = ['制造业', '交通运输', '批发零售', '信息技术', '建筑业', '住宿餐饮'];
  const DAY = 86_400_000;
  const birth0 = Date.UTC(1960, 0, 1) / DAY;
  const birthDays = Date.UTC(2005, 11, 31) / DAY - birth0 + 1;
  const join0 = Date.UTC(2016, 6, 1) / DAY;
  const joinDays = Date.UTC(2026, 5, 30) / DAY - join0;
  const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
  let buf = `${ROSTER_COLUMNS.map((c) => c.header).join(',')}\n`;
  let bytes = 0;
  // (birth day, sequence) pairs walk a permutation-free grid: row i → day i mod D, sequence 910 + i div D
  for (let i = 0; i < rows; i++) {
    const day = birth0 + ((i * 7919) % birthDays);
    const seq = 910 + Math.floor(i / birthDays);
    if (seq > 999) throw new Error('too many rows for the reserved sequence range');
    const region = `32${71 + rng.int(21)}${String(1 + rng.int(30)).padStart(2, '0')}`;
    const birth = iso(day).replaceAll('-', '');
    const first17 = `${region}${birth}${seq}`;
    const id = first17 + idNumberCheckChar(first17);
    const male = seq % 2 === 1;
    const pool = male ? GIVEN_MALE : GIVEN_FEMALE;
    const name = rng.pick(SURNAMES) + rng.pick(pool) + (rng.chance(0.7) ? rng.pick(pool) : '');
    const phone = `1${3 + rng.int(7)}${String(rng.int(1_000_000_000)).padStart(9, '0')}`;
    const joined = iso(join0 + rng.int(joinDays));
    buf += `${name},${id},${phone},汉族,${rng.pick(educations)},${rng.pick(political)},江南${rng.int(5000)}号有限公司,${rng.pick(jobs)},${rng.pick(industries)},${rng.pick(forms)},江南省青溪市人民路${rng.int(999)}号,${joined}\n`;
    if (buf.length > 1 << 20) {
      bytes += Buffer.byteLength(buf);
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  bytes += Buffer.byteLength(buf);
  out.end(buf);
  await once(out, 'finish');
  return bytes;
}

function runChild(args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolveRun() : reject(new Error(`${args.join(' ')} exited with ${code}`))));
  });
}

/** The loaded province: its root, an enterprise union to import into, the province admin. */
async function existingProvince(deps: AppDeps) {
  const { db } = deps.database;
  const root = await db.selectFrom('orgs').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
  const ent = await db.selectFrom('orgs').select('id').where('kind', '=', 'enterprise').orderBy('no').limit(1).executeTakeFirstOrThrow();
  const admin = await db.selectFrom('users').select('id').where('phone_hash', '=', deps.cipher.blindIndex('phone', DEMO_ACCOUNTS.provinceAdmin.phone)).executeTakeFirstOrThrow();
  const n = await db.selectFrom('orgs').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const m = await db.selectFrom('members').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return { provinceOrgId: root.id, memberOrgId: ent.id, users: { provinceAdminId: admin.id }, orgs: n.n, members: m.n };
}

function dbUrl(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function benchImport(o: BenchImportOptions) {
  const log = o.log ?? ((line: string) => console.log(line));
  const started = Date.now();
  const existingOrgs = o.existingOrgs ?? 3000;
  const existingMembers = o.existingMembers ?? 200_000;
  const seed = o.seed ?? 20260101;
  const work = mkdtempSync(join(tmpdir(), 'gh-import-bench-'));
  const admin = new pg.Client({ connectionString: o.databaseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  const pgVersion = (await admin.query<{ v: string }>('SELECT version() AS v')).rows[0]!.v;
  const settings = Object.fromEntries(
    (await admin.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers','work_mem','maintenance_work_mem','max_wal_size','synchronous_commit','wal_compression')`,
    )).rows.map((r) => [r.name, r.unit ? `${r.setting} × ${r.unit}` : r.setting]),
  );
  const url = dbUrl(o.databaseUrl, BENCH_DB);
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, DATA_DIR: work, FILES_DIR: join(work, 'files'), DEMO: 'off', LOG_LEVEL: 'silent' });
  const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
  const deps = await createDeps(config, { database });
  try {
    log(`roster-import bench: ${o.rows.toLocaleString('en')} rows into a province of ${existingOrgs.toLocaleString('en')} orgs / ${existingMembers.toLocaleString('en')} members`);
    // the existing province comes from the demo loader in a child process (same DATA_DIR → same PII
    // keys), so this process's memory is the import's alone
    const l0 = performance.now();
    await runChild(['--import', 'tsx', 'tools/demo/cli.ts', '--seed', String(seed), '--orgs', String(existingOrgs), '--members', String(existingMembers)], {
      DATABASE_URL: url, DATA_DIR: work, NODE_ENV: 'test',
    });
    await sql`VACUUM ANALYZE`.execute(database.db);
    const load = await existingProvince(deps);
    log(`  existing province loaded in ${((performance.now() - l0) / 1000).toFixed(1)} s`);

    const csv = join(work, 'roster.csv');
    const t0 = performance.now();
    await runChild(['--import', 'tsx', 'tools/bench/import.ts', '--write-csv', csv, '--rows', String(o.rows), '--seed', String(seed)], {});
    const bytes = statSync(csv).size;
    log(`  CSV written: ${(bytes / 2 ** 20).toFixed(1)} MiB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // baseline: the same file, plain COPY into a bare table (no PII work, no indexes, no checks)
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`CREATE TABLE roster_bare (${ROSTER_COLUMNS.map((_, i) => `c${i} text`).join(', ')})`);
    await client.query('CHECKPOINT');
    const c0 = performance.now();
    await pipeline(createReadStream(csv, { highWaterMark: 1 << 20 }), client.query(copyFrom('COPY roster_bare FROM STDIN (FORMAT csv, HEADER true)')));
    const copyMs = performance.now() - c0;
    const copied = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM roster_bare')).rows[0]!.n);
    await client.query('DROP TABLE roster_bare');
    await client.query('CHECKPOINT');
    await client.end();
    log(`  plain COPY: ${(copyMs / 1000).toFixed(2)} s (${Math.round(copied / (copyMs / 1000)).toLocaleString('en')} rows/s)`);

    // the import: the upload stored as the route stores it, registered, then the job's own function
    const target = await database.db.selectFrom('orgs').select(['id', 'path', 'name']).where('id', '=', load.memberOrgId).executeTakeFirstOrThrow();
    const actor: Actor = { userId: load.users.provinceAdminId, name: '省总管理员', isSuperAdmin: true, roles: [], sessionId: 'bench', csrfToken: 'bench' };
    const rootBefore = await database.db.selectFrom('org_counters').select('members_total').where('org_id', '=', load.provinceOrgId).executeTakeFirstOrThrow();
    const profile: Record<string, number> = {};
    let peakRss = process.memoryUsage().rss;
    const baseRss = peakRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const cpu0 = process.cpuUsage();
    const i0 = performance.now();
    const store = new FileStore(config.filesDir);
    const stored = await store.save(createReadStream(csv, { highWaterMark: 1 << 20 }), { area: 'roster', maxBytes: 256 * 2 ** 20 });
    const uploadMs = performance.now() - i0;
    const created = await createImport(deps, actor, { orgId: target.id, fileName: 'bench-roster.csv', file: stored }, { ip: null, userAgent: null });
    const r0 = performance.now();
    const runOpts: RunOptions = {
      profile,
      ...(o.workers !== undefined ? { workers: o.workers } : {}),
      ...(o.writers !== undefined ? { writers: o.writers } : {}),
      ...(o.chunkBytes ? { chunkBytes: o.chunkBytes } : {}),
    };
    await runImport(deps, created.import.id, runOpts);
    const runMs = performance.now() - r0;
    const totalMs = performance.now() - i0;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);

    const imp = await database.db.selectFrom('roster_imports').selectAll().where('id', '=', created.import.id).executeTakeFirstOrThrow();
    const rootAfter = await database.db.selectFrom('org_counters').select('members_total').where('org_id', '=', load.provinceOrgId).executeTakeFirstOrThrow();
    const sizes = (await sql<{ rel: string; bytes: string }>`
      SELECT relname AS rel, pg_total_relation_size(oid)::text AS bytes FROM pg_class WHERE relname IN ('members', 'member_events')`.execute(database.db)).rows;
    // the schema's own floor: the imported rows copied set-based into an empty table with the same
    // indexes as members (no parsing, checks, crypto, history rows, counters or foreign keys)
    let floorMs: number | null = null;
    if (o.floor !== false) {
      await sql`CREATE TABLE members_floor (LIKE members INCLUDING ALL)`.execute(database.db);
      await sql`CHECKPOINT`.execute(database.db);
      const f0 = performance.now();
      await sql`INSERT INTO members_floor SELECT * FROM members WHERE org_id = ${target.id}`.execute(database.db);
      floorMs = performance.now() - f0;
      await sql`DROP TABLE members_floor`.execute(database.db);
      log(`  schema floor (INSERT … SELECT into an empty copy of members, same indexes): ${(floorMs / 1000).toFixed(2)} s`);
    }
    const rowsPerSec = Math.round(o.rows / (totalMs / 1000));
    const ratio = Math.round((totalMs / copyMs) * 100) / 100;
    const peakRssMb = Math.round(peakRss / 2 ** 20);
    log(`  import: ${(totalMs / 1000).toFixed(2)} s end to end (${rowsPerSec.toLocaleString('en')} rows/s), ${ratio}× COPY, peak RSS ${peakRssMb} MiB`);
    log(`  phases (ms, main thread waits): ${Object.entries(profile).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}`);

    const checks = {
      status: imp.status,
      imported: imp.imported,
      unchanged: imp.unchanged,
      conflicts: imp.conflicts,
      errors: imp.errors,
      rootCounterDelta: rootAfter.members_total - rootBefore.members_total,
    };
    const targets = [
      { target: `≥ ${TARGET_ROWS_PER_SEC.toLocaleString('en')} rows/s end to end`, value: `${rowsPerSec.toLocaleString('en')} rows/s`, result: rowsPerSec >= TARGET_ROWS_PER_SEC ? 'PASS' : 'FAIL' },
      { target: `≤ ${TARGET_COPY_RATIO}× plain COPY of the same rows`, value: `${ratio}×`, result: ratio <= TARGET_COPY_RATIO ? 'PASS' : 'FAIL' },
      { target: `peak RSS < ${TARGET_RSS_MB} MB`, value: `${peakRssMb} MiB`, result: peakRssMb < TARGET_RSS_MB ? 'PASS' : 'FAIL' },
      { target: 'every row imported, counters follow', value: `${checks.imported.toLocaleString('en')} imported, root +${checks.rootCounterDelta.toLocaleString('en')}`, result: checks.status === 'done' && checks.imported === o.rows && checks.rootCounterDelta === o.rows ? 'PASS' : 'FAIL' },
    ];
    const report = {
      bench: 'roster-import',
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
        loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
        platform: `${os.platform()} ${os.release()} ${os.arch()}`,
        node: process.version,
        postgres: pgVersion,
        postgresSettings: settings,
      },
      dataset: { rows: o.rows, csvBytes: bytes, existingOrgs: load.orgs, existingMembers: load.members, target: target.name, tableBytesAfter: Object.fromEntries(sizes.map((s) => [s.rel, Number(s.bytes)])) },
      baseline: { copyMs: Math.round(copyMs), rowsPerSec: Math.round(copied / (copyMs / 1000)), what: 'COPY … FROM STDIN (FORMAT csv) of the same file into a table of 12 text columns, no indexes' },
      schemaFloor: floorMs === null ? null : { ms: Math.round(floorMs), what: 'INSERT … SELECT of the imported rows into an empty table LIKE members INCLUDING ALL (same 11 indexes; no FKs, no member_events)' },
      import: {
        totalMs: Math.round(totalMs),
        uploadStoreMs: Math.round(uploadMs),
        runMs: Math.round(runMs),
        rowsPerSec,
        ratioToCopy: ratio,
        peakRssMiB: peakRssMb,
        rssBeforeMiB: Math.round(baseRss / 2 ** 20),
        cpuUserMs: Math.round(cpu.user / 1000),
        cpuSystemMs: Math.round(cpu.system / 1000),
        workers: o.workers ?? 'default',
        writers: o.writers ?? 'default',
        chunkBytes: o.chunkBytes ?? 1 << 20,
        profileMs: Object.fromEntries(Object.entries(profile).map(([k, v]) => [k, Math.round(v)])),
        checks,
      },
      targets,
      durationMs: Date.now() - started,
    };
    if (o.outDir !== null) {
      const outDir = o.outDir ?? join(repoRoot, 'bench/results');
      mkdirSync(outDir, { recursive: true });
      const base = join(outDir, `${report.date.slice(0, 10)}-roster-import`);
      writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
      writeFileSync(`${base}.md`, renderMarkdown(report));
      log(`  written ${base}.json and .md`);
    }
    log(targets.map((t) => `${t.result}  ${t.target}: ${t.value}`).join('\n'));
    return report;
  } finally {
    await closeDeps(deps);
    if (!o.keep) await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await admin.end();
    rmSync(work, { recursive: true, force: true });
  }
}

type Report = Awaited<ReturnType<typeof benchImport>>;

function renderMarkdown(r: Report): string {
  const m = r.machine;
  const i = r.import;
  const mib = (b: number | undefined) => (b === undefined ? '?' : `${Math.round(b / 2 ** 20)} MiB`);
  return [
    `# Roster import — ${r.dataset.rows.toLocaleString('en')}-row CSV (${r.date.slice(0, 10)})`,
    '',
    'The full import path (the function the import job runs: chunked CSV parsing, row checks, AES-256-GCM + HMAC per',
    '身份证号/phone/address in worker threads, COPY into a staging table, one INSERT … SELECT per chunk into `members`',
    '(+ `member_events`, counters, error rows, progress) against a plain `COPY` of the same file into a bare table, same run.',
    '',
    '## Machine',
    '',
    `- CPU: ${m.cpus} × ${m.cpuModel}; memory ${m.memoryGiB} GiB; load average at the end ${m.loadAverage.join(' / ')}; ${m.platform}`,
    `- Node ${m.node}; ${m.postgres}`,
    `- PostgreSQL settings: ${Object.entries(m.postgresSettings).map(([k, v]) => `${k}=${v}`).join(', ')}`,
    '',
    '## Dataset',
    '',
    `- ${r.dataset.rows.toLocaleString('en')} rows, ${mib(r.dataset.csvBytes)} CSV (12 template columns, every row valid and new)`,
    `- imported into「${r.dataset.target}」of an existing province: ${r.dataset.existingOrgs.toLocaleString('en')} orgs, ${r.dataset.existingMembers.toLocaleString('en')} members`,
    `- afterwards: members ${mib(r.dataset.tableBytesAfter.members)}, member_events ${mib(r.dataset.tableBytesAfter.member_events)} (tables + indexes)`,
    '',
    '## Results',
    '',
    '| measure | value |',
    '|---|---:|',
    `| plain COPY (baseline) | ${(r.baseline.copyMs / 1000).toFixed(2)} s (${r.baseline.rowsPerSec.toLocaleString('en')} rows/s) |`,
    ...(r.schemaFloor ? [`| schema floor: the same rows INSERT … SELECT into an empty copy of \`members\` (its 11 indexes, nothing else) | ${(r.schemaFloor.ms / 1000).toFixed(2)} s |`] : []),
    `| import, end to end (store upload + register + run) | ${(i.totalMs / 1000).toFixed(2)} s |`,
    `| … of which the job's run | ${(i.runMs / 1000).toFixed(2)} s |`,
    `| rows/s end to end | **${i.rowsPerSec.toLocaleString('en')}** |`,
    `| ratio to plain COPY | **${i.ratioToCopy}×** |`,
    `| peak RSS (process incl. worker threads; before: ${i.rssBeforeMiB} MiB) | **${i.peakRssMiB} MiB** |`,
    `| Node CPU (user + system, all threads) | ${((i.cpuUserMs + i.cpuSystemMs) / 1000).toFixed(1)} s |`,
    `| time by phase (ms; the writer connections' times add up, so they can exceed the run) | ${Object.entries(i.profileMs).map(([k, v]) => `${k} ${v}`).join(', ')} |`,
    `| outcome | ${i.checks.imported.toLocaleString('en')} imported, ${i.checks.unchanged} unchanged, ${i.checks.conflicts} conflicts, ${i.checks.errors} errors; root counter +${i.checks.rootCounterDelta.toLocaleString('en')} |`,
    '',
    '## Targets',
    '',
    '| target | value | result |',
    '|---|---:|:---:|',
    ...r.targets.map((t) => `| ${t.target} | ${t.value} | **${t.result}** |`),
    '',
    `Bench duration ${Math.round(r.durationMs / 1000)} s. Reproduce: \`npx tsx tools/bench/import.ts --rows ${r.dataset.rows}\`.`,
    '',
  ].join('\n');
}

// standalone: npx tsx tools/bench/import.ts [--rows N] …
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      'write-csv': { type: 'string' },
      seed: { type: 'string', default: '20260101' },
      rows: { type: 'string', default: '1000000' },
      'existing-orgs': { type: 'string', default: '3000' },
      'existing-members': { type: 'string', default: '200000' },
      workers: { type: 'string' },
      writers: { type: 'string' },
      'chunk-kb': { type: 'string' },
      keep: { type: 'boolean', default: false },
      'no-floor': { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  if (values['write-csv']) {
    // the bench's own helper: the CSV is written in a separate process
    await writeRosterCsv(values['write-csv'], Number(values.rows), Number(values.seed));
    process.exit(0);
  }
  const report = await benchImport({
    seed: Number(values.seed),
    databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    rows: Number(values.rows),
    existingOrgs: Number(values['existing-orgs']),
    existingMembers: Number(values['existing-members']),
    ...(values.workers ? { workers: Number(values.workers) } : {}),
    ...(values.writers ? { writers: Number(values.writers) } : {}),
    ...(values['chunk-kb'] ? { chunkBytes: Number(values['chunk-kb']) * 1024 } : {}),
    keep: values.keep,
    floor: !values['no-floor'],
    ...(values.out ? { outDir: values.out } : {}),
  });
  if (report.targets.some((t) => t.result === 'FAIL')) process.exitCode = 1;
}
