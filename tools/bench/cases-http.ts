/**
 * HTTP load for the cases bench: a closed-loop generator (N workers, each sends its next request
 * when the previous answer is in) over keep-alive connections, against a server forked from
 * tools/bench/cases-server.ts. Node's own http client: no extra dependency, little CPU.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stats, type Stats } from './members';

/** The baseline's table and pool size (the app's pool is createDeps' default of 10). */
export const BARE_TABLE = 'bench_bare_submissions';
export const BARE_POOL_SIZE = 10;

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');

export type ServerStats = {
  cpuPercent: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  pool: { size: number; avgBusy: number; avgWaiting: number; maxWaiting: number };
};

export const appName = (mode: 'app' | 'bare') => `gonghui-bench-${mode}`;

export type ForkedServer = {
  port: number;
  pid: number;
  child: ChildProcess;
  request<T>(cmd: string): Promise<T>;
  close(): Promise<void>;
};

export async function forkServer(mode: 'app' | 'bare', env: Record<string, string>): Promise<ForkedServer> {
  const child = fork(join(here, 'cases-server.ts'), [mode], {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx'],
    // the server's connections carry its name, so their states can be sampled (backendStates)
    env: { ...process.env, ...env, PGAPPNAME: appName(mode) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [ready] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`bench server (${mode}) exited with ${String(code)} before listening`);
    }),
  ])) as [{ cmd: string; port: number; pid: number }];
  const request = async <T>(cmd: string): Promise<T> => {
    const answer = new Promise<T>((res) => {
      const on = (m: { cmd: string }) => {
        if (m.cmd !== cmd) return;
        child.off('message', on);
        res(m as T);
      };
      child.on('message', on);
    });
    child.send({ cmd });
    return answer;
  };
  return {
    port: ready.port,
    pid: ready.pid,
    child,
    request,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.send({ cmd: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export type LoadResult = {
  concurrency: number;
  durationS: number;
  requests: number;
  ok: number;
  errors: number;
  /** status code → count of the non-2xx answers (and 'network' for failed requests) */
  errorKinds: Record<string, number>;
  throughputPerS: number;
  latencyMs: Stats;
  firstError: string | null;
};

type Req = { path: string; headers: Record<string, string>; body: string };

function send(agent: http.Agent, port: number, r: Req): Promise<{ status: number; body: string }> {
  return new Promise((res, rej) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: r.path, agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(r.body), ...r.headers } },
      (resp) => {
        const chunks: Buffer[] = [];
        resp.on('data', (c: Buffer) => chunks.push(c));
        resp.on('end', () => res({ status: resp.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        resp.on('error', rej);
      },
    );
    req.on('error', rej);
    req.end(r.body);
  });
}

/**
 * Closed loop: `concurrency` workers for warm-up + duration; only requests started after the
 * warm-up count. `next(i)` builds request i (unique per call).
 */
export async function runLoad(port: number, next: (i: number) => Req, o: { concurrency: number; durationMs: number; warmupMs: number; onMeasureStart?: () => Promise<void> }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency });
  let i = 0;
  let measuring = false;
  let stop = false;
  const lat: number[] = [];
  const errorKinds: Record<string, number> = {};
  let ok = 0;
  let firstError: string | null = null;
  const worker = async () => {
    while (!stop) {
      const r = next(i++);
      const counted = measuring;
      const t = performance.now();
      let status = 0;
      let body = '';
      try {
        ({ status, body } = await send(agent, port, r));
      } catch (e) {
        body = String(e);
      }
      const ms = performance.now() - t;
      if (!counted) continue;
      lat.push(ms);
      if (status >= 200 && status < 300) ok++;
      else {
        const k = status ? String(status) : 'network';
        errorKinds[k] = (errorKinds[k] ?? 0) + 1;
        firstError ??= `${k}: ${body.slice(0, 300)}`;
      }
    }
  };
  const workers = Array.from({ length: o.concurrency }, worker);
  await new Promise((r) => setTimeout(r, o.warmupMs));
  await o.onMeasureStart?.();
  measuring = true;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, o.durationMs));
  measuring = false;
  const elapsed = (performance.now() - t0) / 1000;
  stop = true;
  await Promise.all(workers);
  agent.destroy();
  const errors = Object.values(errorKinds).reduce((a, b) => a + b, 0);
  return {
    concurrency: o.concurrency,
    durationS: Math.round(elapsed * 100) / 100,
    requests: lat.length,
    ok,
    errors,
    errorKinds,
    throughputPerS: Math.round((lat.length / elapsed) * 10) / 10,
    latencyMs: stats(lat),
    firstError,
  };
}

