import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app';
import { closeDeps, createDeps } from '../../deps';
import { latestSmsCode, openTestDatabase, Session, testConfig } from '../../test/context';
import type { AppDeps } from './context';

const lines: string[] = [];
let app: App;
let deps: AppDeps;
let drop: () => Promise<void>;

beforeAll(async () => {
  const t = await openTestDatabase();
  drop = t.drop;
  // production mode: only development prints the SMS code (on purpose, for local testing)
  deps = await createDeps(testConfig({ NODE_ENV: 'production' }), { database: t.database });
  app = await buildApp(deps, { logStream: { write: (l) => void lines.push(l) } });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await closeDeps(deps);
  await drop();
});

describe('structured logs never carry PII or secrets', () => {
  it('redacts phone numbers, codes, cookies and passwords from request logs', async () => {
    const phone = '13712345678';
    const s = new Session(app);
    await s.post('/api/auth/sms/send', { phone });
    const code = await latestSmsCode(deps, phone);
    await s.post('/api/auth/login/sms', { phone, code });
    await s.get(`/api/sms-outbox?phone=${phone}`);
    await s.post('/api/auth/login/password', { phone, password: 'Secret123x' });
    const all = lines.join('\n');
    expect(lines.length).toBeGreaterThan(5);
    expect(all).not.toContain(phone);
    expect(all).not.toContain(code);
    expect(all).not.toContain('Secret123x');
    expect(all).not.toContain(s.cookies.gh_session!);
    expect(all).toContain('[redacted]');
  });
});
