import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/connect';
import type { CaseStatusCol } from '../../db/schema';

/** The columns of a case list row, with the names the list shows (one query, no N+1). */
export function caseListQuery(db: Db) {
  return db
    .selectFrom('cases as c')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .innerJoin('orgs as oo', 'oo.id', 'c.origin_org_id')
    .leftJoin('users as u', 'u.id', 'c.assignee_id')
    .leftJoin('case_teams as t', 't.id', 'c.team_id')
    .leftJoin('case_categories as cc', 'cc.id', 'c.category_id')
    .select([
      'c.id', 'c.case_no', 'c.type', 'c.title', 'c.status', 'c.channel', 'c.org_id', 'c.org_path', 'c.origin_path',
      'c.assignee_id', 'c.submitter_user_id', 'c.filed_by', 'c.anonymous', 'c.contact_name_masked', 'c.created_at',
      'c.accept_due_at', 'c.resolve_due_at', 'c.overdue_at', 'c.supervised_at', 'c.supervise_due_at', 'c.rating',
      'c.likes', 'c.parent_id', 'c.team_id',
      'o.name as org_name', 'oo.name as origin_org_name', 'u.name as assignee_name', 't.name as team_name', 'cc.name as category_name',
    ]);
}
export type CaseListRow = Awaited<ReturnType<ReturnType<typeof caseListQuery>['execute']>>[number];

export async function findCaseForUpdate(trx: Db, id: string) {
  return trx.selectFrom('cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCaseForUpdate>>>;

export async function findCase(db: Db, id: string) {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export type NewEvent = {
  caseId: string;
  kind: string;
  actorId: string | null;
  actorLabel: string | null;
  fromStatus?: string | null;
  toStatus?: string | null;
  note?: string | null;
  internal?: boolean;
  data?: Record<string, unknown> | null;
  at?: Date;
};

export async function addEvent(trx: Db, e: NewEvent): Promise<string> {
  return (await addEvents(trx, [e]))[0]!;
}

/** Several events of one step in one INSERT; ids in order. */
export async function addEvents(trx: Db, events: NewEvent[]): Promise<string[]> {
  const rows = events.map((e) => ({
    id: uuidv7(),
    case_id: e.caseId,
    kind: e.kind,
    actor_id: e.actorId,
    actor_label: e.actorLabel,
    from_status: e.fromStatus ?? null,
    to_status: e.toStatus ?? null,
    note: e.note ?? null,
    internal: e.internal ?? false,
    data: e.data ? JSON.stringify(e.data) : null,
    at: e.at ?? new Date(),
  }));
  await trx.insertInto('case_events').values(rows).execute();
  return rows.map((r) => r.id);
}

export async function caseEvents(db: Db, caseId: string) {
  return db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('at').orderBy('id').execute();
}

export async function caseAttachments(db: Db, caseId: string) {
  return db.selectFrom('case_attachments').select(['id', 'name', 'mime', 'size', 'event_id']).where('case_id', '=', caseId).orderBy('created_at').execute();
}

/** Attach the uploader's own unattached files; returns how many were attached. */
export async function attachFiles(trx: Db, ids: string[], caseId: string, eventId: string | null, uploaderId: string): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await trx
    .updateTable('case_attachments')
    .set({ case_id: caseId, event_id: eventId })
    .where('id', 'in', ids)
    .where('uploaded_by', '=', uploaderId)
    .where('case_id', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Open cases per assignee (the load shown when assigning). */
export async function openLoad(db: Db, userIds: string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('cases')
    .select(['assignee_id', sql<number>`count(*)::int`.as('n')])
    .where('assignee_id', 'in', userIds)
    .where('status', 'in', ['assigned', 'in_progress'] satisfies CaseStatusCol[])
    .groupBy('assignee_id')
    .execute();
  return new Map(rows.map((r) => [r.assignee_id!, r.n]));
}

/** Users who can take cases at an org: its teams' members and the cadres/partners posted there. */
export async function handlersAt(db: Db, orgId: string, roles: readonly string[]) {
  const team = await db
    .selectFrom('case_team_members as tm')
    .innerJoin('case_teams as t', 't.id', 'tm.team_id')
    .innerJoin('users as u', 'u.id', 'tm.user_id')
    .select(['u.id as user_id', 'u.name', 't.id as team_id', 't.name as team_name', 'tm.on_duty'])
    .where('t.org_id', '=', orgId)
    .execute();
  const posted = await db
    .selectFrom('role_assignments as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.id as user_id', 'u.name', 'r.role'])
    .where('r.org_id', '=', orgId)
    .where('r.role', 'in', [...roles])
    .execute();
  return { team, posted };
}
