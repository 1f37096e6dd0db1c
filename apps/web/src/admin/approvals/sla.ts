/**
 * SLA countdown of an application (审批时限). The server computes `dueAt` with the working-day
 * calendar (weekends + statutory holidays + make-up days); here we only phrase what is left.
 * Whole days are counted as Monday–Friday dates in China time up to the deadline — holiday
 * overrides are not known to the browser, so the exact deadline is always shown next to it.
 */
import { t } from '../../lib/i18n';

export type SlaTone = 'normal' | 'warning' | 'overdue';
export type Sla = { tone: SlaTone; text: string };

const HOUR = 3_600_000;
const CHINA_OFFSET = 8 * HOUR; // Asia/Shanghai has no daylight saving

/** Days since the epoch of the China-time calendar date of an instant. */
function chinaDay(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET) / (24 * HOUR));
}

function isWeekday(epochDay: number): boolean {
  const dow = new Date(epochDay * 24 * HOUR).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** Weekdays after today up to and including the deadline's date. */
export function weekdaysUntil(now: number, due: number): number {
  const from = chinaDay(now);
  const to = chinaDay(due - 1); // a deadline at 00:00 belongs to the day before
  let n = 0;
  for (let d = from + 1; d <= to; d++) if (isWeekday(d)) n++;
  return n;
}

export function slaOf(dueAt: string | null, overdue: boolean, now: number = Date.now()): Sla | null {
  if (!dueAt) return null;
  const due = new Date(dueAt).getTime();
  const left = due - now;
  if (overdue || left <= 0) {
    const hours = Math.max(1, Math.ceil(-left / HOUR));
    return { tone: 'overdue', text: hours < 72 ? t.admin.approvals.sla.overdueHours(hours) : t.admin.approvals.sla.overdueDays(Math.floor(hours / 24)) };
  }
  if (left < 24 * HOUR) {
    const hours = Math.ceil(left / HOUR);
    return { tone: 'warning', text: hours <= 1 ? t.admin.approvals.sla.underAnHour : t.admin.approvals.sla.hoursLeft(hours) };
  }
  return { tone: 'normal', text: t.admin.approvals.sla.workdaysLeft(Math.max(1, weekdaysUntil(now, due))) };
}
