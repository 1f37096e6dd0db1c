import type { ApplicationDetail, ApplicationItem, ApplicationKind, ApplicationStatus } from '@gonghui/contracts';
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor';
import { can, scopePrefixes } from '../../platform/access/permissions';
import { inScope } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import type { AppDeps, RequestMeta } from '../../platform/http/context';
import { errors } from '../../platform/http/errors';
import { decodeCursor, toPage } from '../../platform/http/pagination';
import { getReadableOrg } from '../orgs/service';
import { handlerFor, type ApplicationAction, type Decision } from './kinds';
import { addApplicationEvent, applicationEvents, applicationQuery, findApplication, lockPending, type ApplicationRow } from './repo';

/** Fields of `data` a reviewer and the applicant may see (no PII lives in `data`). */
function publicData(app: ApplicationRow): Record<string, unknown> {
  return (app.data ?? {}) as Record<string, unknown>;
}

function toItem(app: ApplicationRow, now: Date): ApplicationItem {
  const pending = app.status === 'pending';
  return {
    id: app.id,
    kind: app.kind,
    status: app.status as ApplicationStatus,
    stage: app.stage,
    orgId: app.org_id,
    orgName: app.org_name,
    targetOrgName: app.target_org_name,
    sourceOrgName: app.source_org_name,
    applicantName: app.name,
    idNumberMasked: app.id_no_masked,
    phoneMasked: app.phone_masked,
    createdAt: new Date(app.created_at).toISOString(),
    dueAt: app.due_at ? app.due_at.toISOString() : null,
    overdue: pending && !!app.due_at && app.due_at.getTime() < now.getTime(),
    escalated: pending && !!app.escalated_at,
    decidedAt: app.decided_at ? app.decided_at.toISOString() : null,
    reason: app.reason,
  };
}

/** Details of many applications with their timelines, in two queries. */
async function toDetails(deps: AppDeps, apps: ApplicationRow[], actionsOf: (app: ApplicationRow) => ApplicationAction[]): Promise<ApplicationDetail[]> {
  const events = await applicationEvents(deps.database.db, apps.map((a) => a.id));
  const now = new Date();
  return apps.map((app) => ({
    ...toItem(app, now),
    data: publicData(app),
    events: events
      .filter((e) => e.application_id === app.id)
      .map((e) => ({ id: e.id, kind: e.kind, orgName: e.org_name, actorName: e.actor_name, note: e.note, at: new Date(e.at).toISOString() })),
    actions: actionsOf(app),
  }));
}

async function toDetail(deps: AppDeps, app: ApplicationRow, actions: ApplicationAction[]): Promise<ApplicationDetail> {
  return (await toDetails(deps, [app], () => actions))[0]!;
}

/** Reviewer's view: the app is in the actor's review scope (its org, or the org it was escalated to). */
function reviewable(actor: Actor, app: ApplicationRow): boolean {
  const permission = handlerFor(app.kind).reviewPermission;
  return can(actor, permission, app.org_path) || (!!app.escalated_path && can(actor, permission, app.escalated_path));
}

export async function getApplication(deps: AppDeps, actor: Actor, id: string): Promise<ApplicationDetail> {
  const app = await findApplication(deps.database.db, id);
  if (!app || !reviewable(actor, app)) throw errors.notFound('申请');
  return toDetail(deps, app, handlerFor(app.kind).actions(actor, app));
}

type ListQuery = { kind?: ApplicationKind | undefined; box: 'todo' | 'escalated' | 'done'; orgId?: string | undefined; cursor?: string | undefined; limit: number };

