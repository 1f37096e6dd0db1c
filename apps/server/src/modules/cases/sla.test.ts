import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { createDeps } from '../../deps';
import { addWorkdaysWith, workingMsBetweenWith, type Overrides } from '../../platform/calendar/workdays';
import { createTestContext, loginWithPassword, loginWithSms, openTestDatabase, testConfig, type Session, type TestContext } from '../../test/context';
import { factories, PASSWORD } from '../../test/factories';
import { dueTimers, nextTimerAt, pendingTimers, stageTimes, type TimerState } from './sla';
import { CASE_SLA_QUEUE, scheduleCaseSweep, sweepCaseTimers } from './sweep';

const H = 3600_000;
const cst = (s: string) => new Date(`${s}+08:00`);

describe('SLA arithmetic on the working-day calendar', () => {
  const none: Overrides = new Map();

  it('a Friday submission: 1 working day ends Monday 24:00; 80% of working time is Monday 16:24', () => {
    const start = cst('2026-11-20T10:00:00'); // Friday
    const { due, remindAt } = stageTimes(start, 1, none);
    expect(due).toEqual(cst('2026-11-24T00:00:00'));
    // working time = Fri 14 h + Mon 24 h = 38 h; 80% = 30.4 h → Mon 16.4 h
    expect(workingMsBetweenWith(start, due, none)).toBe(38 * H);
    expect(remindAt).toEqual(cst('2026-11-23T16:24:00'));
  });

  it('across a Golden Week with a make-up Saturday: 3 working days land on the Saturday', () => {
    const golden: Overrides = new Map([
      ...['01', '02', '03', '04', '05', '06', '07'].map((d) => [`2026-10-${d}`, false] as [string, boolean]),
      ['2026-10-10', true], // 调休上班
    ]);
    const start = cst('2026-09-30T09:00:00'); // Wednesday before the holiday
    const { due, remindAt } = stageTimes(start, 3, golden);
    expect(due).toEqual(cst('2026-10-11T00:00:00')); // 10-08, 10-09, 10-10 (Saturday, worked)
    expect(workingMsBetweenWith(start, due, golden)).toBe(87 * H); // 15 + 24 + 24 + 24
    expect(remindAt).toEqual(cst('2026-10-10T06:36:00')); // 69.6 h: never inside the holiday
    expect(addWorkdaysWith(start, 3, none)).toEqual(cst('2026-10-06T00:00:00')); // without the calendar: Thu, Fri, Mon — inside the holiday
  });

  it('a submission on a holiday starts counting on the next working day', () => {
    const holiday: Overrides = new Map([['2026-10-01', false]]);
    const start = cst('2026-10-01T20:00:00'); // Thursday, a holiday
    const { due, remindAt } = stageTimes(start, 1, holiday);
    expect(due).toEqual(cst('2026-10-03T00:00:00')); // Friday 10-02
    expect(remindAt).toEqual(cst('2026-10-02T19:12:00'));
  });
});

describe('timers derived from the case', () => {
  const base: TimerState = {
    status: 'assigned', parent_id: null, accept_due_at: cst('2026-11-23T00:00:00'), resolve_due_at: cst('2026-11-26T00:00:00'),
    remind_at: cst('2026-11-25T10:00:00'), reminded_at: null, overdue_at: null, last_step_at: cst('2026-11-20T10:00:00'), stale_reminded_at: null,
    supervised_at: null, supervise_due_at: null, supervise_overdue_at: null, resolved_at: null,
  };

  it('an open case waits for its stale check, 80% reminder and deadline; the earliest is next', () => {
    expect(pendingTimers(base)).toEqual([
      { kind: 'remind', at: cst('2026-11-25T10:00:00') },
      { kind: 'overdue', at: cst('2026-11-26T00:00:00') },
      { kind: 'stale', at: cst('2026-11-23T10:00:00') },
    ]);
    expect(nextTimerAt(base)).toEqual(cst('2026-11-23T10:00:00'));
    expect(dueTimers(base, cst('2026-11-25T12:00:00'))).toEqual(['remind', 'stale']);
  });

  it('fired timers do not fire again; the stale reminder repeats every 3 days without a step', () => {
    const after = { ...base, reminded_at: cst('2026-11-25T10:00:00'), stale_reminded_at: cst('2026-11-23T10:00:00') };
    expect(dueTimers(after, cst('2026-11-25T12:00:00'))).toEqual([]);
    expect(nextTimerAt(after)).toEqual(cst('2026-11-26T00:00:00'));
    expect(dueTimers(after, cst('2026-11-26T10:00:01'))).toEqual(['overdue', 'stale']);
  });

  it('while submitted, the acceptance deadline counts; 督办 adds its own deadline', () => {
    const submitted = { ...base, status: 'submitted' as const, supervised_at: base.last_step_at, supervise_due_at: cst('2026-11-22T00:00:00') };
    expect(pendingTimers(submitted).map((t) => [t.kind, t.at])).toContainEqual(['overdue', cst('2026-11-23T00:00:00')]);
    expect(nextTimerAt(submitted)).toEqual(cst('2026-11-22T00:00:00'));
  });

  it('a resolved case only waits to close itself; finished and merged cases wait for nothing', () => {
    const resolved = { ...base, status: 'resolved' as const, resolved_at: cst('2026-11-21T10:00:00') };
    expect(pendingTimers(resolved)).toEqual([{ kind: 'auto_close', at: cst('2026-11-28T10:00:00') }]);
    for (const status of ['closed', 'rejected', 'withdrawn'] as const) expect(nextTimerAt({ ...base, status })).toBeNull();
    expect(nextTimerAt({ ...base, parent_id: 'p' })).toBeNull();
  });
});

