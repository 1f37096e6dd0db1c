import { sql, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/connect';
import type { EnterprisesTable } from '../../db/schema';
import { escapeLike, inScope } from '../../platform/access/scope';

export type EnterpriseRow = Selectable<EnterprisesTable>;
export type EnterpriseListRow = EnterpriseRow & { area_name: string; union_name: string | null };

function withNames(db: Db) {
  return db
    .selectFrom('enterprises as e')
    .innerJoin('orgs as a', 'a.id', 'e.area_org_id')
    .leftJoin('orgs as u', 'u.id', 'e.union_org_id')
    .selectAll('e')
    .select(['a.name as area_name', 'u.name as union_name']);
}

export type ListFilters = { hasUnion?: boolean | undefined; mustUnionise?: boolean | undefined; name?: string | undefined; uscc?: string | undefined };

/** Keyset page (name, id) of the register inside the scope prefixes. */
export async function list(db: Db, prefixes: string[] | null, f: ListFilters, after: [string, string] | null, limit: number): Promise<EnterpriseListRow[]> {
  let q = withNames(db).where(inScope('e.area_path', prefixes));
  if (f.hasUnion !== undefined) q = q.where('e.union_org_id', f.hasUnion ? 'is not' : 'is', null);
  if (f.mustUnionise !== undefined) q = q.where('e.must_unionise', '=', f.mustUnionise);
  if (f.uscc) q = q.where('e.uscc', '=', f.uscc);
  else if (f.name) q = q.where('e.name', 'ilike', `%${escapeLike(f.name)}%`);
  if (after) q = q.where(sql<boolean>`(e.name, e.id) > (${after[0]}, ${after[1]}::uuid)`);
  return q.orderBy('e.name').orderBy('e.id').limit(limit + 1).execute();
}

export async function findById(db: Db, id: string): Promise<EnterpriseListRow | undefined> {
  return withNames(db).where('e.id', '=', id).executeTakeFirst();
}

/** The row, locked for the rest of the transaction (counter changes depend on its old values). */
export async function lockById(trx: Db, id: string): Promise<EnterpriseRow | undefined> {
  return trx.selectFrom('enterprises').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findByUscc(db: Db, uscc: string): Promise<EnterpriseRow | undefined> {
  return db.selectFrom('enterprises').selectAll().where('uscc', '=', uscc).executeTakeFirst();
}

export async function findByUnionOrg(db: Db, orgId: string): Promise<EnterpriseRow | undefined> {
  return db.selectFrom('enterprises').selectAll().where('union_org_id', '=', orgId).executeTakeFirst();
}

export async function findOrg(db: Db, id: string) {
  return db.selectFrom('orgs').select(['id', 'name', 'kind', 'path', 'uscc']).where('id', '=', id).executeTakeFirst();
}

export async function findEnterpriseOrgByUscc(db: Db, uscc: string) {
  return db.selectFrom('orgs').select(['id', 'name', 'kind', 'path']).where('uscc', '=', uscc).where('kind', '=', 'enterprise').executeTakeFirst();
}

export async function insert(trx: Db, row: Omit<EnterpriseRow, 'created_at' | 'updated_at'>): Promise<void> {
  await trx.insertInto('enterprises').values(row).execute();
}

export async function update(trx: Db, id: string, set: Updateable<EnterprisesTable>): Promise<void> {
  await trx.updateTable('enterprises').set({ ...set, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function remove(trx: Db, id: string): Promise<void> {
  await trx.deleteFrom('enterprises').where('id', '=', id).execute();
}

/** Register entries in a subtree (index range scan on area_path). */
export async function countInSubtree(db: Db, path: string): Promise<number> {
  const r = await db
    .selectFrom('enterprises')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('area_path', 'like', `${escapeLike(path)}%`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function counters(db: Db, orgId: string) {
  return db.selectFrom('org_counters').select(['ent_required_total', 'ent_unionised_total']).where('org_id', '=', orgId).executeTakeFirst();
}
