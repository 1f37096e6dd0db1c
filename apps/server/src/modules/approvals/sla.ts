import { scheduleNextSlot, type JobQueue } from '../../platform/jobs/queue';
import type { AppDeps } from '../../platform/http/context';
import { chinaDateTime } from '../../platform/calendar/workdays';
import { notify, reviewersAt } from '../../platform/notify/inbox';
import { addApplicationEvent } from './repo';

/**
 * SLA of the approvals inbox (知工: decide within 3 working days): a reminder to the reviewers a
 * day before the deadline; once overdue, the application is escalated to the parent org's inbox
 * and its reviewers are told. A durable timer runs the sweep every few minutes; both steps are
 * idempotent (reminded_at / escalated_at), so a sweep that runs twice changes nothing.
 */

export const SLA_QUEUE = 'applications.sla_sweep';
export const SLA_SWEEP_MINUTES = 5;
export const REMIND_BEFORE_MS = 24 * 3600_000;
const BATCH = 500;

const KIND_LABEL: Record<string, string> = { join: '入会申请', transfer: '会籍转移', founding: '建会申请' };

export async function sweepApplications(deps: AppDeps, now: Date = new Date()): Promise<{ reminded: number; escalated: number }> {
  const { db } = deps.database;
  let reminded = 0;
  let escalated = 0;

  // 1. reminders, grouped per org so a busy union gets one message, not fifty
  await db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('applications as a')
      .innerJoin('orgs as o', 'o.id', 'a.org_id')
      .select(['a.id', 'a.kind', 'a.org_id', 'o.name as org_name', 'a.due_at'])
      .where('a.status', '=', 'pending')
      .where('a.reminded_at', 'is', null)
      .where('a.due_at', '>', now)
      .where('a.due_at', '<=', new Date(now.getTime() + REMIND_BEFORE_MS))
      .orderBy('a.due_at')
      .limit(BATCH)
      .forUpdate('a')
      .skipLocked()
      .execute();
    const byOrg = new Map<string, typeof due>();
    for (const a of due) byOrg.set(a.org_id, [...(byOrg.get(a.org_id) ?? []), a]);
    for (const [orgId, apps] of byOrg) {
      const first = apps[0]!;
      for (const userId of await reviewersAt(trx, orgId)) {
        await notify(trx, deps, {
          userId, kind: 'application_reminder', title: '审批即将到期',
          body: `${first.org_name}有 ${apps.length} 件申请将于 ${chinaDateTime(first.due_at!)} 前到期，请及时审批。`, link: '/admin/approvals',
          sms: { template: 'application_reminder', params: { org: first.org_name, count: String(apps.length), due: chinaDateTime(first.due_at!) } },
        });
      }
      for (const a of apps) await addApplicationEvent(trx, { applicationId: a.id, kind: 'reminded', actorId: null, orgId, at: now });
    }
    if (due.length) await trx.updateTable('applications').set({ reminded_at: now }).where('id', 'in', due.map((a) => a.id)).execute();
    reminded = due.length;
  });

  // 2. escalation to the parent org (a root org's overdue items stay with it, flagged)
  await db.transaction().execute(async (trx) => {
    const overdue = await trx
      .selectFrom('applications as a')
      .innerJoin('orgs as o', 'o.id', 'a.org_id')
      .leftJoin('orgs as p', 'p.id', 'o.parent_id')
      .select(['a.id', 'a.kind', 'a.org_id', 'a.org_path', 'o.name as org_name', 'p.id as parent_id', 'p.path as parent_path', 'p.name as parent_name'])
      .where('a.status', '=', 'pending')
      .where('a.escalated_at', 'is', null)
      .where('a.due_at', '<=', now)
      .orderBy('a.due_at')
      .limit(BATCH)
      .forUpdate('a')
      .skipLocked()
      .execute();
    for (const a of overdue) {
      const toId = a.parent_id ?? a.org_id;
      const toPath = a.parent_path ?? a.org_path;
      await trx.updateTable('applications').set({ escalated_at: now, escalated_org_id: toId, escalated_path: toPath }).where('id', '=', a.id).execute();
      await addApplicationEvent(trx, { applicationId: a.id, kind: 'escalated', actorId: null, orgId: toId, note: `已提交${a.parent_name ?? a.org_name}督办`, at: now });
    }
    const byParent = new Map<string, typeof overdue>();
    for (const a of overdue) byParent.set(a.parent_id ?? a.org_id, [...(byParent.get(a.parent_id ?? a.org_id) ?? []), a]);
    for (const [orgId, apps] of byParent) {
      for (const userId of await reviewersAt(trx, orgId)) {
        await notify(trx, deps, {
          userId, kind: 'application_escalated', title: '下级工会审批超时',
          body: `${apps.map((a) => `${a.org_name}的${KIND_LABEL[a.kind] ?? '申请'}`).slice(0, 3).join('、')}${apps.length > 3 ? ` 等 ${apps.length} 件` : ''}已超过审批时限，请督办。`,
          link: '/admin/approvals?box=escalated',
          sms: { template: 'application_escalated', params: { org: apps[0]!.org_name } },
        });
      }
    }
    escalated = overdue.length;
  });
  return { reminded, escalated };
}

/** Durable timer: each sweep schedules the next slot (platform/jobs scheduleNextSlot). */
export function registerSlaJobs(jobs: JobQueue, deps: AppDeps): void {
  jobs.register(SLA_QUEUE, async () => {
    await sweepApplications(deps);
    await scheduleSlaSweep(deps);
  });
}

export async function scheduleSlaSweep(deps: AppDeps): Promise<void> {
  await scheduleNextSlot(deps.jobs, deps.database.db, SLA_QUEUE, SLA_SWEEP_MINUTES * 60_000);
}
