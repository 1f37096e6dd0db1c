import {
  FOUNDING_PARENT_KINDS,
  type Committees,
  type Congress,
  type FoundingAction,
  type FoundingApplication,
  type FoundingData,
  type FoundingDetail,
  type FoundingListItem,
  type FoundingParent,
  type OrgKind,
  type foundingInputSchema,
  type foundingListQuerySchema,
  type foundingResubmitSchema,
} from '@gonghui/contracts';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { Db } from '../../db/connect';
import type { Actor } from '../../platform/access/actor';
import { narrowScope } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import { addWorkdays, chinaDay } from '../../platform/calendar/workdays';
import { maskPhone } from '../../platform/crypto/pii';
import type { AppDeps, RequestMeta } from '../../platform/http/context';
import { errors } from '../../platform/http/errors';
import { decodeCursor, toPage } from '../../platform/http/pagination';
import { notify, reviewersAt } from '../../platform/notify/inbox';
import { addApplicationEvent, applicationEvents } from '../approvals/repo';
import { changeEmployees } from '../coverage/service';
import { linkFoundedUnion, lockUscc, registeredUnion } from '../enterprises/service';
import { ancestorNames, canHaveChild, insertChildOrg } from '../orgs/service';
import { foundingPolicy } from './policy';
import * as repo from './repo';

type Input = z.output<typeof foundingInputSchema>;
type ResubmitInput = z.output<typeof foundingResubmitSchema>;
type ListQuery = z.output<typeof foundingListQuerySchema>;
export type FoundingDecisionInput = { decision: 'approve' | 'reject' | 'return'; reason?: string | undefined };

const KIND_LABEL = '建会申请';
const APPLICANT_LINK = '/found';
const reviewLink = (id: string) => `/admin/founding/${id}`;

// ---- reading -----------------------------------------------------------------------------------

/** GET /api/founding/parents?q=: unions an enterprise may apply to (names are public knowledge). */
export async function searchParents(deps: AppDeps, q: string, limit = 20): Promise<FoundingParent[]> {
  const term = q.trim();
  if (!term) return [];
  const rows = await repo.searchParents(deps.database.db, term, limit);
  const names = await ancestorNames(deps, rows.map((r) => r.path));
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind as OrgKind, pathNames: names.get(r.path) ?? [] }));
}

/**
 * Which decisions this actor may take on this application now (the generic approvals detail
 * endpoint shows them as buttons). Empty for other kinds and for actors outside the reviewing org.
 */
export function foundingActions(actor: Actor, app: { kind: string; status: string; stage: string; org_path: string; applicant_user_id: string | null }): FoundingAction[] {
  if (app.kind !== 'founding' || !foundingPolicy.decide(actor, app)) return [];
  if (app.status === 'pending') return ['approve', 'return', 'reject'];
  if (app.status === 'approved' && app.stage === 'congress') return ['record_congress'];
  return [];
}

function dataOf(app: repo.ApplicationRow): FoundingData {
  return app.data as FoundingData;
}

/** Shape many applications at once (names, events, committees in a few queries). */
async function present(deps: AppDeps, apps: repo.ApplicationRow[]): Promise<FoundingApplication[]> {
  const { db } = deps.database;
  const [events, orgs] = await Promise.all([
    applicationEvents(db, apps.map((a) => a.id)),
    repo.findOrgs(db, apps.flatMap((a) => [a.org_id, ...(a.result_org_id ? [a.result_org_id] : [])])),
  ]);
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const paths = await ancestorNames(deps, orgs.map((o) => o.path));
  const now = Date.now();
  return apps.map((a) => {
    const parent = orgById.get(a.org_id);
    const result = a.result_org_id ? orgById.get(a.result_org_id) : undefined;
    return {
      id: a.id,
      ...dataOf(a),
      status: a.status,
      stage: a.stage,
      contactPhoneMasked: a.phone_masked,
      parentOrg: { id: a.org_id, name: parent?.name ?? '', pathNames: parent ? (paths.get(parent.path) ?? []) : [] },
      resultOrg: result ? { id: result.id, name: result.name } : null,
      reason: a.reason,
      createdAt: new Date(a.created_at).toISOString(),
      dueAt: a.due_at ? new Date(a.due_at).toISOString() : null,
      overdue: a.status === 'pending' && !!a.due_at && new Date(a.due_at).getTime() < now,
      decidedAt: a.decided_at ? new Date(a.decided_at).toISOString() : null,
      committees: (result?.committees as Committees | null | undefined) ?? null,
      foundedOn: result?.founded_on ? String(result.founded_on) : null,
      events: events
        .filter((e) => e.application_id === a.id)
        .map((e) => ({ id: e.id, kind: e.kind, orgName: e.org_name, actorName: e.actor_name, note: e.note, at: new Date(e.at).toISOString() })),
    };
  });
}

