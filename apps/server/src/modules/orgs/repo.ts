import { sql } from 'kysely';
import type { Db } from '../../db/connect';
import { escapeLike, inScope } from '../../platform/access/scope';
import { pathNumbers } from './counters';

const summaryColumns = [
  'orgs.id',
  'orgs.parent_id',
  'orgs.name',
  'orgs.kind',
  'orgs.depth',
  'orgs.path',
  'c.children',
  'c.members_total',
] as const;

export type OrgSummaryRow = {
  id: string;
  parent_id: string | null;
  name: string;
  kind: string;
  depth: number;
  path: string;
  children: number;
  members_total: number;
};

export async function findOrgById(db: Db, id: string) {
  return db
    .selectFrom('orgs')
    .innerJoin('org_counters as c', 'c.org_id', 'orgs.id')
    .selectAll('orgs')
    .select(['c.members_direct', 'c.members_total', 'c.orgs_total', 'c.children'])
    .where('orgs.id', '=', id)
    .executeTakeFirst();
}

export async function findOrgsByIds(db: Db, ids: string[]): Promise<OrgSummaryRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('orgs').innerJoin('org_counters as c', 'c.org_id', 'orgs.id').select(summaryColumns).where('orgs.id', 'in', ids).orderBy('orgs.path').execute();
}

/** Ancestors of a node (root first), from its path: one indexed lookup by number. */
export async function ancestorsOf(db: Db, path: string) {
  const nos = pathNumbers(path).slice(0, -1);
  if (nos.length === 0) return [];
  return db.selectFrom('orgs').select(['id', 'name', 'kind', 'no']).where('no', 'in', nos).orderBy('depth').execute();
}

/** Names for many path numbers at once (search hits' breadcrumbs). */
export async function namesByNo(db: Db, nos: number[]): Promise<Map<number, string>> {
  if (nos.length === 0) return new Map();
  const rows = await db.selectFrom('orgs').select(['no', 'name']).where('no', 'in', [...new Set(nos)]).execute();
  return new Map(rows.map((r) => [Number(r.no), r.name]));
}

/** Keyset page of children ordered by name, id. */
export async function listChildren(db: Db, parentId: string, after: [string, string] | null, limit: number): Promise<OrgSummaryRow[]> {
  let q = db.selectFrom('orgs').innerJoin('org_counters as c', 'c.org_id', 'orgs.id').select(summaryColumns).where('orgs.parent_id', '=', parentId);
  if (after) q = q.where(sql<boolean>`(orgs.name, orgs.id) > (${after[0]}, ${after[1]}::uuid)`);
  return q.orderBy('orgs.name').orderBy('orgs.id').limit(limit + 1).execute();
}

/** Name search inside the scope: substring match (trigram index), shortest names first. */
export async function searchByName(db: Db, q: string, prefixes: string[] | null, limit: number): Promise<OrgSummaryRow[]> {
  const pattern = `%${escapeLike(q)}%`;
  return db
    .selectFrom('orgs')
    .innerJoin('org_counters as c', 'c.org_id', 'orgs.id')
    .select(summaryColumns)
    .where('orgs.name', 'ilike', pattern)
    .where(inScope('orgs.path', prefixes))
    .orderBy(sql`length(orgs.name)`)
    .orderBy('orgs.path')
    .limit(limit)
    .execute();
}

export async function nextOrgNo(trx: Db): Promise<number> {
  const r = await sql<{ no: number }>`SELECT nextval(pg_get_serial_sequence('orgs', 'no'))::int8 AS no`.execute(trx);
  return Number(r.rows[0]!.no);
}

export async function insertOrg(
  trx: Db,
  o: { id: string; no: number; parentId: string | null; path: string; depth: number; kind: string; name: string; regionCode: string | null; uscc: string | null; address: string | null; industryLine: string | null; industryOrgId: string | null },
) {
  await sql`
    INSERT INTO orgs (id, no, parent_id, path, depth, kind, name, region_code, uscc, address, industry_line, industry_org_id)
    OVERRIDING SYSTEM VALUE
    VALUES (${o.id}, ${o.no}, ${o.parentId}, ${o.path}, ${o.depth}, ${o.kind}, ${o.name}, ${o.regionCode}, ${o.uscc}, ${o.address}, ${o.industryLine}, ${o.industryOrgId})`.execute(trx);
}
