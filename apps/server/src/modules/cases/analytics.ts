import { OPEN_CASE_STATUSES, type CaseStats, type CaseStatus, type CaseType } from '@gonghui/contracts';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/connect';
import type { Actor } from '../../platform/access/actor';
import { can, scopePrefixes } from '../../platform/access/permissions';
import { inScope } from '../../platform/access/scope';
import type { AppDeps } from '../../platform/http/context';
import { errors } from '../../platform/http/errors';
import { shanghaiToday } from '../orgs/counters';
import { STOPWORDS } from './stopwords';

/**
 * Appeal analytics (诉求统计) of a subtree: the cases raised by workers of that subtree
 * (origin_path under the org's path), created within a period of China-time days.
 *
 * Everything but the resolved-per-day trend and the hot words comes from ONE scan of those cases,
 * grouped by GROUPING SETS; the scan is a range on the cases_origin_path index
 * (origin_path text_pattern_ops, created_at).
 */

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000; // Asia/Shanghai has no daylight saving time
/** Longest period one request may ask for: a year plus a leap day. */
export const MAX_PERIOD_DAYS = 366;
export const DEFAULT_PERIOD_DAYS = 30;
export const TOP_WORDS = 60;
/** The children comparison is a bar chart: more bars than this cannot be read. */
export const MAX_CHILDREN = 100;
export const UNCATEGORISED = '未分类';

const OPEN = OPEN_CASE_STATUSES as readonly string[];
const DONE = ['resolved', 'closed'];

export type CaseStatsQuery = { orgId?: string; from?: string; to?: string; type?: CaseType };

/** The cases a statistic counts: one subtree (by origin), a half-open period, optionally one type. */
export type CaseScope = { prefixes: string[] | null; start: Date; end: Date; type?: CaseType };

/** Who may read the statistics of an org: 督办 or 查看 rights at the node or above. */
export function canReadCaseStats(actor: Actor, orgPath: string): boolean {
  return can(actor, 'case.supervise', orgPath) || can(actor, 'case.read', orgPath);
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** 00:00 China time of a YYYY-MM-DD day, as an instant. */
export function chinaDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS);
}

function isCalendarDay(day: string): boolean {
  const t = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === day;
}

/**
 * The period [from 00:00, to 24:00) China time; defaults to the last 30 days up to today.
 * The regex in the query schema has already checked the shape; here: real dates, order, length.
 */
export function resolvePeriod(q: { from?: string; to?: string }, now = new Date()): { from: string; to: string; start: Date; end: Date } {
  if (q.from && !isCalendarDay(q.from)) throw errors.field('from', '开始日期不是有效的日期');
  if (q.to && !isCalendarDay(q.to)) throw errors.field('to', '结束日期不是有效的日期');
  const to = q.to ?? (q.from ? maxDay(q.from, shanghaiToday(now)) : shanghaiToday(now));
  const from = q.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  if (from > to) throw errors.field('from', '开始日期不能晚于结束日期');
  const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
  if (days > MAX_PERIOD_DAYS) throw errors.field('to', `统计区间不能超过 ${MAX_PERIOD_DAYS} 天`);
  return { from, to, start: chinaDayStart(from), end: chinaDayStart(addDays(to, 1)) };
}

function maxDay(a: string, b: string): string {
  return a > b ? a : b;
}

/** The rows a statistic counts (alias c = cases). */
function scopeWhere(s: CaseScope): Expression<SqlBool> {
  const parts = [
    inScope('c.origin_path', s.prefixes),
    sql<SqlBool>`c.created_at >= ${s.start.toISOString()}::timestamptz`,
    sql<SqlBool>`c.created_at < ${s.end.toISOString()}::timestamptz`,
  ];
  if (s.type) parts.push(sql<SqlBool>`c.type = ${s.type}`);
  return sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
}

function textList(values: readonly string[]) {
  return sql.join(values.map((v) => sql.lit(v)));
}

/**
 * Hot words (高频词) of the cases in scope: each case contributes each of its stored words once,
 * so the count is "in how many cases the word appears". Words stored before a stopword was added
 * are dropped here (a few spare rows are fetched for them), so the list follows the current list.
 */
export async function topWords(db: Db, s: CaseScope, limit = TOP_WORDS): Promise<{ word: string; count: number }[]> {
  const r = await sql<{ word: string; count: number }>`
    SELECT w AS word, count(*)::int AS count
    FROM cases c CROSS JOIN LATERAL unnest(c.words) AS w
    WHERE ${scopeWhere(s)}
    GROUP BY w
    ORDER BY count DESC, w
    LIMIT ${limit + 40}`.execute(db);
  return r.rows.filter((row) => !STOPWORDS.has(row.word)).slice(0, limit);
}