/** GET /api/founding/mine: the applicant's own applications with their progress timeline. */
export async function listMine(deps: AppDeps, actor: Actor): Promise<FoundingApplication[]> {
  return present(deps, await repo.listMine(deps.database.db, actor.userId, 20));
}

/** GET /api/founding/:id (console): 404 outside the reviewing org's subtree. */
export async function getFoundingDetail(deps: AppDeps, actor: Actor, id: string): Promise<FoundingDetail> {
  const { db } = deps.database;
  const app = await repo.findFounding(db, id);
  if (!app || !foundingPolicy.view(actor, app)) throw errors.notFound('建会申请');
  const [shaped] = await present(deps, [app]);
  return { ...shaped!, applicantName: await repo.userName(db, app.applicant_user_id), actions: foundingActions(actor, app) };
}

/** GET /api/founding (console): founding applications waiting at or decided in the scope. */
export async function listFounding(deps: AppDeps, actor: Actor, q: ListQuery) {
  const { db } = deps.database;
  let prefixes = foundingPolicy.listScope(actor);
  if (q.orgId) {
    const org = await repo.findOrg(db, q.orgId);
    if (!org || !foundingPolicy.view(actor, { org_path: org.path, applicant_user_id: null })) throw errors.notFound('组织');
    prefixes = narrowScope(prefixes, org.path);
  }
  const after = decodeCursor(q.cursor, 2) as [string, string] | null;
  const rows = await repo.listScoped(db, prefixes, q.box, after, q.limit);
  const now = Date.now();
  return toPage(
    rows,
    q.limit,
    (r) => [new Date(r.created_at).toISOString(), r.id],
    (r): FoundingListItem => {
      const d = dataOf(r);
      return {
        id: r.id,
        enterpriseName: d.enterpriseName,
        uscc: d.uscc,
        headcount: d.headcount,
        status: r.status,
        stage: r.stage,
        parentOrgName: r.parent_name,
        createdAt: new Date(r.created_at).toISOString(),
        dueAt: r.due_at ? new Date(r.due_at).toISOString() : null,
        overdue: r.status === 'pending' && !!r.due_at && new Date(r.due_at).getTime() < now,
      };
    },
  );
}

// ---- applying ----------------------------------------------------------------------------------

async function parentFor(db: Db, parentOrgId: string) {
  const parent = await repo.findOrg(db, parentOrgId);
  if (!parent || !(FOUNDING_PARENT_KINDS as readonly string[]).includes(parent.kind) || !canHaveChild(parent.kind, 'enterprise')) {
    throw errors.field('parentOrgId', '请选择所在的街道（乡镇）、园区、社区、联合工会或行业工会');
  }
  return parent;
}

/**
 * One enterprise, one union: refuse when the USCC already has a union (an org, or a register entry
 * linked to one) or another open application. Call under lockUscc.
 */
async function ensureNoUnionYet(trx: Db, actor: Actor, uscc: string, selfId: string | null) {
  const org = await repo.findOrgByUscc(trx, uscc);
  if (org) throw errors.conflict('USCC_HAS_UNION', `该企业已建立工会（「${org.name}」），无需重复申请`);
  const reg = await registeredUnion(trx, uscc);
  if (reg) throw errors.conflict('USCC_HAS_UNION', `企业名录显示「${reg.name}」已建立工会，无需重复申请`);
  const open = await repo.openByUscc(trx, uscc, selfId);
  if (open) {
    const mine = open.applicant_user_id === actor.userId;
    throw errors.conflict('FOUNDING_PENDING', mine ? '您已提交过该企业的建会申请，请在“我的建会申请”中查看进度' : '该企业已有建会申请正在办理中，请勿重复提交');
  }
}

