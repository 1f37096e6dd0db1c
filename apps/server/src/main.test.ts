import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;

describe('process lifecycle', () => {
  it('serves /readyz, then on SIGTERM finishes in-flight requests and exits 0', async () => {
    const port = 32000 + Math.floor(Math.random() * 2000);
    const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: mkdtempSync(join(tmpdir(), 'gh-main-')), DEMO: 'off', NODE_ENV: 'test', SERVE_WEB: '0', LOG_LEVEL: 'warn' };
    if (process.env.TEST_DATABASE_URL) delete (env as Record<string, string | undefined>).TEST_DATABASE_URL;
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    const base = `http://127.0.0.1:${port}`;
    await expect.poll(async () => (await fetch(`${base}/readyz`).catch(() => null))?.status, { timeout: 45_000, interval: 300 }).toBe(200);
    expect(output).toContain('/admin');

    // a request in flight when the signal arrives (headers in, body still uploading) still gets its answer
    const body = JSON.stringify({ phone: '13800009999', password: 'Wrong12345' });
    let answer = '';
    const inFlight = new Promise<number>((resolve, reject) => {
      const req = request(`${base}/api/auth/login/password`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.on('data', (d) => (answer += d));
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 400);
      }, 600);
    });
    expect(await inFlight).toBe(400);
    expect(answer).toContain('INVALID_CREDENTIALS');
    expect(await exited).toBe(0);
    // and nothing new is accepted afterwards
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  }, 90_000);
});