/** Busy share of all CPUs of the machine between two readings of /proc/stat (Linux; null elsewhere). */
export async function machineCpu(): Promise<() => Promise<number | null>> {
  const read = async (): Promise<number[] | null> => {
    try {
      const { readFile } = await import('node:fs/promises');
      const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0]!;
      return line.trim().split(/\s+/).slice(1).map(Number);
    } catch {
      return null;
    }
  };
  const a = await read();
  return async () => {
    const b = await read();
    if (!a || !b) return null;
    const d = b.map((x, k) => x - (a[k] ?? 0));
    const total = d.reduce((s, x) => s + x, 0);
    const idle = (d[3] ?? 0) + (d[4] ?? 0);
    return total > 0 ? Math.round((1 - idle / total) * 1000) / 10 : null;
  };
}

/**
 * CPU time of the PostgreSQL backends serving one database (Linux /proc; null elsewhere): read at
 * the start, returns a function giving the milliseconds used since. Backends that connect later
 * count from zero.
 */
export async function backendCpu(pool: { query<R extends object>(text: string, values?: unknown[]): Promise<{ rows: R[] }> }, database: string): Promise<() => Promise<number | null>> {
  const { readFile } = await import('node:fs/promises');
  const TICK_MS = 10; // USER_HZ = 100 on Linux
  const pids = async () => (await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database])).rows.map((r) => r.pid);
  const ticks = async (pid: number): Promise<number | null> => {
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(f[11]) + Number(f[12]); // utime + stime
    } catch {
      return null;
    }
  };
  const start = new Map<number, number>();
  for (const pid of await pids()) {
    const t = await ticks(pid);
    if (t === null) return async () => null;
    start.set(pid, t);
  }
  return async () => {
    let total = 0;
    for (const pid of await pids()) {
      const t = await ticks(pid);
      if (t === null) continue;
      total += t - (start.get(pid) ?? 0);
    }
    return total * TICK_MS;
  };
}

/**
 * What the server's PostgreSQL connections are doing, sampled every 100 ms from pg_stat_activity:
 * running a statement (on CPU, or waiting on I/O, a lock …), or idle inside a transaction — that
 * is, waiting for the application to send the next statement.
 */
export function backendStates(pool: { query<R extends object>(text: string, values?: unknown[]): Promise<{ rows: R[] }> }, applicationName: string) {
  const counts: Record<string, number> = {};
  let samples = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const r = await pool.query<{ s: string; n: number }>(
        `SELECT CASE WHEN state = 'active' THEN 'running: ' || coalesce(wait_event_type || ' wait', 'on CPU')
                     WHEN state = 'idle in transaction' THEN 'idle in transaction (waiting for the app)'
                     WHEN state = 'idle' THEN 'idle (no statement, no transaction)'
                     ELSE coalesce(state, 'unknown') END AS s, count(*)::int AS n
         FROM pg_stat_activity WHERE application_name = $1 GROUP BY 1`, [applicationName]);
      samples++;
      for (const row of r.rows) counts[row.s] = (counts[row.s] ?? 0) + row.n;
      await new Promise((res) => setTimeout(res, 100));
    }
  })();
  return {
    stop: async (): Promise<Record<string, number>> => {
      stopped = true;
      await loop;
      // average number of connections in each state
      return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round((v / Math.max(1, samples)) * 10) / 10]));
    },
  };
}