type AggRow = {
  g_type: number;
  g_category: number;
  g_status: number;
  g_child: number;
  g_rating: number;
  g_day: number;
  type: string | null;
  category: string | null;
  status: string | null;
  child: string | null;
  rating: number | null;
  day: string | null;
  n: number;
  open: number;
  done: number;
  withdrawn: number;
  timed: number;
  within24h: number;
  overdue: number;
  satisfaction: number | null;
};

/**
 * One scan, seven groupings: totals (), per type, category, status, direct child (the first path
 * segment below the org), rating and creation day. GROUPING(x) = 0 marks the rows grouped by x.
 * Every aggregate here is hashable, so PostgreSQL computes all seven in one pass (no sorts).
 */
async function aggregate(db: Db, s: CaseScope, orgPath: string): Promise<AggRow[]> {
  const len = orgPath.length;
  const r = await sql<AggRow>`
    WITH b AS (
      SELECT c.type, c.status, c.rating, c.overdue_at,
        coalesce(cat.name, ${UNCATEGORISED}) AS category,
        -- the child of the org on the way to the origin (the org's own path = raised at the org itself)
        substr(c.origin_path, 1, ${len}::int + strpos(substr(c.origin_path, ${len}::int + 1), '/')) AS child,
        (c.created_at AT TIME ZONE 'Asia/Shanghai')::date AS day, -- a date hashes cheaper than text
        CASE WHEN c.status IN (${textList(DONE)}) THEN c.resolved_at - c.created_at END AS took
      FROM cases c
      LEFT JOIN case_categories cat ON cat.id = c.category_id
      WHERE ${scopeWhere(s)}
    )
    SELECT
      GROUPING(type)::int AS g_type, GROUPING(category)::int AS g_category, GROUPING(status)::int AS g_status,
      GROUPING(child)::int AS g_child, GROUPING(rating)::int AS g_rating, GROUPING(day)::int AS g_day,
      type, category, status, child, rating::int AS rating, day,
      count(*)::int AS n,
      count(*) FILTER (WHERE status IN (${textList(OPEN)}))::int AS open,
      count(*) FILTER (WHERE status IN (${textList(DONE)}))::int AS done,
      count(*) FILTER (WHERE status = 'withdrawn')::int AS withdrawn,
      count(took)::int AS timed,
      count(*) FILTER (WHERE took <= interval '24 hours')::int AS within24h,
      count(*) FILTER (WHERE status IN (${textList(OPEN)}) AND overdue_at IS NOT NULL)::int AS overdue,
      avg(rating)::float8 AS satisfaction
    FROM b
    GROUP BY GROUPING SETS ((), (type), (category), (status), (child), (rating), (day))`.execute(db);
  return r.rows;
}

/** Median handling time in hours of the resolved/closed cases (an ordered-set aggregate: its own sort). */
async function medianHours(db: Db, s: CaseScope): Promise<number | null> {
  const r = await sql<{ h: number | null }>`
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.resolved_at - c.created_at))::float8 / 3600 AS h
    FROM cases c
    WHERE ${scopeWhere(s)} AND c.status IN (${textList(DONE)})`.execute(db);
  return r.rows[0]?.h ?? null;
}

/** Cases resolved on each China-time day of the period (whenever they were raised). */
async function resolvedPerDay(db: Db, s: CaseScope): Promise<{ day: string; n: number }[]> {
  const r = await sql<{ day: string; n: number }>`
    SELECT (c.resolved_at AT TIME ZONE 'Asia/Shanghai')::date AS day, count(*)::int AS n
    FROM cases c
    WHERE ${inScope('c.origin_path', s.prefixes)}
      AND c.resolved_at >= ${s.start.toISOString()}::timestamptz AND c.resolved_at < ${s.end.toISOString()}::timestamptz
      AND c.status IN (${textList(DONE)})
      ${s.type ? sql`AND c.type = ${s.type}` : sql``}
    GROUP BY 1`.execute(db);
  return r.rows;
}

/**
 * Runs a statistics query in its own transaction with settings for a large one-off scan:
 * JIT compilation alone took seconds on these plans (more than the scan itself), and the hash
 * tables of the grouping sets should stay in memory.
 */
