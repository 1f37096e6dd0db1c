import { CASE_TYPE_LABELS, type CaseStatus, type CaseType } from '@gonghui/contracts';
import type { Db } from '../../db/connect';
import { cachedOverrides, chinaDateTime } from '../../platform/calendar/workdays';
import { scheduleNextSlot } from '../../platform/jobs/queue';
import type { AppDeps } from '../../platform/http/context';
import { notify, reviewersAt } from '../../platform/notify/inbox';
import { cachedTypeSettings } from './config-cache';
import * as repo from './repo';
import { orgHandlerIds, sampleFollowup } from './service';
import { dueTimers, nextTimerAt, stageDueAt, type TimerKind } from './sla';
import { checkTransition } from './transitions';

/**
 * The SLA sweep: takes the cases whose next timer is due (index on next_timer_at, never a scan),
 * fires each due timer once, and stores the next one. Rows are claimed FOR UPDATE SKIP LOCKED, so
 * several workers can sweep together; each firing is recorded on the row (reminded_at, overdue_at,
 * …), so a sweep that runs twice sends nothing twice.
 */
export const CASE_SLA_QUEUE = 'cases.sla_sweep';
export const CASE_SWEEP_SECONDS = 60;
const BATCH = 200;
// the embedded database has one connection: smaller transactions let requests in between batches
const EMBEDDED_BATCH = 25;

export type SweepResult = Record<TimerKind, number> & { cases: number };

export async function sweepCaseTimers(deps: AppDeps, now: Date = new Date()): Promise<SweepResult> {
  const total: SweepResult = { cases: 0, remind: 0, overdue: 0, stale: 0, supervise_overdue: 0, auto_close: 0 };
  // batches until nothing is due; each batch is its own transaction
  const batch = deps.database.kind === 'pglite' ? EMBEDDED_BATCH : BATCH;
  for (let round = 0; round < 2000; round++) {
    const n = await deps.database.db.transaction().execute((trx) => sweepBatch(trx, deps, now, total, batch));
    if (n < batch) break;
  }
  return total;
}

/** The due rows, most overdue first (exposed for the benchmark: this is the index lookup). */
export function dueCasesQuery(trx: Db, now: Date, limit = BATCH) {
  return trx.selectFrom('cases').selectAll().where('next_timer_at', '<=', now).orderBy('next_timer_at').limit(limit).forUpdate().skipLocked();
}