function dataFrom(input: Input | ResubmitInput): FoundingData {
  return {
    enterpriseName: input.enterpriseName,
    uscc: input.uscc,
    headcount: input.headcount,
    contactName: input.contactName,
    address: input.address,
    industry: input.industry,
  };
}

async function tellReviewers(trx: Db, deps: AppDeps, orgId: string, appId: string, title: string, body: string) {
  for (const userId of await reviewersAt(trx, orgId, 'founding.review')) {
    await notify(trx, deps, { userId, kind: 'founding_submitted', title, body, link: reviewLink(appId) });
  }
}

/** POST /api/founding: the enterprise's contact applies (网上建会). */
export async function submitFounding(deps: AppDeps, actor: Actor, input: Input, meta: RequestMeta): Promise<FoundingApplication> {
  const { db } = deps.database;
  const parent = await parentFor(db, input.parentOrgId);
  const id = uuidv7();
  await db.transaction().execute(async (trx) => {
    await lockUscc(trx, input.uscc);
    await ensureNoUnionYet(trx, actor, input.uscc, null);
    const dueAt = await addWorkdays(trx, new Date(), deps.config.membership.reviewWorkdays);
    await repo.insertApplication(trx, {
      id,
      kind: 'founding',
      org_id: parent.id,
      org_path: parent.path,
      target_org_id: parent.id,
      applicant_user_id: actor.userId,
      name: input.enterpriseName,
      phone_enc: deps.cipher.encrypt(input.contactPhone),
      phone_masked: maskPhone(input.contactPhone),
      data: JSON.stringify(dataFrom(input)),
      due_at: dueAt,
    });
    await addApplicationEvent(trx, { applicationId: id, kind: 'submitted', actorId: actor.userId, orgId: parent.id, note: null });
    await recordAudit(trx, {
      actorId: actor.userId,
      orgId: parent.id,
      orgPath: parent.path,
      action: 'founding.submit',
      targetType: 'application',
      targetId: id,
      ip: meta.ip,
      details: { enterpriseName: input.enterpriseName, uscc: input.uscc, headcount: input.headcount },
    });
    await tellReviewers(trx, deps, parent.id, id, '新的建会申请', `「${input.enterpriseName}」申请在${parent.name}下建立工会，请在规定时限内批复。`);
  });
  return (await present(deps, [(await repo.findFounding(db, id))!]))[0]!;
}

/** PUT /api/founding/:id: the applicant edits a returned application and sends it again. */
export async function resubmitFounding(deps: AppDeps, actor: Actor, id: string, input: ResubmitInput, meta: RequestMeta): Promise<FoundingApplication> {
  const { db } = deps.database;
  const parent = await parentFor(db, input.parentOrgId);
  await db.transaction().execute(async (trx) => {
    const app = await repo.lockFounding(trx, id);
    if (!app || !foundingPolicy.resubmit(actor, app)) throw errors.notFound('建会申请');
    if (app.status !== 'returned') throw errors.conflict('APPLICATION_NOT_RETURNED', '只有被退回修改的申请才能重新提交');
    await lockUscc(trx, input.uscc);
    await ensureNoUnionYet(trx, actor, input.uscc, app.id);
    const dueAt = await addWorkdays(trx, new Date(), deps.config.membership.reviewWorkdays);
    await repo.updateApplication(trx, app.id, {
      status: 'pending',
      stage: 'review',
      org_id: parent.id,
      org_path: parent.path,
      target_org_id: parent.id,
      name: input.enterpriseName,
      ...(input.contactPhone ? { phone_enc: deps.cipher.encrypt(input.contactPhone), phone_masked: maskPhone(input.contactPhone) } : {}),
      data: JSON.stringify(dataFrom(input)),
      due_at: dueAt,
      // a fresh deadline: the SLA reminders and escalation start over
      reminded_at: null,
      escalated_at: null,
      escalated_org_id: null,
      escalated_path: null,
      reason: null,
      decided_at: null,
      decided_by: null,
    });
    await addApplicationEvent(trx, { applicationId: app.id, kind: 'resubmitted', actorId: actor.userId, orgId: parent.id, note: null });
    await recordAudit(trx, {
      actorId: actor.userId,
      orgId: parent.id,
      orgPath: parent.path,
      action: 'founding.resubmit',
      targetType: 'application',
      targetId: app.id,
      ip: meta.ip,
      details: { enterpriseName: input.enterpriseName, uscc: input.uscc, headcount: input.headcount },
    });
    await tellReviewers(trx, deps, parent.id, app.id, '建会申请已修改重新提交', `「${input.enterpriseName}」已按退回意见修改建会申请，请在规定时限内批复。`);
  });
  return (await present(deps, [(await repo.findFounding(db, id))!]))[0]!;
}

