import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/connect';

/**
 * Shared primitives of the applications inbox (入会 / 转会 / 建会). Each kind's module owns its
 * rules; this file only writes the rows every kind has: the application and its timeline.
 */

export async function addApplicationEvent(
  trx: Db,
  e: { applicationId: string; kind: string; actorId: string | null; orgId?: string | null; note?: string | null; at?: Date },
): Promise<void> {
  await trx
    .insertInto('application_events')
    .values({ id: uuidv7(), application_id: e.applicationId, kind: e.kind, actor_id: e.actorId, org_id: e.orgId ?? null, note: e.note ?? null, ...(e.at ? { at: e.at } : {}) })
    .execute();
}

/** Lock a pending application for a decision, so two reviewers cannot both decide it. */
export async function lockPending(trx: Db, id: string) {
  return trx.selectFrom('applications').selectAll().where('id', '=', id).where('status', '=', 'pending').forUpdate().executeTakeFirst();
}

/** Applications with the names of the orgs they involve: the one shape the inbox and the applicant read. */
export function applicationQuery(db: Db) {
  return db
    .selectFrom('applications as a')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .innerJoin('orgs as t', 't.id', 'a.target_org_id')
    .leftJoin('orgs as s', 's.id', 'a.source_org_id')
    .selectAll('a')
    .select(['o.name as org_name', 't.name as target_org_name', 't.path as target_org_path', 's.name as source_org_name', 's.path as source_org_path']);
}

export async function findApplication(db: Db, id: string) {
  return applicationQuery(db).where('a.id', '=', id).executeTakeFirst();
}

export type ApplicationRow = NonNullable<Awaited<ReturnType<typeof findApplication>>>;

export async function applicationEvents(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('application_events as e')
    .leftJoin('orgs as o', 'o.id', 'e.org_id')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.application_id', 'e.kind', 'o.name as org_name', 'u.name as actor_name', 'e.note', 'e.at'])
    .where('e.application_id', 'in', ids)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}