async function sweepBatch(trx: Db, deps: AppDeps, now: Date, total: SweepResult, batch: number): Promise<number> {
  const rows = await dueCasesQuery(trx, now, batch).execute();
  if (rows.length === 0) return 0;
  const overrides = await cachedOverrides(trx, now);
  for (const c of rows) {
    const fired = dueTimers(c, now);
    const patch: Partial<Pick<repo.CaseRow, 'reminded_at' | 'overdue_at' | 'stale_reminded_at' | 'supervise_overdue_at' | 'status' | 'closed_at'>> = {};
    const type = CASE_TYPE_LABELS[c.type as CaseType];
    for (const kind of fired) {
      total[kind]++;
      switch (kind) {
        case 'remind': {
          patch.reminded_at = now;
          const due = stageDueAt(c)!;
          for (const userId of await workers(trx, c)) {
            await notify(trx, deps, {
              userId, kind: 'case_reminder', title: '工单即将到期', body: `${type}工单 ${c.case_no} 将于 ${chinaDateTime(due)} 到期，请及时办理。`, link: `/admin/cases/${c.id}`,
              sms: { template: 'case_reminder', params: { no: c.case_no, due: chinaDateTime(due) } },
            });
          }
          await repo.addEvent(trx, { caseId: c.id, kind: 'sla_reminded', actorId: null, actorLabel: '系统', note: `已用时限的 80%，提醒承办人（${chinaDateTime(due)} 到期）`, internal: true, at: now });
          break;
        }
        case 'overdue': {
          patch.overdue_at = now;
          const org = await trx.selectFrom('orgs').select('name').where('id', '=', c.org_id).executeTakeFirstOrThrow();
          for (const userId of await supervisors(trx, c)) {
            await notify(trx, deps, {
              userId, kind: 'case_overdue', title: '工单已超期', body: `${org.name}的${type}工单 ${c.case_no} 已超过${c.status === 'submitted' ? '受理' : '办结'}时限，请督促办理。`,
              link: `/admin/cases/${c.id}`, sms: { template: 'case_overdue', params: { org: org.name, no: c.case_no } },
            });
          }
          await repo.addEvent(trx, { caseId: c.id, kind: 'overdue', actorId: null, actorLabel: '系统', note: `超过${c.status === 'submitted' ? '受理' : '办结'}时限，已提醒上级督办`, internal: true, at: now });
          break;
        }
        case 'stale': {
          patch.stale_reminded_at = now;
          for (const userId of await workers(trx, c)) {
            await notify(trx, deps, {
              userId, kind: 'case_stale', title: '工单超过 3 天未更新', body: `${type}工单 ${c.case_no} 已超过 3 天没有进展，请及时办理并更新进度。`, link: `/admin/cases/${c.id}`,
              sms: { template: 'case_stale', params: { no: c.case_no } },
            });
          }
          await repo.addEvent(trx, { caseId: c.id, kind: 'stale_reminded', actorId: null, actorLabel: '系统', note: '超过 3 天状态未变化，已提醒承办人', internal: true, at: now });
          break;
        }
        case 'supervise_overdue': {
          patch.supervise_overdue_at = now;
          const people = new Set([...(c.supervised_by ? [c.supervised_by] : []), ...(await workers(trx, c))]);
          for (const userId of people) {
            await notify(trx, deps, { userId, kind: 'case_supervise_overdue', title: '督办件已超期', body: `督办工单 ${c.case_no} 已超过督办期限仍未办结。`, link: `/admin/cases/${c.id}` });
          }
          await repo.addEvent(trx, { caseId: c.id, kind: 'supervise_overdue', actorId: null, actorLabel: '系统', note: '超过督办期限', internal: true, at: now });
          break;
        }
        case 'auto_close': {
          const check = checkTransition('auto_close', { status: c.status as CaseStatus, type: c.type as CaseType, parentId: c.parent_id, hasParentOrg: false, supervised: false, eligible: c.eligible, resolvedAt: c.resolved_at, paid: false }, new Set(['system']), 'closed', now);
          if (!check.ok) break;
          patch.status = 'closed';
          patch.closed_at = now;
          await repo.addEvent(trx, { caseId: c.id, kind: 'auto_closed', actorId: null, actorLabel: '系统', fromStatus: 'resolved', toStatus: 'closed', note: '办结后 7 天未评价，系统自动关闭', at: now });
          const settings = await cachedTypeSettings(deps.database.db, c.type);
          await sampleFollowup(trx, c, settings.followup_percent, now, overrides);
          break;
        }
      }
    }
    const next = nextTimerAt({ ...c, ...patch });
    await trx.updateTable('cases').set({ ...patch, next_timer_at: next && next <= now ? new Date(now.getTime() + 60_000) : next, updated_at: fired.includes('auto_close') ? now : c.updated_at }).where('id', '=', c.id).execute();
  }
  total.cases += rows.length;
  return rows.length;
}

/** Who works the case now: its assignee, else whoever picks up the org's (team's) unassigned cases. */
async function workers(trx: Db, c: repo.CaseRow): Promise<string[]> {
  if (c.assignee_id) return [c.assignee_id];
  return orgHandlerIds(trx, { orgId: c.org_id, teamId: c.team_id });
}

/**
 * Overdue goes to the supervisors (超期督办): the team's leaders and the org's chairs/vice chairs
 * (case.supervise there); an org without any escalates to its parent's.
 */
async function supervisors(trx: Db, c: repo.CaseRow): Promise<string[]> {
  const ids = new Set<string>();
  if (c.team_id) {
    const leaders = await trx.selectFrom('case_team_members').select('user_id').where('team_id', '=', c.team_id).where('is_leader', '=', true).execute();
    leaders.forEach((l) => ids.add(l.user_id));
  }
  (await reviewersAt(trx, c.org_id, 'case.supervise')).forEach((u) => ids.add(u));
  if (ids.size === 0) {
    const parent = await trx.selectFrom('orgs').select('parent_id').where('id', '=', c.org_id).executeTakeFirst();
    if (parent?.parent_id) (await reviewersAt(trx, parent.parent_id, 'case.supervise')).forEach((u) => ids.add(u));
  }
  ids.delete(c.assignee_id ?? '');
  return [...ids];
}

/** Durable recurring timer: each run schedules the next slot (dedupe key = the slot), so restarts lose nothing. */
export function registerCaseJobs(deps: AppDeps): void {
  deps.jobs.register(CASE_SLA_QUEUE, async () => {
    await sweepCaseTimers(deps);
    await scheduleCaseSweep(deps);
  });
}

export async function scheduleCaseSweep(deps: AppDeps, from = Date.now()): Promise<void> {
  await scheduleNextSlot(deps.jobs, deps.database.db, CASE_SLA_QUEUE, CASE_SWEEP_SECONDS * 1000, from);
}
