import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSRF_COOKIE, SESSION_COOKIE } from '@gonghui/contracts';
import { sql } from 'kysely';
import { buildApp, type App } from '../app';
import { loadConfig } from '../config';
import { openDatabase, type Database } from '../db/connect';
import { closeDeps, createDeps } from '../deps';
import type { AppDeps } from '../platform/http/context';

/**
 * A fresh database per test file: in-memory PGlite by default; with TEST_DATABASE_URL a new
 * database on that PostgreSQL server (dropped at the end), so the same suite runs on both.
 */
export async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({});
    return { database, drop: async () => {} };
  }
  const name = `gh_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await openDatabase({ databaseUrl: serverUrl, poolSize: 1 });
  await sql.raw(`CREATE DATABASE ${name}`).execute(admin.db);
  await admin.close();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  return {
    database,
    drop: async () => {
      const a = await openDatabase({ databaseUrl: serverUrl, poolSize: 1 });
      // closed pools may still be saying goodbye: wait for their backends to leave before dropping
      for (let i = 0; i < 50; i++) {
        const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = ${name}`.execute(a.db);
        if (r.rows[0]!.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).execute(a.db);
      await a.close();
    },
  };
}

export function testConfig(overrides: Record<string, string> = {}) {
  return loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(join(tmpdir(), 'gh-test-')), DEMO: 'off', LOG_LEVEL: 'silent', ...overrides });
}

export type TestContext = { app: App; deps: AppDeps; close: () => Promise<void> };

export async function createTestContext(opts: { config?: Record<string, string> } = {}): Promise<TestContext> {
  const { database, drop } = await openTestDatabase();
  const deps = await createDeps(testConfig(opts.config), { database });
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    deps,
    close: async () => {
      await app.close();
      await closeDeps(deps);
      await drop();
    },
  };
}

/** A logged-in browser: keeps the session cookie and echoes the CSRF token like the SPA does. */
export class Session {
  constructor(
    readonly app: App,
    readonly cookies: Record<string, string> = {},
  ) {}

  private cookieHeader() {
    return Object.entries(this.cookies).map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: 'GET' | 'POST' | 'DELETE' | 'PATCH' | 'PUT', url: string, body?: unknown, opts: { csrf?: boolean } = {}) {
    const headers: Record<string, string> = { cookie: this.cookieHeader() };
    if (method !== 'GET' && opts.csrf !== false && this.cookies[CSRF_COOKIE]) headers['x-csrf-token'] = this.cookies[CSRF_COOKIE];
    const res = await this.app.inject({ method, url, headers, ...(body !== undefined ? { payload: body as object } : {}) });
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) delete this.cookies[c.name];
      else this.cookies[c.name] = c.value;
    }
    return res;
  }
  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown, opts?: { csrf?: boolean }) {
    return this.request('POST', url, body ?? {}, opts);
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }
  get loggedIn() {
    return !!this.cookies[SESSION_COOKIE];
  }
}

export async function loginWithPassword(app: App, phone: string, password: string): Promise<Session> {
  const s = new Session(app);
  const res = await s.post('/api/auth/login/password', { phone, password });
  if (res.statusCode !== 200) throw new Error(`login failed ${res.statusCode} ${res.body}`);
  return s;
}

export async function loginWithSms(app: App, deps: AppDeps, phone: string): Promise<Session> {
  const s = new Session(app);
  const sent = await s.post('/api/auth/sms/send', { phone });
  if (sent.statusCode !== 200) throw new Error(`sms send failed ${sent.body}`);
  const code = await latestSmsCode(deps, phone);
  const res = await s.post('/api/auth/login/sms', { phone, code });
  if (res.statusCode !== 200) throw new Error(`sms login failed ${res.body}`);
  return s;
}

/** Read the code the development SMS driver recorded for this phone. */
export async function latestSmsCode(deps: AppDeps, phone: string): Promise<string> {
  const row = await deps.database.db
    .selectFrom('sms_outbox')
    .select('body')
    .where('phone_hash', '=', deps.cipher.blindIndex('phone', phone))
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return /(\d{6})/.exec(row.body)![1]!;
}