// ---- deciding ----------------------------------------------------------------------------------

const RESULT_LABEL = { approve: '批复同意', reject: '未获批复', return: '退回修改' } as const;

/**
 * 批复 / 不予批复 / 退回修改 of a founding application. Called by the generic approvals route
 * (POST /api/applications/:id/decision) for kind 'founding' and by POST /api/founding/:id/decision.
 * Approval creates the enterprise union under the reviewing org in the same transaction, links the
 * enterprise register and moves the coverage counters (建会率, 职工数).
 */
export async function decideFounding(deps: AppDeps, actor: Actor, applicationId: string, input: FoundingDecisionInput, meta: RequestMeta): Promise<FoundingDetail> {
  const { db } = deps.database;
  const reason = input.reason?.trim() || null;
  if (input.decision !== 'approve' && (!reason || reason.length < 2)) {
    throw errors.field('reason', input.decision === 'return' ? '请填写退回修改的原因' : '请填写不予批复的原因');
  }
  await db.transaction().execute(async (trx) => {
    const app = await repo.lockFounding(trx, applicationId);
    if (!app || !foundingPolicy.view(actor, app)) throw errors.notFound('建会申请');
    if (!foundingPolicy.decide(actor, app)) throw errors.forbidden('没有批复建会申请的权限');
    if (app.status !== 'pending') throw errors.conflict('APPLICATION_NOT_PENDING', '该申请已处理，请刷新后查看');
    const data = dataOf(app);
    const now = new Date();

    if (input.decision === 'approve') {
      await lockUscc(trx, data.uscc);
      await ensureNoUnionYet(trx, actor, data.uscc, app.id);
      const parent = await repo.findOrg(trx, app.org_id);
      if (!parent || !canHaveChild(parent.kind, 'enterprise')) throw errors.conflict('PARENT_CANNOT_HOLD', '该组织下不能建立企业工会');
      const name = `${data.enterpriseName}工会委员会`;
      const union = await insertChildOrg(trx, parent, {
        kind: 'enterprise',
        name,
        regionCode: parent.region_code,
        uscc: data.uscc,
        address: data.address,
        industryLine: null,
        industryOrgId: null,
      });
      await changeEmployees(trx, union.id, data.headcount);
      const enterpriseId = await linkFoundedUnion(trx, {
        area: { id: parent.id, path: parent.path },
        unionOrgId: union.id,
        uscc: data.uscc,
        name: data.enterpriseName,
        headcount: data.headcount,
        industry: data.industry,
        address: data.address,
        contactName: data.contactName,
        contactPhoneEnc: app.phone_enc,
        contactPhoneMasked: app.phone_masked,
      });
      await repo.updateApplication(trx, app.id, { status: 'approved', stage: 'congress', result_org_id: union.id, decided_at: now, decided_by: actor.userId, reason });
      await addApplicationEvent(trx, { applicationId: app.id, kind: 'approved', actorId: actor.userId, orgId: app.org_id, note: reason });
      await addApplicationEvent(trx, { applicationId: app.id, kind: 'org_created', actorId: actor.userId, orgId: union.id, note: null });
      await recordAudit(trx, { actorId: actor.userId, orgId: union.id, orgPath: union.path, action: 'org.create', targetType: 'org', targetId: union.id, ip: meta.ip, details: { name, kind: 'enterprise', parentId: parent.id, foundingId: app.id } });
      await recordAudit(trx, {
        actorId: actor.userId,
        orgId: app.org_id,
        orgPath: app.org_path,
        action: 'founding.approve',
        targetType: 'application',
        targetId: app.id,
        ip: meta.ip,
        details: { enterpriseName: data.enterpriseName, uscc: data.uscc, unionOrgId: union.id, enterpriseId },
      });
    } else {
      const status = input.decision === 'return' ? 'returned' : 'rejected';
      await repo.updateApplication(trx, app.id, { status, decided_at: now, decided_by: actor.userId, reason });
      await addApplicationEvent(trx, { applicationId: app.id, kind: status, actorId: actor.userId, orgId: app.org_id, note: reason });
      await recordAudit(trx, {
        actorId: actor.userId,
        orgId: app.org_id,
        orgPath: app.org_path,
        action: input.decision === 'return' ? 'founding.return' : 'founding.reject',
        targetType: 'application',
        targetId: app.id,
        ip: meta.ip,
        details: { enterpriseName: data.enterpriseName, reason },
      });
    }

    if (app.applicant_user_id) {
      const result = RESULT_LABEL[input.decision];
      const body =
        input.decision === 'approve'
          ? `「${data.enterpriseName}」的建会申请已批复同意，工会组织已建立。请尽快召开首次会员大会，选举工会委员会。`
          : input.decision === 'return'
            ? `「${data.enterpriseName}」的建会申请被退回修改：${reason}。请修改后重新提交。`
            : `「${data.enterpriseName}」的建会申请未获批复：${reason}。`;
      await notify(trx, deps, {
        userId: app.applicant_user_id,
        kind: `founding_${input.decision === 'approve' ? 'approved' : input.decision === 'return' ? 'returned' : 'rejected'}`,
        title: `建会申请${result}`,
        body,
        link: APPLICANT_LINK,
        sms: { template: 'application_decided', params: { kind: KIND_LABEL, result, ...(reason && input.decision !== 'approve' ? { reason } : {}) } },
      });
    }
  });
  return getFoundingDetail(deps, actor, applicationId);
}

