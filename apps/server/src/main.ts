import { buildApp } from './app';
import { loadConfig } from './config';
import { closeDeps, createDeps } from './deps';
import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from './platform/http/context';
import { scheduleMaintenance } from './platform/jobs/maintenance';
import { scheduleModuleTimers } from './modules/jobs';

/**
 * Process entry: config → database (migrated) → demo data on first run → app → listen.
 * SIGTERM/SIGINT: stop accepting, let in-flight requests finish, stop jobs, close the database.
 */
export async function start(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(env);
  const deps = await createDeps(config);
  const app = await buildApp(deps);
  const log = app.log;

  if (config.demo.enabled) await loadDemoOnFirstStart(deps, log);

  await scheduleMaintenance(deps.jobs, deps.database.db);
  await scheduleModuleTimers(deps);
  deps.jobs.start();
  const address = await app.listen({ port: config.port, host: config.host });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => process.exit(1), 25_000);
    force.unref();
    try {
      await app.close();
      await closeDeps(deps);
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  return { app, deps, address, config };
}

/** First start of an empty database: generate the demo province (deterministic from DEMO_SEED). */
async function loadDemoOnFirstStart(deps: AppDeps, log: FastifyBaseLogger) {
  const { db } = deps.database;
  const loaded = await db.selectFrom('app_settings').select('value').where('key', '=', 'demo_loaded').executeTakeFirst();
  if (loaded) return;
  const anyOrg = await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst();
  if (anyOrg) {
    // real data, or a demo load that was cut off: never load on top of it
    log.warn('数据库中已有组织数据但没有演示数据标记，跳过演示数据加载（如需重新生成，请删除 DATA_DIR 后重启）');
    return;
  }
  const { demo } = deps.config;
  log.info({ orgs: demo.orgs, members: demo.members }, '首次启动：正在生成演示省份数据…');
  const { loadDemoProvince } = await import('../../../tools/demo/load');
  const summary = await loadDemoProvince(deps.database, deps.cipher, { seed: demo.seed, orgs: demo.orgs, members: demo.members });
  log.info({ orgs: summary.orgs, members: summary.members, ms: summary.ms }, '演示数据已加载');
}

/** Start and print where to go and how to log in (npm start, and this file run directly). */
export async function run(env: NodeJS.ProcessEnv = process.env) {
  try {
    const { address, config } = await start(env);
    printBanner(address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1'), config.demo.enabled);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}

if (process.argv[1]?.endsWith('apps/server/src/main.ts')) void run();

function printBanner(url: string, demo: boolean) {
  const lines = [
    '',
    '  Gonghui 智慧工会 已启动',
    `  会员端 (手机 H5):   ${url}/`,
    `  管理后台:           ${url}/admin`,
    `  API 文档:           ${url}/api/docs`,
  ];
  if (demo) {
    lines.push(
      '',
      '  演示账号 (demo logins):',
      '    省总管理员  13800000001 / Gonghui@2026   (后台密码登录)',
      '    街道干部    13800000002 / Gonghui@2026   (后台密码登录，仅见本街道)',
      '    会员        13900000001                  (会员端短信验证码登录；验证码见后台「短信发件箱」)',
      '    工单承办人  13800000003 / Gonghui@2026   (张晓红所在企业工会的诉求承办人)',
      '    律师        13800000004 / Gonghui@2026   (承办人员：只看到指派给自己的法律援助工单)',
      '    社工        13800000005 / Gonghui@2026   (承办人员：工伤探视)',
      '    热线坐席    13800000006 / Gonghui@2026   (12351 热线代为登记)',
    );
  }
  console.log(lines.join('\n') + '\n');
}
