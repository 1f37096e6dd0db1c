/**
 * Load the demo province into a database.
 *
 *   npx tsx tools/demo/cli.ts [--seed 20260101] [--orgs 3000] [--members 20000]
 *                             [--database-url postgres://…] [--data-dir ./data] [--force-empty]
 *
 * Without --database-url the embedded database in DATA_DIR (default ./data) is used, with the PII
 * keys the server uses (DATA_DIR/secrets.json or PII_ENC_KEY / PII_HMAC_KEY). A database that already
 * holds the demo (app_settings.demo_loaded) is refused unless --force-empty, which first TRUNCATES
 * every application table — meant for bench databases only.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../../apps/server/src/config';
import { migrateToLatest, openDatabase } from '../../apps/server/src/db/connect';
import { PiiCipher } from '../../apps/server/src/platform/crypto/pii';
import { DEMO_CASE_ACCOUNTS } from './cases';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoLoadedInfo, loadDemoProvince, truncateAllData, type LoadProgress } from './load';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    orgs: { type: 'string' },
    members: { type: 'string' },
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    'force-empty': { type: 'boolean', default: false },
    concurrency: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('usage: npx tsx tools/demo/cli.ts [--seed N] [--orgs N] [--members N] [--database-url URL] [--data-dir DIR] [--force-empty]');
  process.exit(0);
}

const env = { ...process.env };
if (values['database-url']) env.DATABASE_URL = values['database-url'];
if (values['data-dir']) env.DATA_DIR = values['data-dir'];
const config = loadConfig(env);
const seed = Number(values.seed ?? config.demo.seed);
const orgs = Number(values.orgs ?? config.demo.orgs);
const members = Number(values.members ?? config.demo.members);
for (const [k, v] of Object.entries({ seed, orgs, members })) {
  if (!Number.isInteger(v) || v < 0) {
    console.error(`参数错误：--${k} 必须是非负整数`);
    process.exit(2);
  }
}

const started = performance.now();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
async function main(): Promise<number> {
  console.log(`数据库: ${database.kind === 'postgres' ? config.databaseUrl?.replace(/\/\/[^@/]*@/, '//***@') : `${config.dataDir}/pglite`}`);
  await migrateToLatest(database.db);
  const info = await demoLoadedInfo(database.db);
  const hasOrgs = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM orgs`.execute(database.db)).rows[0]!.n > 0;
  if (info || hasOrgs) {
    if (!values['force-empty']) {
      console.error(`数据库中已有数据${info ? `（演示数据已加载：${JSON.stringify(info)}）` : ''}。如需重新加载，请加 --force-empty（会清空所有表，仅用于测试/压测库）。`);
      return 1;
    }
    console.log('--force-empty: 清空所有表 …');
    await truncateAllData(database.db);
  }

  console.log(`生成并加载: seed=${seed} orgs≈${orgs} members=${members}`);
  let lastPrint = 0;
  const onProgress = (p: LoadProgress) => {
    const now = performance.now();
    if (p.phase === 'members' && p.done < p.total && now - lastPrint < 2000) return;
    lastPrint = now;
    console.log(`  [${(p.elapsedMs / 1000).toFixed(1)}s] ${p.phase} ${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')}`);
  };
  const cipher = new PiiCipher(config.piiKeys);
  const summary = await loadDemoProvince(database, cipher, {
    seed,
    orgs,
    members,
    onProgress,
    ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
  });
  const rps = Math.round(summary.members / Math.max(0.001, summary.timings.membersMs / 1000));
  console.log(`完成: ${summary.orgs.toLocaleString('en')} 个组织, ${summary.members.toLocaleString('en')} 名会员, 加载 ${(summary.ms / 1000).toFixed(1)}s` +
    ` (组织 ${summary.timings.orgsMs}ms, 会员 ${summary.timings.membersMs}ms ≈ ${rps.toLocaleString('en')} 行/秒, 账号 ${summary.timings.accountsMs}ms, 计数器 ${summary.timings.countersMs}ms);` +
    ` 总计 ${((performance.now() - started) / 1000).toFixed(1)}s`);
  console.log('演示账号:');
  console.log(`  ${DEMO_ACCOUNTS.provinceAdmin.name} ${DEMO_ACCOUNTS.provinceAdmin.phone} / ${DEMO_PASSWORD} (省总 admin+chair)`);
  console.log(`  ${DEMO_ACCOUNTS.streetCadre.name} ${DEMO_ACCOUNTS.streetCadre.phone} / ${DEMO_PASSWORD} (街道 admin)`);
  console.log(`  ${DEMO_ACCOUNTS.member.name} ${DEMO_ACCOUNTS.member.phone} (会员, 短信验证码登录)`);
  for (const a of Object.values(DEMO_CASE_ACCOUNTS)) console.log(`  ${a.name} ${a.phone} / ${DEMO_PASSWORD} (${a.role})`);
  return 0;
}
try {
  process.exitCode = await main();
} finally {
  await database.close();
}