/**
 * POST /api/founding/:id/congress: the first member congress (首次会员大会) elected the committees.
 * They are kept on the new union (orgs.committees, founded_on); the application is done.
 */
export async function recordCongress(deps: AppDeps, actor: Actor, applicationId: string, input: Congress, meta: RequestMeta, now = new Date()): Promise<FoundingDetail> {
  const { db } = deps.database;
  await db.transaction().execute(async (trx) => {
    const app = await repo.lockFounding(trx, applicationId);
    if (!app || !foundingPolicy.view(actor, app)) throw errors.notFound('建会申请');
    if (!foundingPolicy.decide(actor, app)) throw errors.forbidden('没有登记会员大会的权限');
    if (app.status !== 'approved' || app.stage !== 'congress' || !app.result_org_id) {
      throw errors.conflict('CONGRESS_NOT_EXPECTED', '该申请当前不能登记会员大会（须先批复同意）');
    }
    if (input.date > chinaDay(now)) throw errors.field('date', '会员大会召开日期不能晚于今天');
    if (app.decided_at && input.date < chinaDay(new Date(app.decided_at))) throw errors.field('date', '会员大会召开日期不能早于批复日期');
    const committees: Committees = { ...input, recordedAt: now.toISOString() };
    await trx
      .updateTable('orgs')
      .set({ committees: JSON.stringify(committees), founded_on: input.date, updated_at: now })
      .where('id', '=', app.result_org_id)
      .execute();
    await repo.updateApplication(trx, app.id, { stage: 'done' });
    await addApplicationEvent(trx, {
      applicationId: app.id,
      kind: 'congress_recorded',
      actorId: actor.userId,
      orgId: app.result_org_id,
      note: `${input.date} 召开，主席：${input.chair}`,
    });
    await recordAudit(trx, {
      actorId: actor.userId,
      orgId: app.org_id,
      orgPath: app.org_path,
      action: 'founding.congress',
      targetType: 'application',
      targetId: app.id,
      ip: meta.ip,
      details: { date: input.date, memberCount: input.memberCount, committee: input.committeeMembers.length },
    });
    if (app.applicant_user_id) {
      await notify(trx, deps, {
        userId: app.applicant_user_id,
        kind: 'founding_done',
        title: '工会组建完成',
        body: `「${dataOf(app).enterpriseName}」首次会员大会结果已登记，工会主席：${input.chair}。`,
        link: APPLICANT_LINK,
      });
    }
  });
  return getFoundingDetail(deps, actor, applicationId);
}
