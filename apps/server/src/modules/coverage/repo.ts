import { sql } from 'kysely';
import type { Db } from '../../db/connect';

const counterColumns = [
  'c.members_direct',
  'c.members_total',
  'c.orgs_total',
  'c.children',
  'c.verified_total',
  'c.employees_total',
  'c.ent_required_total',
  'c.ent_unionised_total',
] as const;

export async function findOrgWithCounters(db: Db, id: string) {
  return db
    .selectFrom('orgs')
    .innerJoin('org_counters as c', 'c.org_id', 'orgs.id')
    .select(['orgs.id', 'orgs.name', 'orgs.kind', 'orgs.path', 'orgs.employees', ...counterColumns])
    .where('orgs.id', '=', id)
    .executeTakeFirst();
}

/** The largest children by members (a street has a few hundred children at most). */
export async function topChildren(db: Db, parentId: string, limit: number) {
  return db
    .selectFrom('orgs')
    .innerJoin('org_counters as c', 'c.org_id', 'orgs.id')
    .select(['orgs.id', 'orgs.name', 'orgs.kind', ...counterColumns])
    .where('orgs.parent_id', '=', parentId)
    .orderBy('c.members_total', 'desc')
    .orderBy('orgs.name')
    .limit(limit)
    .execute();
}

/** Daily joins/leaves of one node (its row already sums the whole subtree) between two days. */
export async function dailyRows(db: Db, orgId: string, fromDay: string, toDay: string) {
  return db
    .selectFrom('org_daily')
    .select(['day', 'joined', 'left_count'])
    .where('org_id', '=', orgId)
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .orderBy('day')
    .execute();
}

/** Net joins after `day` (future-dated rows included), to walk the member total backwards. */
export async function netAfter(db: Db, orgId: string, day: string): Promise<number> {
  const r = await sql<{ n: number | null }>`
    SELECT sum(joined - left_count)::int AS n FROM org_daily WHERE org_id = ${orgId} AND day > ${day}::date`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Lock the org row and return its headcount (serialises concurrent headcount changes). */
export async function lockEmployees(trx: Db, orgId: string) {
  return trx.selectFrom('orgs').select(['id', 'path', 'employees']).where('id', '=', orgId).forUpdate().executeTakeFirst();
}

export async function updateEmployees(trx: Db, orgId: string, employees: number) {
  await trx.updateTable('orgs').set({ employees, updated_at: new Date() }).where('id', '=', orgId).execute();
}
