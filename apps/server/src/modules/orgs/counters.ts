import { sql } from 'kysely';
import type { Db } from '../../db/connect';

/**
 * Subtree counters (DOMAIN §2): each org row carries members_total / orgs_total for its whole
 * subtree, so "members under this node" is one primary-key read at any level. Changes adjust the
 * node and its ancestors (≤ 10 rows) in the same transaction as the change itself.
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

/**
 * Add `delta` to one subtree column on every node of the path and to one own-node column on the
 * last node. Ancestors are locked root-first (ascending no) so concurrent changes under shared
 * ancestors cannot deadlock.
 */
async function bumpAlongPath(
  trx: Db,
  nos: number[],
  subtreeColumn: 'members_total' | 'orgs_total',
  nodeColumn: 'members_direct' | 'children',
  delta: number,
): Promise<void> {
  const nodeNo = nos[nos.length - 1]!;
  await sql`
    WITH locked AS (
      SELECT c.org_id, o.no FROM org_counters c JOIN orgs o ON o.id = c.org_id
       WHERE o.no = ANY(${nos}::bigint[]) ORDER BY o.no FOR UPDATE OF c
    )
    UPDATE org_counters c
       SET ${sql.ref(subtreeColumn)} = ${sql.ref(`c.${subtreeColumn}`)} + ${delta},
           ${sql.ref(nodeColumn)} = ${sql.ref(`c.${nodeColumn}`)} + CASE WHEN l.no = ${nodeNo} THEN ${delta} ELSE 0 END
      FROM locked l
     WHERE l.org_id = c.org_id`.execute(trx);
}

/** Add `delta` members at `orgPath` (direct at the last node, total along the path). */
export async function adjustMemberCounters(trx: Db, orgPath: string, delta: number): Promise<void> {
  if (delta !== 0) await bumpAlongPath(trx, pathNumbers(orgPath), 'members_total', 'members_direct', delta);
}

/** A new org under `parentPath`: ancestors gain one org in their subtree, the parent a child. */
export async function addOrgToCounters(trx: Db, orgId: string, parentPath: string | null): Promise<void> {
  await trx.insertInto('org_counters').values({ org_id: orgId, members_direct: 0, members_total: 0, orgs_total: 1, children: 0 }).execute();
  if (parentPath) await bumpAlongPath(trx, pathNumbers(parentPath), 'orgs_total', 'children', 1);
}

/**
 * Recompute every counter from the records (after a bulk load, or to repair drift).
 * Set-based: each org/member row is exploded into its ancestors once, then grouped.
 */
export async function rebuildOrgCounters(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`DELETE FROM org_counters`.execute(trx);
    await sql`
      WITH direct AS (
        SELECT org_id, count(*)::int AS n FROM members WHERE status = 'active' GROUP BY org_id
      ),
      per_org AS (
        SELECT o.id, o.path, COALESCE(d.n, 0) AS direct FROM orgs o LEFT JOIN direct d ON d.org_id = o.id
      ),
      exploded AS (
        SELECT a.no::bigint AS anc_no, p.direct
          FROM per_org p, unnest(string_to_array(trim(both '/' from p.path), '/')) AS a(no)
      ),
      totals AS (
        SELECT anc_no, sum(direct)::int AS members_total, count(*)::int AS orgs_total FROM exploded GROUP BY anc_no
      ),
      kids AS (
        SELECT parent_id, count(*)::int AS n FROM orgs WHERE parent_id IS NOT NULL GROUP BY parent_id
      )
      INSERT INTO org_counters (org_id, members_direct, members_total, orgs_total, children)
      SELECT p.id, p.direct, t.members_total, t.orgs_total, COALESCE(k.n, 0)
        FROM per_org p
        JOIN orgs o ON o.id = p.id
        JOIN totals t ON t.anc_no = o.no
        LEFT JOIN kids k ON k.parent_id = p.id`.execute(trx);
  });
}
