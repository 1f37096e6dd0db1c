import { FOUNDING_PARENT_KINDS } from '@gonghui/contracts';
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/connect';
import type { ApplicationsTable } from '../../db/schema';
import { escapeLike, inScope } from '../../platform/access/scope';

export type ApplicationRow = Selectable<ApplicationsTable>;

export async function findFounding(db: Db, id: string): Promise<ApplicationRow | undefined> {
  return db.selectFrom('applications').selectAll().where('id', '=', id).where('kind', '=', 'founding').executeTakeFirst();
}

/** The application, locked: decisions on one application run one at a time. */
export async function lockFounding(trx: Db, id: string): Promise<ApplicationRow | undefined> {
  return trx.selectFrom('applications').selectAll().where('id', '=', id).where('kind', '=', 'founding').forUpdate().executeTakeFirst();
}

/** Unions one may apply under, by a part of the name (trigram index), shortest names first. */
export async function searchParents(db: Db, q: string, limit: number) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'kind', 'path'])
    .where('name', 'ilike', `%${escapeLike(q)}%`)
    .where('kind', 'in', [...FOUNDING_PARENT_KINDS])
    .orderBy(sql`length(name)`)
    .orderBy('path')
    .limit(limit)
    .execute();
}

export async function findOrg(db: Db, id: string) {
  return db.selectFrom('orgs').select(['id', 'name', 'kind', 'path', 'depth', 'region_code', 'uscc', 'committees', 'founded_on']).where('id', '=', id).executeTakeFirst();
}

export async function findOrgs(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('orgs').select(['id', 'name', 'path', 'committees', 'founded_on']).where('id', 'in', [...new Set(ids)]).execute();
}

export async function findOrgByUscc(db: Db, uscc: string) {
  return db.selectFrom('orgs').select(['id', 'name']).where('uscc', '=', uscc).executeTakeFirst();
}

/** An open founding application (pending or returned for changes) for this USCC. */
export async function openByUscc(db: Db, uscc: string, exceptId: string | null) {
  let q = db
    .selectFrom('applications')
    .select(['id', 'applicant_user_id'])
    .where('kind', '=', 'founding')
    .where('status', 'in', ['pending', 'returned'])
    .where(sql<string>`data->>'uscc'`, '=', uscc);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

export async function insertApplication(trx: Db, row: Insertable<ApplicationsTable>) {
  await trx.insertInto('applications').values(row).execute();
}

export async function updateApplication(trx: Db, id: string, set: Updateable<ApplicationsTable>) {
  await trx.updateTable('applications').set({ ...set, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function listMine(db: Db, userId: string, limit: number) {
  return db
    .selectFrom('applications')
    .selectAll()
    .where('applicant_user_id', '=', userId)
    .where('kind', '=', 'founding')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export type Box = 'pending' | 'congress' | 'done' | 'closed' | 'all';

/** Console list inside the scope, newest first (keyset on created_at, id). */
export async function listScoped(db: Db, prefixes: string[] | null, box: Box, after: [string, string] | null, limit: number) {
  let q = db
    .selectFrom('applications as a')
    .innerJoin('orgs as p', 'p.id', 'a.org_id')
    .selectAll('a')
    .select('p.name as parent_name')
    .where('a.kind', '=', 'founding')
    .where(inScope('a.org_path', prefixes));
  if (box === 'pending') q = q.where('a.status', 'in', ['pending', 'returned']);
  else if (box === 'congress') q = q.where('a.status', '=', 'approved').where('a.stage', '=', 'congress');
  else if (box === 'done') q = q.where('a.status', '=', 'approved').where('a.stage', '=', 'done');
  else if (box === 'closed') q = q.where('a.status', 'in', ['rejected', 'withdrawn']);
  if (after) q = q.where(sql<boolean>`(a.created_at, a.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)`);
  return q.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').limit(limit + 1).execute();
}

export async function userName(db: Db, id: string | null): Promise<string | null> {
  if (!id) return null;
  return (await db.selectFrom('users').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null;
}