function analyticsQuery<T>(db: Db, run: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL jit = off`.execute(trx);
    await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
    return run(trx);
  });
}

/** Share as a fraction, null when there is nothing to divide by. */
function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** The org the statistics open on when none is asked for: the highest node where the actor may read cases. */
async function defaultOrg(db: Db, actor: Actor) {
  const q = db.selectFrom('orgs').select(['id', 'name', 'path']);
  if (actor.isSuperAdmin) return q.where('parent_id', 'is', null).orderBy('path').limit(1).executeTakeFirst();
  const prefixes = [...(scopePrefixes(actor, 'case.read') ?? []), ...(scopePrefixes(actor, 'case.supervise') ?? [])];
  if (prefixes.length === 0) return undefined;
  const depth = (p: string) => p.split('/').length;
  prefixes.sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
  return q.where('path', '=', prefixes[0]!).executeTakeFirst();
}

/** GET /api/cases/stats */
export async function getCaseStats(deps: AppDeps, actor: Actor, q: CaseStatsQuery, now = new Date()): Promise<CaseStats> {
  const { db } = deps.database;
  const org = q.orgId
    ? await db.selectFrom('orgs').select(['id', 'name', 'path']).where('id', '=', q.orgId).executeTakeFirst()
    : await defaultOrg(db, actor);
  // another subtree's statistics are "not found", like its records
  if (!org || !canReadCaseStats(actor, org.path)) {
    if (!q.orgId) throw errors.forbidden('没有查看诉求统计的权限');
    throw errors.notFound('组织');
  }
  const period = resolvePeriod(q, now);
  const scope: CaseScope = { prefixes: [org.path], start: period.start, end: period.end, type: q.type };

  // separate transactions: on PostgreSQL they run side by side on pooled connections
  const [rows, median, resolved, words, children] = await Promise.all([
    analyticsQuery(db, (trx) => aggregate(trx, scope, org.path)),
    analyticsQuery(db, (trx) => medianHours(trx, scope)),
    analyticsQuery(db, (trx) => resolvedPerDay(trx, scope)),
    analyticsQuery(db, (trx) => topWords(trx, scope)),
    db.selectFrom('orgs').select(['id', 'name', 'path']).where('parent_id', '=', org.id).orderBy('path').execute(),
  ]);

  const all = rows.find((r) => r.g_type && r.g_category && r.g_status && r.g_child && r.g_rating && r.g_day);
  const total = all?.n ?? 0;
  const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count;

  const ratingCounts = new Map(rows.filter((r) => !r.g_rating && r.rating !== null).map((r) => [r.rating!, r.n]));
  const childRows = new Map(rows.filter((r) => !r.g_child && r.child).map((r) => [r.child!, r]));
  const submittedPerDay = new Map(rows.filter((r) => !r.g_day).map((r) => [r.day!, r.n]));
  const resolvedByDay = new Map(resolved.map((r) => [r.day, r.n]));

  const trend: CaseStats['trend'] = [];
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) {
    trend.push({ day, submitted: submittedPerDay.get(day) ?? 0, resolved: resolvedByDay.get(day) ?? 0 });
  }

  return {
    orgId: org.id,
    orgName: org.name,
    from: period.from,
    to: period.to,
    total,
    open: all?.open ?? 0,
    closedOrResolved: all?.done ?? 0,
    // withdrawn cases were never the union's to close
    closureRate: rate(all?.done ?? 0, total - (all?.withdrawn ?? 0)),
    within24hRate: rate(all?.within24h ?? 0, all?.timed ?? 0),
    medianHours: median,
    overdue: all?.overdue ?? 0,
    satisfaction: all?.satisfaction ?? null,
    ratings: [1, 2, 3, 4, 5].map((rating) => ({ rating, count: ratingCounts.get(rating) ?? 0 })),
    byType: rows.filter((r) => !r.g_type).map((r) => ({ type: r.type as CaseType, count: r.n })).sort(byCount),
    byCategory: rows
      .filter((r) => !r.g_category)
      .map((r) => ({ category: r.category!, count: r.n }))
      .sort((a, b) => byCount(a, b) || a.category.localeCompare(b.category, 'zh')),
    byStatus: rows.filter((r) => !r.g_status).map((r) => ({ status: r.status as CaseStatus, count: r.n })).sort(byCount),
    byChild: children
      .map((c) => {
        const r = childRows.get(c.path);
        return { orgId: c.id, orgName: c.name, count: r?.n ?? 0, closureRate: r ? rate(r.done, r.n - r.withdrawn) : null };
      })
      .sort(byCount) // stable: equal counts keep the tree order
      .slice(0, MAX_CHILDREN),
    trend,
    words,
  };
}
