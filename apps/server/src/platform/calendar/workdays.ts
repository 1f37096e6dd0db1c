import type { Db } from '../../db/connect';

/**
 * Working-day calendar (工作日): Monday–Friday are workdays unless calendar_days says otherwise —
 * statutory holidays are listed with is_workday=false, make-up Saturdays/Sundays (调休上班) with
 * is_workday=true. Deadlines are counted in Asia/Shanghai days: a deadline of N working days from
 * a moment is the end (24:00 China time) of the N-th working day after that moment's day.
 */

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** YYYY-MM-DD of the China-time day containing `at`. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** "11-23 24:00"-style label of an instant in China time (messages and SMS). */
export function chinaDateTime(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(5, 16).replace('T', ' ');
}

/** End of a China-time day as an instant (next day 00:00 +08:00). */
export function endOfChinaDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS - SHANGHAI_OFFSET_MS);
}

export type Overrides = Map<string, boolean>;

export function isWorkday(day: string, overrides: Overrides): boolean {
  const o = overrides.get(day);
  if (o !== undefined) return o;
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** Pure form: the deadline `workdays` working days after `from`, given the overrides. */
export function addWorkdaysWith(from: Date, workdays: number, overrides: Overrides): Date {
  let day = chinaDay(from);
  let left = workdays;
  // a long holiday (春节 7–9 days) never needs more than a few weeks of look-ahead
  for (let guard = 0; left > 0 && guard < 400; guard++) {
    day = nextDay(day);
    if (isWorkday(day, overrides)) left--;
  }
  return endOfChinaDay(day);
}

/** Working days strictly between two instants' days (for "还剩 N 个工作日" and reports). */
export function workdaysBetweenWith(from: Date, to: Date, overrides: Overrides): number {
  let day = chinaDay(from);
  const end = chinaDay(to);
  let n = 0;
  for (let guard = 0; day < end && guard < 4000; guard++) {
    day = nextDay(day);
    if (isWorkday(day, overrides)) n++;
  }
  return n;
}

/** Overrides from the database for the window that can matter (from `from`, one year ahead). */
export async function loadOverrides(db: Db, from: Date, days = 370): Promise<Overrides> {
  const start = chinaDay(from);
  const end = new Date(Date.parse(`${start}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
  const rows = await db.selectFrom('calendar_days').select(['day', 'is_workday']).where('day', '>=', start).where('day', '<=', end).execute();
  return new Map(rows.map((r) => [String(r.day), r.is_workday]));
}

/** The deadline `workdays` working days after `from` (e.g. 入会审批 3 个工作日). */
export async function addWorkdays(db: Db, from: Date, workdays: number): Promise<Date> {
  return addWorkdaysWith(from, workdays, await loadOverrides(db, from));
}

/**
 * Working time between two instants: only the hours of working days count (each working day is
 * 24 h; weekends and holidays are skipped). Used for "80% of the deadline", so a reminder never
 * lands in the middle of a long holiday.
 */
export function workingMsBetweenWith(from: Date, to: Date, overrides: Overrides): number {
  if (to <= from) return 0;
  let total = 0;
  let day = chinaDay(from);
  for (let guard = 0; guard < 4000; guard++) {
    const dayStart = endOfChinaDay(day).getTime() - DAY_MS;
    const dayEnd = dayStart + DAY_MS;
    if (dayStart >= to.getTime()) break;
    if (isWorkday(day, overrides)) total += Math.min(dayEnd, to.getTime()) - Math.max(dayStart, from.getTime());
    day = nextDay(day);
  }
  return total;
}

/** The instant `ms` of working time after `from` (the inverse of workingMsBetweenWith). */
export function addWorkingMsWith(from: Date, ms: number, overrides: Overrides): Date {
  let left = ms;
  let day = chinaDay(from);
  let cursor = from.getTime();
  for (let guard = 0; guard < 4000; guard++) {
    const dayEnd = endOfChinaDay(day).getTime();
    if (isWorkday(day, overrides)) {
      const available = dayEnd - cursor;
      if (left <= available) return new Date(cursor + left);
      left -= available;
    }
    cursor = dayEnd;
    day = nextDay(day);
  }
  return new Date(cursor);
}

// The calendar changes a few times a year, deadlines are computed on every submission: keep the
// overrides for a minute (edits through /api/calendar clear it at once in this process).
let cached: { loadedAt: number; day: string; overrides: Overrides } | null = null;
const CACHE_MS = 60_000;

export async function cachedOverrides(db: Db, now: Date): Promise<Overrides> {
  const day = chinaDay(now);
  if (cached && cached.day === day && Date.now() - cached.loadedAt < CACHE_MS) return cached.overrides;
  const overrides = await loadOverrides(db, new Date(now.getTime() - DAY_MS));
  cached = { loadedAt: Date.now(), day, overrides };
  return overrides;
}

export function forgetCachedOverrides(): void {
  cached = null;
}
