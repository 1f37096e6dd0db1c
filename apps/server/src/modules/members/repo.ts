import { sql } from 'kysely';
import type { Db } from '../../db/connect';
import { inScope } from '../../platform/access/scope';

/** Columns the roster shows (no ciphertexts). */
export const LIST_COLUMNS = [
  'm.id', 'm.name', 'm.id_no_masked', 'm.phone_masked', 'm.gender', 'm.birth_date', 'm.org_id', 'o.name as org_name',
  'm.status', 'm.occupation', 'm.employment_form', 'm.verified', 'm.card_no', 'm.joined_at',
] as const;

export type RosterFilter = {
  prefixes: string[] | null;
  status?: string | undefined;
  occupation?: string | undefined;
  employmentForm?: string | undefined;
  joinedFrom?: string | undefined;
  joinedTo?: string | undefined;
  idNoHash?: string | undefined;
  phoneHash?: string | undefined;
  namePrefix?: string | undefined;
};

/** The roster query with every filter applied; ordered newest record first (uuidv7 = time order). */
export function rosterQuery(db: Db, f: RosterFilter) {
  let q = db.selectFrom('members as m').innerJoin('orgs as o', 'o.id', 'm.org_id').where(inScope('m.org_path', f.prefixes));
  if (f.status) q = q.where('m.status', '=', f.status);
  if (f.occupation) q = q.where('m.occupation', '=', f.occupation);
  if (f.employmentForm) q = q.where('m.employment_form', '=', f.employmentForm);
  if (f.joinedFrom) q = q.where('m.joined_at', '>=', f.joinedFrom);
  if (f.joinedTo) q = q.where('m.joined_at', '<=', f.joinedTo);
  if (f.idNoHash) q = q.where('m.id_no_hash', '=', f.idNoHash);
  if (f.phoneHash) q = q.where('m.phone_hash', '=', f.phoneHash);
  if (f.namePrefix) q = q.where(sql<boolean>`m.name LIKE ${f.namePrefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%'}`);
  return q;
}

export async function findMember(db: Db, id: string) {
  return db
    .selectFrom('members as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .selectAll('m')
    .select(['o.name as org_name', 'o.path as org_node_path'])
    .where('m.id', '=', id)
    .executeTakeFirst();
}

export async function activeMembershipOf(db: Db, idNoHash: string) {
  return db
    .selectFrom('members as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.org_id', 'm.org_path', 'o.name as org_name'])
    .where('m.id_no_hash', '=', idNoHash)
    .where('m.status', '=', 'active')
    .executeTakeFirst();
}

/** The membership file of a person: every event of every record with this 身份证号, newest first. */
export async function personHistory(db: Db, idNoHash: string) {
  return db
    .selectFrom('member_events as e')
    .innerJoin('orgs as o', 'o.id', 'e.org_id')
    .leftJoin('orgs as other', 'other.id', 'e.other_org_id')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.kind', 'e.org_id', 'o.name as org_name', 'other.name as other_org_name', 'e.from_status', 'e.to_status', 'e.note', 'u.name as actor_name', 'e.at'])
    .where('e.id_no_hash', '=', idNoHash)
    .orderBy('e.at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(200)
    .execute();
}
