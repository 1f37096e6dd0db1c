import { sql } from 'kysely';
import type { Db } from '../../db/connect';

/**
 * Subtree counters (DOMAIN §2): each org row carries members_total / orgs_total / coverage figures
 * for its whole subtree, so "members under this node" is one primary-key read at any level.
 * Changes adjust the node and its ancestors (≤ 10 rows) in the same transaction as the change.
 */

/** Org numbers of the node and all its ancestors, from its materialized path '/1/5/77/'. */
export function pathNumbers(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/** Paths of the node's ancestors, root first ('/1/5/77/' → ['/1/', '/1/5/']). */
export function ancestorPaths(path: string): string[] {
  const nos = pathNumbers(path);
  return nos.slice(0, -1).map((_, i) => `/${nos.slice(0, i + 1).join('/')}/`);
}

/** Subtree columns of org_counters (summed over the node and everything below it). */
export type SubtreeCounter =
  | 'members_total'
  | 'orgs_total'
  | 'verified_total' // 实名 members
  | 'employees_total' // 职工数
  | 'ent_required_total' // 应建 enterprises in the register
  | 'ent_unionised_total'; // … that have a union (已建)

/** Own-node columns, changed on the last node of the path only. */
export type NodeCounter = 'members_direct' | 'children';

export type CounterDelta = { path: string; subtree?: Partial<Record<SubtreeCounter, number>>; node?: Partial<Record<NodeCounter, number>> };

/**
 * Apply many deltas at once: they are folded per org number first, so a batch of 10,000 imported
 * members touches each ancestor row once. Rows are locked in ascending org number (root first), so
 * concurrent changes under shared ancestors cannot deadlock.
 */
export async function applyCounterDeltas(trx: Db, deltas: CounterDelta[]): Promise<void> {
  const folded = new Map<number, Record<string, number>>();
  const add = (no: number, column: string, n: number) => {
    if (!n) return;
    const row = folded.get(no) ?? {};
    row[column] = (row[column] ?? 0) + n;
    folded.set(no, row);
  };
  for (const d of deltas) {
    const nos = pathNumbers(d.path);
    for (const [column, n] of Object.entries(d.subtree ?? {})) for (const no of nos) add(no, column, n ?? 0);
    for (const [column, n] of Object.entries(d.node ?? {})) add(nos[nos.length - 1]!, column, n ?? 0);
  }
  if (folded.size === 0) return;
  const columns: Array<SubtreeCounter | NodeCounter> = [
    'members_total', 'orgs_total', 'verified_total', 'employees_total', 'ent_required_total', 'ent_unionised_total', 'members_direct', 'children',
  ];
  const nos = [...folded.keys()].sort((a, b) => a - b);
  const arrays = columns.map((c) => nos.map((no) => folded.get(no)![c] ?? 0));
  await sql`
    WITH d AS (
      SELECT * FROM unnest(${nos}::bigint[], ${arrays[0]}::int[], ${arrays[1]}::int[], ${arrays[2]}::int[], ${arrays[3]}::int[],
                           ${arrays[4]}::int[], ${arrays[5]}::int[], ${arrays[6]}::int[], ${arrays[7]}::int[])
        AS d(no, members_total, orgs_total, verified_total, employees_total, ent_required_total, ent_unionised_total, members_direct, children)
    ),
    locked AS (
      SELECT c.org_id, d.* FROM org_counters c JOIN orgs o ON o.id = c.org_id JOIN d ON d.no = o.no
       ORDER BY o.no FOR UPDATE OF c
    )
    UPDATE org_counters c
       SET members_total = c.members_total + l.members_total,
           orgs_total = c.orgs_total + l.orgs_total,
           verified_total = c.verified_total + l.verified_total,
           employees_total = c.employees_total + l.employees_total,
           ent_required_total = c.ent_required_total + l.ent_required_total,
           ent_unionised_total = c.ent_unionised_total + l.ent_unionised_total,
           members_direct = c.members_direct + l.members_direct,
           children = c.children + l.children
      FROM locked l
     WHERE l.org_id = c.org_id`.execute(trx);
}

/**
 * Members joining (delta > 0) or leaving (delta < 0) at `orgPath`: counters along the path, and the
 * day's joins/leaves on the node and every ancestor (the trend and 30-day new-member figures).
 */
export async function adjustMemberCounters(
  trx: Db,
  orgPath: string,
  delta: number,
  opts: { verified?: number; day?: string } = {},
): Promise<void> {
  await applyMemberChanges(trx, [{ path: orgPath, delta, verified: opts.verified ?? 0, ...(opts.day ? { day: opts.day } : {}) }]);
}

export type MemberChange = { path: string; delta: number; verified?: number; day?: string };

/** Batch form of adjustMemberCounters (imports): one counter update and one org_daily upsert. */
export async function applyMemberChanges(trx: Db, changes: MemberChange[]): Promise<void> {
  await applyCounterDeltas(
    trx,
    changes.map((c) => ({ path: c.path, subtree: { members_total: c.delta, verified_total: c.verified ?? 0 }, node: { members_direct: c.delta } })),
  );
  const daily = new Map<string, { no: number; day: string; joined: number; left: number }>();
  for (const c of changes) {
    if (!c.delta) continue;
    const day = c.day ?? shanghaiToday();
    for (const no of pathNumbers(c.path)) {
      const key = `${no}|${day}`;
      const row = daily.get(key) ?? { no, day, joined: 0, left: 0 };
      if (c.delta > 0) row.joined += c.delta;
      else row.left -= c.delta;
      daily.set(key, row);
    }
  }
  if (daily.size === 0) return;
  const rows = [...daily.values()].sort((a, b) => a.no - b.no || a.day.localeCompare(b.day));
  await sql`
    INSERT INTO org_daily (org_id, day, joined, left_count)
    SELECT o.id, d.day, d.joined, d.left_count
      FROM unnest(${rows.map((r) => r.no)}::bigint[], ${rows.map((r) => r.day)}::date[], ${rows.map((r) => r.joined)}::int[], ${rows.map((r) => r.left)}::int[])
           AS d(no, day, joined, left_count)
      JOIN orgs o ON o.no = d.no
    ON CONFLICT (org_id, day) DO UPDATE
      SET joined = org_daily.joined + EXCLUDED.joined, left_count = org_daily.left_count + EXCLUDED.left_count`.execute(trx);
}

/** Today's date in Asia/Shanghai (YYYY-MM-DD): union statistics count days in China time. */
export function shanghaiToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A new org under `parentPath`: ancestors gain one org in their subtree, the parent a child. */
export async function addOrgToCounters(trx: Db, orgId: string, parentPath: string | null): Promise<void> {
  await trx.insertInto('org_counters').values({ org_id: orgId, members_direct: 0, members_total: 0, orgs_total: 1, children: 0 }).execute();
  if (parentPath) await applyCounterDeltas(trx, [{ path: parentPath, subtree: { orgs_total: 1 }, node: { children: 1 } }]);
}

/**
 * Recompute every counter from the records (after a bulk load, or to repair drift).
 * Set-based: each org row is exploded into its ancestors once, then grouped.
 * org_daily is rebuilt from members.joined_at / ended_at.
 */
export async function rebuildOrgCounters(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`DELETE FROM org_counters`.execute(trx);
    await sql`
      WITH direct AS (
        SELECT org_id, count(*)::int AS n, count(*) FILTER (WHERE verified)::int AS v
          FROM members WHERE status = 'active' GROUP BY org_id
      ),
      ents AS (
        SELECT area_org_id AS org_id,
               count(*) FILTER (WHERE must_unionise)::int AS req,
               count(*) FILTER (WHERE must_unionise AND union_org_id IS NOT NULL)::int AS uni
          FROM enterprises GROUP BY area_org_id
      ),
      per_org AS (
        SELECT o.id, o.path, COALESCE(d.n, 0) AS direct, COALESCE(d.v, 0) AS verified, o.employees,
               COALESCE(e.req, 0) AS req, COALESCE(e.uni, 0) AS uni
          FROM orgs o LEFT JOIN direct d ON d.org_id = o.id LEFT JOIN ents e ON e.org_id = o.id
      ),
      exploded AS (
        SELECT a.no::bigint AS anc_no, p.*
          FROM per_org p, unnest(string_to_array(trim(both '/' from p.path), '/')) AS a(no)
      ),
      totals AS (
        SELECT anc_no, sum(direct)::int AS members_total, count(*)::int AS orgs_total, sum(verified)::int AS verified_total,
               sum(employees)::int AS employees_total, sum(req)::int AS req, sum(uni)::int AS uni
          FROM exploded GROUP BY anc_no
      ),
      kids AS (
        SELECT parent_id, count(*)::int AS n FROM orgs WHERE parent_id IS NOT NULL GROUP BY parent_id
      )
      INSERT INTO org_counters (org_id, members_direct, members_total, orgs_total, children, verified_total, employees_total, ent_required_total, ent_unionised_total)
      SELECT p.id, p.direct, t.members_total, t.orgs_total, COALESCE(k.n, 0), t.verified_total, t.employees_total, t.req, t.uni
        FROM per_org p
        JOIN orgs o ON o.id = p.id
        JOIN totals t ON t.anc_no = o.no
        LEFT JOIN kids k ON k.parent_id = p.id`.execute(trx);
    await sql`DELETE FROM org_daily`.execute(trx);
    await sql`
      WITH ev AS (
        SELECT org_path, joined_at AS day, 1 AS j, 0 AS l FROM members
        UNION ALL
        SELECT org_path, ended_at, 0, 1 FROM members WHERE ended_at IS NOT NULL AND status <> 'active'
      )
      INSERT INTO org_daily (org_id, day, joined, left_count)
      SELECT o.id, x.day, x.j, x.l FROM (
        SELECT a.no::bigint AS no, ev.day, sum(ev.j)::int AS j, sum(ev.l)::int AS l
          FROM ev, unnest(string_to_array(trim(both '/' from ev.org_path), '/')) AS a(no)
         GROUP BY 1, 2
      ) x JOIN orgs o ON o.no = x.no`.execute(trx);
  });
}
