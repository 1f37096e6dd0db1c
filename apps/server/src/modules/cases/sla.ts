import type { CaseStatus } from '@gonghui/contracts';
import { addWorkdaysWith, addWorkingMsWith, workingMsBetweenWith, type Overrides } from '../../platform/calendar/workdays';

/**
 * SLA timers of a case. None is stored as a separate row: each is a pure function of the case's
 * columns, and the earliest pending one is kept in `next_timer_at` (partial index). The sweep
 * takes the due rows by that index, fires what is due, and recomputes the column — so a timer
 * survives restarts, and a change to the case (a step, a new deadline) moves its timers with it.
 *
 * - remind: 80% of the stage's working time has passed (受理/办结时限) — the handler is reminded
 * - overdue: the stage deadline passed — escalated to the supervisors (超期督办)
 * - stale: no step for more than 3 days (小诉求: 超3日状态未改变) — the handler is reminded, again every 3 days
 * - supervise_overdue: the 督办 deadline passed
 * - auto_close: resolved 7 days ago and not rated — closed by the system
 */
export const STALE_MS = 3 * 86_400_000;
export const AUTO_CLOSE_MS = 7 * 86_400_000;
export const REMIND_SHARE = 0.8;

export type TimerKind = 'remind' | 'overdue' | 'stale' | 'supervise_overdue' | 'auto_close';

export type TimerState = {
  status: CaseStatus;
  parent_id: string | null;
  accept_due_at: Date | null;
  resolve_due_at: Date | null;
  remind_at: Date | null;
  reminded_at: Date | null;
  overdue_at: Date | null;
  last_step_at: Date;
  stale_reminded_at: Date | null;
  supervised_at: Date | null;
  supervise_due_at: Date | null;
  supervise_overdue_at: Date | null;
  resolved_at: Date | null;
};

const OPEN = new Set<CaseStatus>(['submitted', 'accepted', 'assigned', 'in_progress']);

/** The deadline of the stage the case is in: 受理 while submitted, 办结 afterwards. */
export function stageDueAt(c: Pick<TimerState, 'status' | 'accept_due_at' | 'resolve_due_at'>): Date | null {
  if (c.status === 'submitted') return c.accept_due_at;
  if (OPEN.has(c.status)) return c.resolve_due_at;
  return null;
}

/** Every pending timer of the case with the instant it fires. */
export function pendingTimers(c: TimerState): { kind: TimerKind; at: Date }[] {
  const out: { kind: TimerKind; at: Date }[] = [];
  if (OPEN.has(c.status) && !c.parent_id) {
    const due = stageDueAt(c);
    if (due && c.remind_at && !c.reminded_at && !c.overdue_at) out.push({ kind: 'remind', at: c.remind_at });
    if (due && !c.overdue_at) out.push({ kind: 'overdue', at: due });
    const since = c.stale_reminded_at && c.stale_reminded_at > c.last_step_at ? c.stale_reminded_at : c.last_step_at;
    out.push({ kind: 'stale', at: new Date(since.getTime() + STALE_MS) });
    if (c.supervised_at && c.supervise_due_at && !c.supervise_overdue_at) out.push({ kind: 'supervise_overdue', at: c.supervise_due_at });
  }
  if (c.status === 'resolved' && c.resolved_at) out.push({ kind: 'auto_close', at: new Date(c.resolved_at.getTime() + AUTO_CLOSE_MS) });
  return out;
}

export function nextTimerAt(c: TimerState): Date | null {
  let min: Date | null = null;
  for (const t of pendingTimers(c)) if (!min || t.at < min) min = t.at;
  return min;
}

export function dueTimers(c: TimerState, now: Date): TimerKind[] {
  return pendingTimers(c).filter((t) => t.at <= now).map((t) => t.kind);
}

/** A new stage: its deadline and the 80% reminder point, both in working time. */
export function stageTimes(start: Date, workdays: number, overrides: Overrides): { due: Date; remindAt: Date } {
  const due = addWorkdaysWith(start, workdays, overrides);
  const remindAt = addWorkingMsWith(start, REMIND_SHARE * workingMsBetweenWith(start, due, overrides), overrides);
  return { due, remindAt };
}
