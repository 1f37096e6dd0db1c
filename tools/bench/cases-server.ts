/**
 * Child process of the cases bench's HTTP test (forked by tools/bench/cases-http.ts, so the load
 * generator and the server do not share an event loop):
 *
 *   app   the real server: loadConfig(env) → createDeps → buildApp, as apps/server/src/main.ts does
 *         (background jobs not started, so the SLA sweep does not run during the measurement)
 *   bare  the baseline: Fastify + a pg Pool of the same size + one POST that inserts (id, payload jsonb)
 *
 * Listens on a free port on 127.0.0.1 and reports it over IPC; answers `stats` messages with its
 * CPU time, event-loop delay and pool occupancy (sampled every 10 ms), to show where time goes.
 */
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../../apps/server/src/app';
import { loadConfig } from '../../apps/server/src/config';
import { closeDeps, createDeps } from '../../apps/server/src/deps';
import { BARE_POOL_SIZE, BARE_TABLE } from './cases-http';


type Closer = () => Promise<void>;

async function startApp(): Promise<{ port: number; pool: pg.Pool; close: Closer }> {
  const config = loadConfig(process.env);
  const deps = await createDeps(config);
  const app = await buildApp(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  return { port: typeof addr === 'object' && addr ? addr.port : 0, pool: deps.database.pool!, close: async () => { await app.close(); await closeDeps(deps); } };
}

async function startBare(): Promise<{ port: number; pool: pg.Pool; close: Closer }> {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: BARE_POOL_SIZE });
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  app.post('/bare', async (req, reply) => {
    const id = randomUUID();
    await pool.query(`INSERT INTO ${BARE_TABLE} (id, payload) VALUES ($1, $2)`, [id, req.body]);
    return reply.status(201).send({ id });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  return { port: typeof addr === 'object' && addr ? addr.port : 0, pool, close: async () => { await app.close(); await pool.end(); } };
}

const mode = process.argv[2];
const server = mode === 'bare' ? await startBare() : await startApp();

const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
let samples = { n: 0, waiting: 0, maxWaiting: 0, busy: 0 };
const sampler = setInterval(() => {
  const p = server.pool;
  samples.n++;
  samples.waiting += p.waitingCount;
  samples.maxWaiting = Math.max(samples.maxWaiting, p.waitingCount);
  samples.busy += p.totalCount - p.idleCount;
}, 10);
sampler.unref();
let cpu = process.cpuUsage();
let since = performance.now();

process.on('message', (msg: { cmd: string }) => {
  if (msg.cmd === 'reset') {
    loop.reset();
    samples = { n: 0, waiting: 0, maxWaiting: 0, busy: 0 };
    cpu = process.cpuUsage();
    since = performance.now();
    process.send!({ cmd: 'reset' });
  } else if (msg.cmd === 'stats') {
    const used = process.cpuUsage(cpu);
    const wallMs = performance.now() - since;
    process.send!({
      cmd: 'stats',
      cpuPercent: Math.round(((used.user + used.system) / 1000 / wallMs) * 1000) / 10,
      eventLoopDelayMs: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
      pool: { size: server.pool.options.max, avgBusy: samples.busy / Math.max(1, samples.n), avgWaiting: samples.waiting / Math.max(1, samples.n), maxWaiting: samples.maxWaiting },
    });
  } else if (msg.cmd === 'close') {
    void server.close().then(() => process.exit(0));
  }
});
process.send!({ cmd: 'ready', port: server.port, pid: process.pid });