/** The approvals inbox: 待我审批 (by deadline), 上级督办 (escalated to my orgs), 已办结 (newest first). */
export async function listApplications(deps: AppDeps, actor: Actor, q: ListQuery) {
  const { db } = deps.database;
  let review = scopePrefixes(actor, 'application.review');
  let founding = scopePrefixes(actor, 'founding.review');
  if (q.orgId) {
    const path = (await getReadableOrg(deps, actor, q.orgId)).path;
    const narrow = (p: string[] | null) => (p === null ? [path] : p.some((x) => path.startsWith(x)) ? [path] : p.filter((x) => x.startsWith(path)));
    review = narrow(review);
    founding = narrow(founding);
  }
  const column = q.box === 'escalated' ? 'a.escalated_path' : 'a.org_path';
  let query = applicationQuery(db)
    .where((eb) => eb.or([
      eb.and([eb('a.kind', '<>', 'founding'), inScope(column, review)]),
      eb.and([eb('a.kind', '=', 'founding'), inScope(column, founding)]),
    ]));
  if (q.kind) query = query.where('a.kind', '=', q.kind);
  const now = new Date();
  if (q.box === 'done') {
    const after = decodeCursor(q.cursor, 2) as [string, string] | null;
    query = query.where('a.status', '<>', 'pending');
    if (after) query = query.where(sql<boolean>`(a.updated_at, a.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)`);
    const rows = (await query.orderBy('a.updated_at', 'desc').orderBy('a.id', 'desc').limit(q.limit + 1).execute()) as ApplicationRow[];
    return toPage(rows, q.limit, (r) => [new Date(r.updated_at).toISOString(), r.id], (r) => toItem(r, now));
  }
  const after = decodeCursor(q.cursor, 2) as [string, string] | null;
  query = query.where('a.status', '=', 'pending');
  if (q.box === 'escalated') query = query.where('a.escalated_at', 'is not', null);
  if (after) query = query.where(sql<boolean>`(a.due_at, a.id) > (${after[0]}::timestamptz, ${after[1]}::uuid)`);
  const rows = (await query.orderBy('a.due_at').orderBy('a.id').limit(q.limit + 1).execute()) as ApplicationRow[];
  return toPage(rows, q.limit, (r) => [r.due_at!.toISOString(), r.id], (r) => toItem(r, now));
}

export async function decideApplication(deps: AppDeps, actor: Actor, id: string, input: Decision, meta: RequestMeta): Promise<ApplicationDetail> {
  const app = await findApplication(deps.database.db, id);
  if (!app || !reviewable(actor, app)) throw errors.notFound('申请');
  if (app.status !== 'pending') throw errors.conflict('APPLICATION_DECIDED', '该申请已办结，请刷新后查看');
  await handlerFor(app.kind).decide(deps, actor, id, input, meta);
  // a released transfer moves to the new union's inbox: the old side gets the result, with no actions left
  const after = (await findApplication(deps.database.db, id))!;
  return toDetail(deps, after, reviewable(actor, after) ? handlerFor(after.kind).actions(actor, after) : []);
}

// ---- the applicant's side -------------------------------------------------------------------

export async function listMyApplications(deps: AppDeps, actor: Actor, opts: { id?: string } = {}): Promise<ApplicationDetail[]> {
  let query = applicationQuery(deps.database.db).where('a.applicant_user_id', '=', actor.userId);
  if (opts.id) query = query.where('a.id', '=', opts.id);
  const apps = (await query.orderBy('a.created_at', 'desc').limit(50).execute()) as ApplicationRow[];
  return toDetails(deps, apps, (a) => (a.status === 'pending' && a.kind !== 'founding' ? ['withdraw'] : []));
}

export async function withdrawMyApplication(deps: AppDeps, actor: Actor, id: string, meta: RequestMeta): Promise<ApplicationDetail> {
  await deps.database.db.transaction().execute(async (trx) => {
    const app = await lockPending(trx, id);
    if (!app || app.applicant_user_id !== actor.userId) throw errors.notFound('待审批的申请');
    const now = new Date();
    await trx.updateTable('applications').set({ status: 'withdrawn', stage: 'done', decided_at: now, updated_at: now }).where('id', '=', id).execute();
    await addApplicationEvent(trx, { applicationId: id, kind: 'withdrawn', actorId: actor.userId, at: now });
    await recordAudit(trx, { actorId: actor.userId, orgId: app.org_id, orgPath: app.org_path, action: `${app.kind}.withdraw`, targetType: 'application', targetId: id, ip: meta.ip, details: null });
  });
  const app = (await findApplication(deps.database.db, id))!;
  return toDetail(deps, app, []);
}