describe('the sweep', () => {
  let ctx: TestContext;
  let worker: Session;
  let handler: Session;
  const ids: Record<string, string> = {};
  const db = () => ctx.deps.database.db;
  const submit = async (content: string) => (await worker.post('/api/me/cases', { type: 'appeal', content, clientKey: randomUUID().replace(/-/g, '') })).json();
  const row = (id: string) => db().selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const sent = (userId: string, kind: string) => db().selectFrom('notifications').select('id').where('user_id', '=', userId).where('kind', '=', kind).execute();

  beforeAll(async () => {
    ctx = await createTestContext();
    const f = factories(ctx.deps);
    const fx = await f.province();
    const admin = await f.user({ password: PASSWORD, roles: [{ org: fx.prov, role: 'admin' }] });
    const h = await f.user({ name: '承办人', password: PASSWORD, roles: [{ org: fx.entA, role: 'cadre' }] });
    const chair = await f.user({ name: '企业工会主席', password: PASSWORD, roles: [{ org: fx.entA, role: 'chair' }] });
    Object.assign(ids, { handler: h.id, chair: chair.id });
    const a = await loginWithPassword(ctx.app, admin.phone, PASSWORD);
    handler = await loginWithPassword(ctx.app, h.phone, PASSWORD);
    const team = (await a.post('/api/case-teams', { orgId: fx.entA.id, name: '服务组', skill: 'general' })).json();
    await a.post(`/api/case-teams/${team.id}/members`, { userId: h.id });
    await a.request('PUT', '/api/case-settings/types/appeal', { enabled: true, acceptWorkdays: 1, resolveWorkdays: 3, followupPercent: 100 });
    worker = await loginWithSms(ctx.app, ctx.deps, '13700000301');
    const me = (await worker.get('/api/auth/me')).json();
    await f.member(fx.entA, { userId: me.user.id });
  });
  afterAll(() => ctx.close());

  it('reminds the handler at 80%, escalates to the supervisors when overdue, once each', async () => {
    const c = await submit('工资条看不懂，扣款项目不清楚');
    const r = await row(c.id);
    expect(r.next_timer_at).toEqual(r.last_step_at.getTime() + 3 * 86_400_000 < r.remind_at!.getTime() ? new Date(r.last_step_at.getTime() + 3 * 86_400_000) : r.remind_at);

    const atRemind = new Date(r.remind_at!.getTime() + 1000);
    const first = await sweepCaseTimers(ctx.deps, atRemind);
    expect(first.remind).toBe(1);
    expect(await sent(ids.handler!, 'case_reminder')).toHaveLength(1);
    const again = await sweepCaseTimers(ctx.deps, atRemind);
    expect(again.remind).toBe(0);
    expect(await sent(ids.handler!, 'case_reminder')).toHaveLength(1);

    const late = new Date(r.resolve_due_at!.getTime() + 1000);
    const second = await sweepCaseTimers(ctx.deps, late);
    expect(second.overdue).toBe(1);
    expect(await sent(ids.chair!, 'case_overdue')).toHaveLength(1);
    expect((await row(c.id)).overdue_at).toEqual(late);
    const overdueBox = (await handler.get('/api/cases?box=overdue')).json();
    expect(overdueBox.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    const sms = await db().selectFrom('sms_outbox').select('template').where('template', 'in', ['case_reminder', 'case_overdue']).execute();
    expect(sms.map((s) => s.template).sort()).toEqual(['case_overdue', 'case_reminder']);
    ids.overdue = c.id;
  });

  it('a step unchanged for more than 3 days reminds the handler; a new step resets the clock', async () => {
    const c = await submit('宿舍晚上太吵影响休息');
    const r = await row(c.id);
    const day3 = new Date(r.last_step_at.getTime() + 3 * 86_400_000 + 1000);
    const s = await sweepCaseTimers(ctx.deps, day3);
    expect(s.stale).toBeGreaterThanOrEqual(1);
    const events = await db().selectFrom('case_events').select('kind').where('case_id', '=', c.id).where('kind', '=', 'stale_reminded').execute();
    expect(events).toHaveLength(1);
    await handler.post(`/api/cases/${c.id}/actions`, { action: 'start' });
    const after = await row(c.id);
    expect(after.stale_reminded_at).toBeNull();
    expect(after.next_timer_at!.getTime()).toBeLessThanOrEqual(after.last_step_at.getTime() + 3 * 86_400_000);
  });

  it('closes a resolved case after 7 days without rating, and samples it for 回头看', async () => {
    const c = await submit('更衣室没有镜子');
    await handler.post(`/api/cases/${c.id}/actions`, { action: 'resolve', reply: '已在更衣室安装镜子两面。' });
    const r = await row(c.id);
    const s = await sweepCaseTimers(ctx.deps, new Date(r.resolved_at!.getTime() + 7 * 86_400_000 + 1000));
    expect(s.auto_close).toBe(1);
    expect(await row(c.id)).toMatchObject({ status: 'closed', next_timer_at: null });
    const followups = (await handler.get('/api/cases?box=followup')).json();
    expect(followups.items.map((i: { id: string }) => i.id)).toContain(c.id);
    const done = (await handler.post(`/api/case-followups/${c.id}`, { result: '电话回访，职工表示满意', satisfied: true })).json();
    expect(done.events.map((e: { kind: string }) => e.kind)).toContain('followup_done');
    expect(done.followup).toMatchObject({ status: 'done', result: '电话回访，职工表示满意', satisfied: true });
    expect((await handler.get('/api/cases?box=followup')).json().items.map((i: { id: string }) => i.id)).not.toContain(c.id);
  });
});

describe('durable timers', () => {
  it('a timer scheduled before a restart fires after it', async () => {
    const { database, drop } = await openTestDatabase();
    const config = testConfig();
    try {
      // server 1: a case is submitted (its timers live in the row) and the sweep is scheduled
      const deps1 = await createDeps(config, { database });
      const app1 = await buildApp(deps1);
      await app1.ready();
      const f = factories(deps1);
      const fx = await f.province();
      const h = await f.user({ password: PASSWORD, roles: [{ org: fx.entA, role: 'cadre' }] });
      await database.db.insertInto('case_teams').values({ id: randomUUID(), org_id: fx.entA.id, org_path: fx.entA.path, name: '服务组', skill: 'general' }).execute();
      const team = await database.db.selectFrom('case_teams').select('id').executeTakeFirstOrThrow();
      await database.db.insertInto('case_team_members').values({ team_id: team.id, user_id: h.id }).execute();
      const worker = await loginWithSms(app1, deps1, '13700000401');
      await f.member(fx.entA, { userId: (await worker.get('/api/auth/me')).json().user.id });
      const c = (await worker.post('/api/me/cases', { type: 'appeal', content: '夜班没有热饭吃，希望增加微波炉', clientKey: randomUUID().replace(/-/g, '') })).json();
      await scheduleCaseSweep(deps1);
      const scheduled = await database.db.selectFrom('jobs').select(['id', 'run_at']).where('queue', '=', CASE_SLA_QUEUE).where('status', '=', 'pending').execute();
      expect(scheduled).toHaveLength(1);
      await app1.close();
      await deps1.jobs.stop();

      // the server is down while the deadline passes (the case's clock moves 10 days into the past)
      await sql`UPDATE cases SET created_at = created_at - interval '10 days', stage_started_at = stage_started_at - interval '10 days',
                  accept_due_at = accept_due_at - interval '10 days', resolve_due_at = resolve_due_at - interval '10 days',
                  remind_at = remind_at - interval '10 days', last_step_at = last_step_at - interval '10 days',
                  next_timer_at = next_timer_at - interval '10 days' WHERE id = ${c.id}`.execute(database.db);
      await sql`UPDATE jobs SET run_at = now() - interval '1 minute' WHERE id = ${scheduled[0]!.id}`.execute(database.db);

      // server 2 on the same database: the job left by server 1 runs and the timers fire
      const deps2 = await createDeps(config, { database });
      const app2 = await buildApp(deps2);
      await app2.ready();
      expect(await deps2.jobs.tick()).toBe(true);
      const job = await database.db.selectFrom('jobs').select('status').where('id', '=', scheduled[0]!.id).executeTakeFirstOrThrow();
      expect(job.status).toBe('done');
      const fired = await database.db.selectFrom('case_events').select('kind').where('case_id', '=', c.id).where('kind', 'in', ['sla_reminded', 'overdue', 'stale_reminded']).execute();
      expect(fired.map((e) => e.kind).sort()).toEqual(['overdue', 'sla_reminded', 'stale_reminded']);
      expect(await database.db.selectFrom('notifications').select('kind').where('user_id', '=', h.id).where('kind', '=', 'case_reminder').execute()).toHaveLength(1);
      // and the next sweep is scheduled again (the timer keeps itself alive)
      const next = await database.db.selectFrom('jobs').select('id').where('queue', '=', CASE_SLA_QUEUE).where('status', '=', 'pending').execute();
      expect(next).toHaveLength(1);
      await app2.close();
      await deps2.jobs.stop();
    } finally {
      await database.close();
      await drop();
    }
  });
});
