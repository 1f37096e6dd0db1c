import {
  CASE_CHANNEL_LABELS,
  CASE_TYPE_FIELDS,
  CASE_TYPE_LABELS,
  CASE_TYPES,
  INJURY_CHECKLIST,
  OPEN_CASE_STATUSES,
  ROLES,
  caseFieldsSchema,
  canBeAnonymous,
  canBePublic,
  type CaseAction,
  type CaseActionInput,
  type CaseBox,
  type CaseChannel,
  type CaseDetail,
  type CaseFileOnBehalfInput,
  type CaseItem,
  type CaseStatus,
  type CaseSubmitInput,
  type CaseType,
  caseActionSchema,
  caseFileOnBehalfSchema,
  caseSubmitSchema,
} from '@gonghui/contracts';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/connect';
import type { Actor } from '../../platform/access/actor';
import { roleGrants } from '../../platform/access/permissions';
import { inScope } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import { addWorkdaysWith, cachedOverrides, chinaDateTime, endOfChinaDay } from '../../platform/calendar/workdays';
import { maskName, maskPhone } from '../../platform/crypto/pii';
import type { AppDeps, RequestMeta } from '../../platform/http/context';
import { errors, zodIssuesToFields } from '../../platform/http/errors';
import { decodeCursor, toPage } from '../../platform/http/pagination';
import { notify, reviewersAt } from '../../platform/notify/inbox';
import { casePolicy, scopeWithin } from './policy';
import * as repo from './repo';
import { cachedRoutingRules, cachedTypeSettings } from './config-cache';
import { pickAssignee, routeCase } from './routing';
import { nextTimerAt, stageDueAt, stageTimes, type TimerState } from './sla';
import { availableActions, checkTransition, isOpen, type CaseState, type Relation } from './transitions';
import { caseWords } from './words';

type CaseRow = repo.CaseRow;
/** A change to a case row (JSON columns as serialized text). */
type CasePatch = Partial<Omit<CaseRow, 'fields' | 'eligibility' | 'words'>> & { eligibility?: string };
type Surface = 'member' | 'console';

const SYSTEM = '系统';
const HANDLER_ROLES = ROLES.filter((r) => roleGrants(r, 'case.handle') || r === 'partner');

// ---------------------------------------------------------------------------------------------
// Meta

export async function caseMeta(deps: AppDeps) {
  const { db } = deps.database;
  const settings = await db.selectFrom('case_type_settings').selectAll().execute();
  const cats = await db.selectFrom('case_categories').select(['id', 'type', 'name']).where('enabled', '=', true).orderBy('sort').orderBy('name').execute();
  const byType = new Map(settings.map((s) => [s.type, s]));
  return {
    types: CASE_TYPES.map((type) => {
      const s = byType.get(type)!;
      return {
        type,
        label: CASE_TYPE_LABELS[type],
        enabled: s.enabled,
        acceptWorkdays: s.accept_workdays,
        resolveWorkdays: s.resolve_workdays,
        fields: [...CASE_TYPE_FIELDS[type]],
        categories: cats.filter((c) => c.type === type).map((c) => ({ id: c.id, name: c.name })),
      };
    }),
    injuryChecklist: INJURY_CHECKLIST.map((c) => ({ key: c.key, label: c.label })),
  };
}

// ---------------------------------------------------------------------------------------------
// Intake

type Origin = { id: string; path: string; kind: string };

type NewCase = {
  input: ReturnType<typeof caseSubmitSchema.parse>;
  channel: CaseChannel;
  origin: Origin;
  submitterUserId: string | null;
  memberId: string | null;
  filedBy: string | null;
  submitterKey: string;
  contactName: string | null;
  contactPhone: string | null;
  uploaderId: string;
  actorLabel: string;
  relatedCaseId?: string | null;
};

function validateFields(type: CaseType, raw: Record<string, unknown>): Record<string, unknown> {
  const r = caseFieldsSchema(type).safeParse(raw);
  if (r.success) return r.data;
  // the type's own field names (对方单位, 欠薪金额…) rather than generic labels
  const defs = new Map(CASE_TYPE_FIELDS[type].map((d) => [d.key, d]));
  throw errors.validation(
    r.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      const def = defs.get(key);
      if (!def) return zodIssuesToFields([issue], 'fields')[0]!;
      const missing = issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined;
      const message = missing ? `请填写${def.label}` : /[\u4e00-\u9fa5]/.test(issue.message) ? issue.message : `${def.label}不正确`;
      return { path: `fields.${key}`, message };
    }),
  );
}

function deriveTitle(input: { title?: string | undefined; content: string }, type: CaseType, fields: Record<string, unknown>): string {
  const t = input.title?.trim();
  if (t) return t;
  if (type === 'injury_visit') return `${String(fields.injuredName)}工伤探视（${String(fields.hospital)}）`;
  const flat = input.content.replace(/\s+/g, ' ').trim();
  return flat.length > 24 ? `${flat.slice(0, 24)}…` : flat;
}

/**
 * One submission path for every channel. Idempotent: (submitter, clientKey) is unique, so a retry
 * returns the case the first attempt created. Routing, acceptance and auto-assignment happen in
 * the same transaction: the case is never visible half-routed.
 */
async function createCase(deps: AppDeps, n: NewCase): Promise<{ id: string; created: boolean }> {
  const { db } = deps.database;
  const type = n.input.type;
  const settings = await cachedTypeSettings(db, type);
  if (!settings.enabled) throw errors.field('type', `「${CASE_TYPE_LABELS[type]}」暂未开放`);
  if (n.input.categoryId) {
    const cat = await db.selectFrom('case_categories').select(['type', 'enabled']).where('id', '=', n.input.categoryId).executeTakeFirst();
    if (!cat || cat.type !== type || !cat.enabled) throw errors.field('categoryId', '请选择该事项类型下的分类');
  }
  const fields = validateFields(type, n.input.fields);
  if (n.input.anonymous && n.channel !== 'app' && n.channel !== 'qr') throw errors.field('anonymous', '只有职工本人提交的诉求可以匿名');
  if (n.input.anonymous && !canBeAnonymous(type)) throw errors.field('anonymous', `「${CASE_TYPE_LABELS[type]}」需要实名办理，不能匿名`);
  if (n.input.isPublic && !canBePublic(type)) throw errors.field('isPublic', `「${CASE_TYPE_LABELS[type]}」涉及个人事务，不能公开到诉求广场`);
  const now = new Date();
  const overrides = await cachedOverrides(db, now);
  const words = caseWords(`${n.input.title ?? ''} ${n.input.content}`);
  const rules = await cachedRoutingRules(db);

  return db.transaction().execute(async (trx) => {
    const route = await routeCase(trx, { type, categoryId: n.input.categoryId ?? null, origin: n.origin }, rules);
    // 工伤探视 is assigned after the eligibility check (逢伤必探, but only to eligible cases)
    const assignee = route.teamId && type !== 'injury_visit' ? await pickAssignee(trx, route.teamId) : null;
    const accept = stageTimes(now, settings.accept_workdays, overrides);
    const resolve = assignee ? stageTimes(now, settings.resolve_workdays, overrides) : null;
    const id = uuidv7();
    const status: CaseStatus = assignee ? 'assigned' : 'submitted';
    const timers: TimerState = {
      status,
      parent_id: null,
      accept_due_at: accept.due,
      resolve_due_at: resolve?.due ?? null,
      remind_at: (resolve ?? accept).remindAt,
      reminded_at: null,
      overdue_at: null,
      last_step_at: now,
      stale_reminded_at: null,
      supervised_at: null,
      supervise_due_at: null,
      supervise_overdue_at: null,
      resolved_at: null,
    };
    // a retry (same person, same client key) hits the unique index and is answered with the first case
    const inserted = await trx
      .insertInto('cases')
      .values({
        id,
        type,
        category_id: n.input.categoryId ?? null,
        title: deriveTitle(n.input, type, fields),
        content: n.input.content,
        fields: JSON.stringify(fields),
        channel: n.channel,
        status,
        origin_org_id: n.origin.id,
        origin_path: n.origin.path,
        org_id: route.orgId,
        org_path: route.orgPath,
        team_id: route.teamId,
        assignee_id: assignee?.id ?? null,
        submitter_user_id: n.submitterUserId,
        member_id: n.memberId,
        filed_by: n.filedBy,
        submitter_key: n.submitterKey,
        client_key: n.input.clientKey,
        anonymous: n.input.anonymous,
        is_public: n.input.isPublic,
        contact_name_enc: n.contactName ? deps.cipher.encrypt(n.contactName) : null,
        contact_name_masked: n.contactName ? maskName(n.contactName) : null,
        contact_phone_enc: n.contactPhone ? deps.cipher.encrypt(n.contactPhone) : null,
        contact_phone_masked: n.contactPhone ? maskPhone(n.contactPhone) : null,
        accept_due_at: accept.due,
        resolve_due_at: resolve?.due ?? null,
        stage_started_at: now,
        remind_at: timers.remind_at,
        last_step_at: now,
        next_timer_at: nextTimerAt(timers),
        accepted_at: assignee ? now : null,
        assigned_at: assignee ? now : null,
        related_case_id: n.relatedCaseId ?? null,
        words,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['submitter_key', 'client_key']).where('client_key', 'is not', null).doNothing())
      .returning(['id', 'case_no'])
      .executeTakeFirst();
    if (!inserted) {
      const other = await findByClientKey(trx, n.submitterKey, n.input.clientKey);
      return { id: other!, created: false };
    }
    const events: repo.NewEvent[] = [
      { caseId: id, kind: 'submitted', actorId: n.filedBy ?? n.submitterUserId, actorLabel: n.actorLabel, toStatus: 'submitted', note: `通过${CASE_CHANNEL_LABELS[n.channel]}提报`, at: now },
    ];
    if (assignee) {
      events.push(
        { caseId: id, kind: 'accepted', actorId: null, actorLabel: SYSTEM, fromStatus: 'submitted', toStatus: 'accepted', note: `${route.orgName}受理（系统自动）`, at: now },
        { caseId: id, kind: 'assigned', actorId: null, actorLabel: SYSTEM, fromStatus: 'accepted', toStatus: 'assigned', note: `自动指派给 ${assignee.name}（当前待办最少）`, data: { assigneeId: assignee.id }, at: now },
      );
    }
    const [submittedEvent] = await repo.addEvents(trx, events);
    if (n.input.attachmentIds.length) {
      const attached = await repo.attachFiles(trx, n.input.attachmentIds, id, submittedEvent!, n.uploaderId);
      if (attached !== new Set(n.input.attachmentIds).size) throw errors.field('attachmentIds', '附件不存在或已被使用，请重新上传');
    }
    if (assignee) {
      await tellAssignee(trx, deps, { id, case_no: inserted.case_no, type, resolve_due_at: resolve!.due }, assignee.id, assignee.phoneEnc);
    } else {
      await tellOrgHandlers(trx, deps, { orgId: route.orgId, teamId: route.teamId }, {
        kind: 'case_new', title: '新工单待受理', body: `${route.orgName}收到一件${CASE_TYPE_LABELS[type]}，请在时限内受理。`, link: `/admin/cases/${id}`,
      });
    }
    return { id, created: true };
  });
}

async function findByClientKey(db: Db, submitterKey: string, clientKey: string): Promise<string | null> {
  const r = await db.selectFrom('cases').select('id').where('submitter_key', '=', submitterKey).where('client_key', '=', clientKey).executeTakeFirst();
  return r?.id ?? null;
}

async function userContact(deps: AppDeps, db: Db, userId: string): Promise<{ name: string; phone: string }> {
  const u = await db.selectFrom('users').select(['name', 'phone_enc']).where('id', '=', userId).executeTakeFirstOrThrow();
  return { name: u.name, phone: deps.cipher.decrypt(u.phone_enc) };
}

/** 会员提交: the member's own union is the origin. */
export async function submitMyCase(deps: AppDeps, actor: Actor, raw: CaseSubmitInput) {
  const input = caseSubmitSchema.parse(raw);
  const { db } = deps.database;
  const existing = await findByClientKey(db, `u:${actor.userId}`, input.clientKey);
  if (existing) return { detail: await getMyCase(deps, actor, existing), created: false };
  const member = await db
    .selectFrom('members as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.id', 'm.name', 'o.id as org_id', 'o.path', 'o.kind', 'u.phone_enc'])
    .where('m.user_id', '=', actor.userId)
    .where('m.status', '=', 'active')
    .orderBy('m.joined_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!member) throw errors.badRequest('NOT_A_MEMBER', '您还不是工会会员：请先入会，或扫描工会的诉求二维码提交');
  const r = await createCase(deps, {
    input, channel: 'app', origin: { id: member.org_id, path: member.path, kind: member.kind },
    submitterUserId: actor.userId, memberId: member.id, filedBy: null, submitterKey: `u:${actor.userId}`,
    contactName: member.name, contactPhone: deps.cipher.decrypt(member.phone_enc), uploaderId: actor.userId,
    actorLabel: input.anonymous ? '匿名职工' : maskName(member.name),
  });
  return { detail: await getMyCase(deps, actor, r.id), created: r.created };
}

/** 扫码提交: an org's appeal box or a hospital's 工伤探视 code; the person proved their phone by SMS login. */
export async function submitViaIntake(deps: AppDeps, actor: Actor, token: string, raw: CaseSubmitInput) {
  const link = await intakeLink(deps, token);
  const input = caseSubmitSchema.parse(raw);
  if (link.purpose === 'injury') input.type = 'injury_visit';
  const { db } = deps.database;
  const existing = await findByClientKey(db, `u:${actor.userId}`, input.clientKey);
  if (existing) return { detail: await getMyCase(deps, actor, existing), created: false };
  const member = await db.selectFrom('members').select(['id', 'name']).where('user_id', '=', actor.userId).where('status', '=', 'active').limit(1).executeTakeFirst();
  const contact = await userContact(deps, db, actor.userId);
  // someone who first signed in through the QR code has no real name on file yet: show the phone's tail
  const label = input.anonymous ? '匿名职工' : member ? maskName(member.name) : `职工（尾号 ${contact.phone.slice(-4)}）`;
  const r = await createCase(deps, {
    input, channel: link.purpose === 'injury' ? 'hospital' : 'qr', origin: link.org,
    submitterUserId: actor.userId, memberId: member?.id ?? null, filedBy: null, submitterKey: `u:${actor.userId}`,
    contactName: member?.name ?? null, contactPhone: contact.phone, uploaderId: actor.userId, actorLabel: label,
  });
  return { detail: await getMyCase(deps, actor, r.id), created: r.created };
}

/** 12351 热线 / 干部代办: filed for a caller; a member with that phone gets the case in their app. */
export async function fileOnBehalf(deps: AppDeps, actor: Actor, raw: CaseFileOnBehalfInput) {
  const input = caseFileOnBehalfSchema.parse(raw);
  const { db } = deps.database;
  const org = await db.selectFrom('orgs').select(['id', 'path', 'kind', 'name']).where('id', '=', input.orgId).executeTakeFirst();
  if (!org || !casePolicy.fileAt(actor, org)) throw errors.notFound('组织');
  const submitterKey = `f:${actor.userId}`;
  const existing = await findByClientKey(db, submitterKey, input.clientKey);
  if (existing) return { detail: await getConsoleCase(deps, actor, existing), created: false };
  let memberId: string | null = null;
  let submitterUserId: string | null = null;
  if (input.memberId) {
    const m = await db.selectFrom('members').select(['id', 'user_id', 'org_path']).where('id', '=', input.memberId).where('status', '=', 'active').executeTakeFirst();
    if (!m || !m.org_path.startsWith(org.path)) throw errors.field('memberId', '该会员不在所选工会');
    memberId = m.id;
    submitterUserId = m.user_id;
  } else {
    // the caller may already have an account: their case then shows in 我的诉求
    const u = await db.selectFrom('users').select('id').where('phone_hash', '=', deps.cipher.blindIndex('phone', input.callerPhone)).executeTakeFirst();
    submitterUserId = u?.id ?? null;
  }
  const r = await createCase(deps, {
    input: { ...input, anonymous: false }, channel: input.channel, origin: org,
    submitterUserId, memberId, filedBy: actor.userId, submitterKey,
    contactName: input.callerName, contactPhone: input.callerPhone, uploaderId: actor.userId,
    actorLabel: `${actor.name}（${input.channel === 'hotline' ? '12351热线代登记' : '干部代办'}）`,
  });
  return { detail: await getConsoleCase(deps, actor, r.id), created: r.created };
}

export async function intakeLink(deps: AppDeps, token: string) {
  const link = await deps.database.db
    .selectFrom('case_intake_links as l')
    .innerJoin('orgs as o', 'o.id', 'l.org_id')
    .select(['l.purpose', 'l.label', 'l.revoked_at', 'o.id', 'o.path', 'o.kind', 'o.name'])
    .where('l.token', '=', token)
    .executeTakeFirst();
  if (!link || link.revoked_at) throw errors.notFound('诉求二维码');
  return { purpose: link.purpose, label: link.label, org: { id: link.id, path: link.path, kind: link.kind, name: link.name } };
}

// ---------------------------------------------------------------------------------------------
// Notifications

async function tellAssignee(trx: Db, deps: AppDeps, c: { id: string; case_no: string | null; type: string; resolve_due_at: Date | null }, userId: string, phoneEnc?: string) {
  const no = c.case_no ?? (await trx.selectFrom('cases').select('case_no').where('id', '=', c.id).executeTakeFirstOrThrow()).case_no;
  const due = c.resolve_due_at ? chinaDateTime(c.resolve_due_at) : '时限';
  await notify(trx, deps, {
    userId, kind: 'case_assigned', title: '您有新的工单', body: `${CASE_TYPE_LABELS[c.type as CaseType]}工单 ${no} 已指派给您，请于 ${due} 前办结。`,
    link: `/admin/cases/${c.id}`, sms: { template: 'case_assigned', params: { type: CASE_TYPE_LABELS[c.type as CaseType], no, due } }, ...(phoneEnc ? { phoneEnc } : {}),
  });
}

/** The people who pick up an org's unassigned cases: its team (when routed to one) or its case handlers. */
export async function orgHandlerIds(trx: Db, target: { orgId: string; teamId: string | null }): Promise<string[]> {
  if (target.teamId) {
    const rows = await trx.selectFrom('case_team_members').select('user_id').where('team_id', '=', target.teamId).execute();
    if (rows.length) return rows.map((r) => r.user_id);
  }
  return reviewersAt(trx, target.orgId, 'case.handle');
}

async function tellOrgHandlers(trx: Db, deps: AppDeps, target: { orgId: string; teamId: string | null }, n: { kind: string; title: string; body: string; link: string }) {
  for (const userId of await orgHandlerIds(trx, target)) await notify(trx, deps, { userId, ...n });
}

/** The submitter hears about decisions: in the app when they have an account, else by SMS to the contact phone. */
async function tellSubmitter(trx: Db, deps: AppDeps, c: CaseRow, n: { kind: string; title: string; body: string; sms?: { template: string; params: Record<string, string> } }) {
  if (c.submitter_user_id) {
    await notify(trx, deps, { userId: c.submitter_user_id, kind: n.kind, title: n.title, body: n.body, link: `/cases/${c.id}`, ...(n.sms ? { sms: n.sms } : {}) });
  } else if (n.sms && c.contact_phone_enc) {
    await deps.sms.send(trx, { phone: deps.cipher.decrypt(c.contact_phone_enc), template: n.sms.template, params: n.sms.params });
  }
}

// ---------------------------------------------------------------------------------------------
// Actions

function stateOf(c: CaseRow, hasParentOrg: boolean, paid = false): CaseState {
  return {
    status: c.status as CaseStatus,
    type: c.type as CaseType,
    parentId: c.parent_id,
    hasParentOrg,
    supervised: c.supervised_at !== null,
    eligible: c.eligible,
    resolvedAt: c.resolved_at,
    paid,
  };
}

async function isPaid(db: Db, c: { id: string; type: string }): Promise<boolean> {
  if (c.type !== 'injury_visit') return false;
  return !!(await db.selectFrom('case_payments').select('id').where('case_id', '=', c.id).limit(1).executeTakeFirst());
}

async function hasParentOrg(db: Db, orgId: string): Promise<boolean> {
  const o = await db.selectFrom('orgs').select('parent_id').where('id', '=', orgId).executeTakeFirst();
  return !!o?.parent_id;
}

function must(check: ReturnType<typeof checkTransition>) {
  if (!check.ok) throw check.code === 'CASE_ACTION_FORBIDDEN' ? errors.forbidden(check.message) : errors.conflict(check.code, check.message);
}

const MEMBER_ACTIONS: readonly CaseAction[] = ['rate', 'reopen', 'withdraw'];

/**
 * Every step on a case goes through here: load and lock the row, check the transition table for
 * the viewer's relations, write the change, the timeline event and the notifications, and
 * recompute the timers — all in one transaction.
 */
export async function performAction(deps: AppDeps, actor: Actor, id: string, raw: CaseActionInput, meta: RequestMeta, surface: Surface): Promise<CaseDetail> {
  const input = caseActionSchema.parse(raw);
  if (surface === 'member' && !MEMBER_ACTIONS.includes(input.action)) throw errors.forbidden('该操作需在工作台办理');
  const { db } = deps.database;
  const now = new Date();
  const overrides = await cachedOverrides(db, now);

  await db.transaction().execute(async (trx) => {
    const c = await repo.findCaseForUpdate(trx, id);
    if (!c) throw errors.notFound('工单');
    const relations = casePolicy.relations(actor, c);
    if (surface === 'member') {
      if (!relations.has('submitter')) throw errors.notFound('工单');
      for (const r of ['assignee', 'handler', 'supervisor'] as const) relations.delete(r);
    } else {
      relations.delete('submitter');
      if (!casePolicy.read(actor, c)) throw errors.notFound('工单');
    }
    const state = stateOf(c, await hasParentOrg(trx, c.org_id), await isPaid(trx, c));
    const settings = await cachedTypeSettings(db, c.type);
    const label = surface === 'member' ? (c.anonymous ? '匿名职工' : (c.contact_name_masked ?? '职工')) : actor.name;
    const step = new Step(trx, deps, c, actor, label, now);
    const check = (to: CaseStatus | null) => must(checkTransition(input.action, state, relations, to, now));
    const newResolveStage = () => {
      const t = stageTimes(now, settings.resolve_workdays, overrides);
      return { resolve_due_at: t.due, remind_at: t.remindAt, reminded_at: null, overdue_at: null, stage_started_at: now };
    };
    const acceptedNow = (): CasePatch => (c.accepted_at ? {} : { accepted_at: now, ...newResolveStage() });

    switch (input.action) {
      case 'accept': {
        check('accepted');
        await step.apply({ status: 'accepted', ...acceptedNow() }, { kind: 'accepted', note: input.note ?? null });
        break;
      }
      case 'reject': {
        check('rejected');
        await step.apply({ status: 'rejected', reject_reason: input.reason, closed_at: now }, { kind: 'rejected', note: input.reason });
        await tellSubmitter(trx, deps, c, { kind: 'case_rejected', title: '诉求未予受理', body: `您的${CASE_TYPE_LABELS[c.type as CaseType]}（${c.case_no}）不予受理：${input.reason}` });
        break;
      }
      case 'assign': {
        check('assigned');
        const target = await resolveAssignee(trx, c, input.assigneeId ?? null, input.teamId ?? null);
        const who = await trx.selectFrom('users').select('name').where('id', '=', target.userId).executeTakeFirstOrThrow();
        const patch = { status: 'assigned' as const, assignee_id: target.userId, team_id: target.teamId ?? c.team_id, assigned_at: now, ...acceptedNow() };
        await step.apply(patch, {
          kind: c.assignee_id ? 'reassigned' : 'assigned',
          note: `${c.assignee_id ? '改派' : '指派'}给 ${who.name}${target.partner ? '（承办人员）' : ''}${input.note ? `：${input.note}` : ''}`,
          data: { assigneeId: target.userId },
        });
        await tellAssignee(trx, deps, { id: c.id, case_no: c.case_no, type: c.type, resolve_due_at: patch.resolve_due_at ?? c.resolve_due_at }, target.userId);
        break;
      }
      case 'start': {
        check('in_progress');
        await step.apply({ status: 'in_progress' }, { kind: 'started', note: input.note ?? null });
        break;
      }
      case 'note': {
        check(null);
        const eventId = await step.apply({}, { kind: 'note', note: input.note, internal: input.internal });
        if (input.attachmentIds.length) {
          const n = await repo.attachFiles(trx, input.attachmentIds, c.id, eventId, actor.userId);
          if (n !== new Set(input.attachmentIds).size) throw errors.field('attachmentIds', '附件不存在或已被使用，请重新上传');
        }
        if (!input.internal) await tellSubmitter(trx, deps, c, { kind: 'case_progress', title: '诉求办理有新进展', body: `${c.case_no}：${input.note.slice(0, 60)}` });
        break;
      }
      case 'resolve': {
        check('resolved');
        const eventId = await step.apply({ status: 'resolved', reply: input.reply, resolved_at: now, ...(c.accepted_at ? {} : { accepted_at: now }) }, { kind: 'resolved', note: input.reply });
        if (input.attachmentIds.length) {
          const n = await repo.attachFiles(trx, input.attachmentIds, c.id, eventId, actor.userId);
          if (n !== new Set(input.attachmentIds).size) throw errors.field('attachmentIds', '附件不存在或已被使用，请重新上传');
        }
        await tellResolved(trx, deps, c);
        await resolveMergedChildren(trx, deps, c, input.reply, now);
        break;
      }
      case 'escalate': {
        check('accepted');
        const parent = await trx
          .selectFrom('orgs as o')
          .innerJoin('orgs as p', 'p.id', 'o.parent_id')
          .select(['p.id', 'p.path', 'p.name'])
          .where('o.id', '=', c.org_id)
          .executeTakeFirstOrThrow();
        await moveToOrg(step, c, parent, { kind: 'escalated', note: `上报${parent.name}：${input.note}` });
        break;
      }
      case 'transfer': {
        check('accepted');
        const to = await trx.selectFrom('orgs').select(['id', 'path', 'name']).where('id', '=', input.toOrgId).executeTakeFirst();
        if (!to || to.id === c.org_id || !to.path.startsWith(c.org_path)) throw errors.field('toOrgId', '只能转办给本级工会的下级组织');
        await moveToOrg(step, c, to, { kind: 'transferred', note: `转办${to.name}：${input.note}` });
        break;
      }
      case 'give_back': {
        check('accepted');
        await step.apply({ status: 'accepted', assignee_id: null, assigned_at: null }, { kind: 'given_back', note: input.note });
        await tellOrgHandlers(trx, deps, { orgId: c.org_id, teamId: c.team_id }, { kind: 'case_given_back', title: '工单被退回', body: `${c.case_no} 被承办人退回：${input.note}`, link: `/admin/cases/${c.id}` });
        break;
      }
      case 'supervise': {
        check(null);
        const due = endOfChinaDay(input.dueAt);
        if (due <= now) throw errors.field('dueAt', '督办期限必须晚于今天');
        await step.apply({ supervised_at: now, supervised_by: actor.userId, supervise_due_at: due, supervise_note: input.note, supervise_overdue_at: null }, { kind: 'supervised', note: `督办（期限 ${input.dueAt}）：${input.note}` });
        const people = new Set([...(c.assignee_id ? [c.assignee_id] : []), ...(await orgHandlerIds(trx, { orgId: c.org_id, teamId: null }))]);
        for (const userId of people) {
          await notify(trx, deps, {
            userId, kind: 'case_supervised', title: '工单已列入督办', body: `${c.case_no} 已列入督办，请于 ${input.dueAt} 前办结：${input.note}`, link: `/admin/cases/${c.id}`,
            ...(userId === c.assignee_id ? { sms: { template: 'case_supervised', params: { no: c.case_no, due: input.dueAt } } } : {}),
          });
        }
        break;
      }
      case 'unsupervise': {
        check(null);
        await step.apply({ supervised_at: null, supervised_by: null, supervise_due_at: null, supervise_note: null, supervise_overdue_at: null }, { kind: 'unsupervised', note: input.note ?? null, internal: true });
        break;
      }
      case 'merge': {
        check(null);
        if (input.parentId === c.id) throw errors.field('parentId', '不能合并到自身');
        const parent = await repo.findCaseForUpdate(trx, input.parentId);
        if (!parent || parent.org_id !== c.org_id || parent.parent_id || !isOpen(parent.status as CaseStatus)) {
          throw errors.field('parentId', '主工单须是同一承办单位正在办理的工单');
        }
        const kids = await trx.selectFrom('cases').select('id').where('parent_id', '=', c.id).limit(1).executeTakeFirst();
        if (kids) throw errors.conflict('CASE_HAS_CHILDREN', '该工单已是其他工单的主工单，不能再合并');
        await step.apply({ parent_id: parent.id, assignee_id: parent.assignee_id, team_id: parent.team_id }, { kind: 'merged', note: `并入共性诉求 ${parent.case_no} 集中处理${input.note ? `：${input.note}` : ''}`, data: { parentId: parent.id } });
        await repo.addEvent(trx, { caseId: parent.id, kind: 'merged_child', actorId: actor.userId, actorLabel: actor.name, note: `合并同类诉求 ${c.case_no}`, internal: true, data: { childId: c.id }, at: now });
        break;
      }
      case 'assess': {
        const eligible = INJURY_CHECKLIST.every((k) => input.checklist[k.key]);
        const failed = INJURY_CHECKLIST.filter((k) => !input.checklist[k.key]).map((k) => k.label);
        let assignee: string | null = null;
        if (eligible) {
          const socialTeam = await trx.selectFrom('case_teams').select('id').where('org_id', '=', c.org_id).where('skill', '=', 'social').limit(1).executeTakeFirst();
          const teamId = socialTeam?.id ?? c.team_id;
          const picked = teamId ? await pickAssignee(trx, teamId) : null;
          assignee = picked?.id ?? null;
          check(assignee ? 'assigned' : 'accepted');
          const accepted = acceptedNow();
          await step.apply({ status: 'accepted', eligibility: JSON.stringify(input.checklist), eligible: true, ...accepted }, { kind: 'assessed', note: `资格核查通过${input.note ? `：${input.note}` : ''}`, data: { checklist: input.checklist } });
          if (picked) {
            await step.apply({ status: 'assigned', assignee_id: picked.id, team_id: teamId, assigned_at: now }, { kind: 'assigned', note: `探视任务自动指派给 ${picked.name}（社工）`, data: { assigneeId: picked.id }, label: SYSTEM });
            await tellAssignee(trx, deps, { id: c.id, case_no: c.case_no, type: c.type, resolve_due_at: c.resolve_due_at }, picked.id, picked.phoneEnc);
          }
        } else {
          check('rejected');
          const reason = `不符合工伤探视条件：${failed.join('、')}`;
          await step.apply({ status: 'rejected', eligibility: JSON.stringify(input.checklist), eligible: false, reject_reason: reason, closed_at: now }, { kind: 'assessed', note: `${reason}${input.note ? `（${input.note}）` : ''}`, data: { checklist: input.checklist } });
          await tellSubmitter(trx, deps, c, { kind: 'case_rejected', title: '工伤探视申请未通过核查', body: `${c.case_no}：${reason}` });
        }
        break;
      }
      case 'visit': {
        check('in_progress');
        await step.apply({ status: 'in_progress' }, { kind: 'visited', note: `${input.visitedOn} 探视：${input.note}` });
        break;
      }
      case 'pay': {
        // a retry of a recorded payment (same key) is answered before the one-payment guard
        const prior = await trx.selectFrom('case_payments').select(['case_id', 'amount_fen']).where('idem_key', '=', input.idemKey).executeTakeFirst();
        if (prior) {
          if (prior.case_id !== c.id || Number(prior.amount_fen) !== input.amountFen) throw errors.conflict('IDEMPOTENCY_KEY_REUSED', '该付款标识已用于另一笔付款');
          break;
        }
        check(null);
        await recordCondolence(trx, deps, step, c, input, meta);
        break;
      }
      case 'refer': {
        check(null);
        // the new case is created after this transaction (its own routing and SLA); see below
        break;
      }
      case 'rate': {
        check('closed');
        await step.apply({ status: 'closed', rating: input.rating, rating_comment: input.comment ?? null, rated_at: now, closed_at: now }, { kind: 'rated', note: `评价 ${'★'.repeat(input.rating)}${input.comment ? `：${input.comment}` : ''}`, data: { rating: input.rating } });
        await sampleFollowup(trx, c, settings.followup_percent, now, overrides);
        break;
      }
      case 'reopen': {
        const to: CaseStatus = c.assignee_id ? 'in_progress' : 'accepted';
        check(to);
        await step.apply({ status: to, reopen_count: c.reopen_count + 1, resolved_at: null, closed_at: null, rating: null, rating_comment: null, rated_at: null, ...newResolveStage() }, { kind: 'reopened', note: input.reason });
        if (c.assignee_id) {
          await notify(trx, deps, { userId: c.assignee_id, kind: 'case_reopened', title: '工单被要求重新办理', body: `${c.case_no}：${input.reason}`, link: `/admin/cases/${c.id}` });
        } else {
          await tellOrgHandlers(trx, deps, { orgId: c.org_id, teamId: c.team_id }, { kind: 'case_reopened', title: '工单被要求重新办理', body: `${c.case_no}：${input.reason}`, link: `/admin/cases/${c.id}` });
        }
        break;
      }
      case 'withdraw': {
        check('withdrawn');
        await step.apply({ status: 'withdrawn', closed_at: now }, { kind: 'withdrawn', note: input.reason ?? null });
        break;
      }
    }
  });

  if (input.action === 'refer') await referCase(deps, actor, id, input.type, input.note);
  return surface === 'member' ? getMyCase(deps, actor, id) : getConsoleCase(deps, actor, id);
}

/** One write of a step: patch + timeline event + refreshed timers (every step resets "unchanged for 3 days"). */
class Step {
  constructor(
    readonly trx: Db,
    readonly deps: AppDeps,
    readonly c: CaseRow,
    readonly actor: Actor,
    readonly label: string,
    readonly now: Date,
  ) {}

  async apply(
    patch: CasePatch,
    event: { kind: string; note: string | null; internal?: boolean; data?: Record<string, unknown>; label?: string },
  ): Promise<string> {
    const from = this.c.status;
    Object.assign(this.c, patch, { last_step_at: this.now, stale_reminded_at: null, updated_at: this.now });
    if (patch.eligibility !== undefined) this.c.eligibility = JSON.parse(patch.eligibility) as Record<string, unknown>;
    const next = nextTimerAt(this.c);
    await this.trx
      .updateTable('cases')
      .set({ ...(patch as object), last_step_at: this.now, stale_reminded_at: null, updated_at: this.now, next_timer_at: next } as never)
      .where('id', '=', this.c.id)
      .execute();
    const to = this.c.status;
    return repo.addEvent(this.trx, {
      caseId: this.c.id,
      kind: event.kind,
      actorId: event.label === SYSTEM ? null : this.actor.userId,
      actorLabel: event.label ?? this.label,
      fromStatus: from !== to ? from : null,
      toStatus: from !== to ? to : null,
      note: event.note,
      internal: event.internal ?? false,
      data: event.data ?? null,
      at: this.now,
    });
  }
}

async function moveToOrg(step: Step, c: CaseRow, to: { id: string; path: string; name: string }, event: { kind: string; note: string }) {
  const team = await step.trx.selectFrom('case_teams').select('id').where('org_id', '=', to.id).where('skill', '=', 'general').limit(1).executeTakeFirst();
  const accepted = c.accepted_at ? {} : { accepted_at: step.now };
  await step.apply({ status: 'accepted', org_id: to.id, org_path: to.path, team_id: team?.id ?? null, assignee_id: null, assigned_at: null, ...accepted }, event);
  await tellOrgHandlers(step.trx, step.deps, { orgId: to.id, teamId: team?.id ?? null }, {
    kind: 'case_transferred', title: '收到转来的工单', body: `${c.case_no}：${event.note}`, link: `/admin/cases/${c.id}`,
  });
}

async function resolveAssignee(trx: Db, c: CaseRow, assigneeId: string | null, teamId: string | null): Promise<{ userId: string; teamId: string | null; partner: boolean }> {
  if (teamId) {
    const team = await trx.selectFrom('case_teams').select(['id', 'org_path']).where('id', '=', teamId).executeTakeFirst();
    if (!team || !team.org_path.startsWith(c.org_path)) throw errors.field('teamId', '请选择本单位或下级的承办团队');
    if (assigneeId) {
      const m = await trx.selectFrom('case_team_members').select('user_id').where('team_id', '=', teamId).where('user_id', '=', assigneeId).executeTakeFirst();
      if (!m) throw errors.field('assigneeId', '该人员不在所选团队');
      return { userId: assigneeId, teamId, partner: await isPartner(trx, assigneeId) };
    }
    const picked = await pickAssignee(trx, teamId);
    if (!picked) throw errors.conflict('TEAM_NOBODY_ON_DUTY', '该团队当前没有在岗人员，请选择具体承办人');
    return { userId: picked.id, teamId, partner: await isPartner(trx, picked.id) };
  }
  const id = assigneeId!;
  // team members of teams at the org or below, or people posted at the org or below
  const inTeam = await trx
    .selectFrom('case_team_members as tm')
    .innerJoin('case_teams as t', 't.id', 'tm.team_id')
    .select(['t.id'])
    .where('tm.user_id', '=', id)
    .where(inScope('t.org_path', [c.org_path]))
    .limit(1)
    .executeTakeFirst();
  const posted = await trx
    .selectFrom('role_assignments')
    .select('role')
    .where('user_id', '=', id)
    .where('role', 'in', HANDLER_ROLES)
    .where(inScope('org_path', [c.org_path]))
    .limit(1)
    .executeTakeFirst();
  if (!inTeam && !posted) throw errors.field('assigneeId', '承办人须是本单位（或下级）的干部、团队成员或承办人员');
  return { userId: id, teamId: inTeam?.id ?? null, partner: await isPartner(trx, id) };
}

async function isPartner(trx: Db, userId: string): Promise<boolean> {
  const r = await trx.selectFrom('role_assignments').select('id').where('user_id', '=', userId).where('role', '=', 'partner').limit(1).executeTakeFirst();
  return !!r;
}

async function tellResolved(trx: Db, deps: AppDeps, c: CaseRow) {
  const type = CASE_TYPE_LABELS[c.type as CaseType];
  await tellSubmitter(trx, deps, c, {
    kind: 'case_resolved', title: '您的诉求已办结', body: `${type}（${c.case_no}）已办结，请查看答复并评价。`,
    sms: { template: 'case_resolved', params: { type, no: c.case_no } },
  });
}

/** 共性诉求集中答复: the parent's reply resolves every open merged child, and each submitter is told. */
async function resolveMergedChildren(trx: Db, deps: AppDeps, parent: CaseRow, reply: string, now: Date) {
  const kids = await trx.selectFrom('cases').selectAll().where('parent_id', '=', parent.id).where('status', 'in', OPEN_CASE_STATUSES as CaseStatus[]).forUpdate().execute();
  for (const kid of kids) {
    must(checkTransition('parent_resolved', stateOf(kid, true), new Set<Relation>(['system']), 'resolved', now));
    const step = new Step(trx, deps, kid, { userId: '', name: SYSTEM } as Actor, SYSTEM, now);
    await step.apply({ status: 'resolved', reply, resolved_at: now, ...(kid.accepted_at ? {} : { accepted_at: now }) }, { kind: 'resolved', note: `共性诉求集中答复（主工单 ${parent.case_no}）：${reply}`, label: SYSTEM });
    await tellResolved(trx, deps, kid);
  }
}

/** 回头看: a configurable share of closed cases is revisited; the pick is a hash of the id (stable, auditable). */
export async function sampleFollowup(trx: Db, c: { id: string; org_id: string; org_path: string }, percent: number, now: Date, overrides: Map<string, boolean>) {
  if (percent <= 0) return;
  const bucket = createHash('sha256').update(c.id).digest().readUInt16BE(0) % 100;
  if (bucket >= percent) return;
  await trx
    .insertInto('case_followups')
    .values({ id: uuidv7(), case_id: c.id, org_id: c.org_id, org_path: c.org_path, due_at: addWorkdaysWith(now, 10, overrides) })
    .onConflict((oc) => oc.column('case_id').doNothing())
    .execute();
}

/** 慰问金: one ledger row per case, integer fen; the same idempotency key replays as a no-op. */
async function recordCondolence(trx: Db, deps: AppDeps, step: Step, c: CaseRow, input: Extract<ReturnType<typeof caseActionSchema.parse>, { action: 'pay' }>, meta: RequestMeta) {
  const paid = await trx.selectFrom('case_payments').select('id').where('case_id', '=', c.id).where('purpose', '=', 'condolence').executeTakeFirst();
  if (paid) throw errors.conflict('ALREADY_PAID', '该工单已发放过慰问金');
  const id = uuidv7();
  await trx
    .insertInto('case_payments')
    .values({ id, case_id: c.id, org_id: c.org_id, org_path: c.org_path, purpose: 'condolence', amount_fen: input.amountFen, method: input.method, idem_key: input.idemKey, recorded_by: step.actor.userId, note: input.note ?? null })
    .execute();
  await step.apply({}, { kind: 'paid', note: `发放慰问金 ${(input.amountFen / 100).toFixed(2)} 元（${{ bank: '银行转账', card: '工会卡', cash: '现金' }[input.method]}）`, data: { paymentId: id, amountFen: input.amountFen } });
  await recordAudit(trx, { actorId: step.actor.userId, orgId: c.org_id, orgPath: c.org_path, action: 'case.payment', targetType: 'case', targetId: c.id, ip: meta.ip, details: { amountFen: input.amountFen, method: input.method } });
  await tellSubmitter(trx, deps, c, { kind: 'case_paid', title: '慰问金已发放', body: `工伤探视慰问金 ${(input.amountFen / 100).toFixed(2)} 元已发放，请注意查收。` });
}

/** 一键转介: a linked legal-aid / counselling case for the same person, routed by its own rules. */
async function referCase(deps: AppDeps, actor: Actor, id: string, type: 'legal_aid' | 'counselling', note: string) {
  const { db } = deps.database;
  const c = (await repo.findCase(db, id))!;
  const origin = await db.selectFrom('orgs').select(['id', 'path', 'kind']).where('id', '=', c.origin_org_id).executeTakeFirstOrThrow();
  const fields = c.fields as Record<string, unknown>;
  const baseFields: Record<string, unknown> =
    type === 'legal_aid' ? { employer: String(fields.employer ?? '未填写'), disputeKind: '工伤赔偿' } : { mode: '面谈', urgency: '一般' };
  const r = await createCase(deps, {
    input: caseSubmitSchema.parse({
      type, content: `由工伤探视工单 ${c.case_no} 转介：${note}\n\n原诉求：${c.content}`, title: `${CASE_TYPE_LABELS[type]}（转介自 ${c.case_no}）`,
      fields: baseFields, clientKey: `refer-${c.id.replace(/-/g, '')}-${type}`.slice(0, 64),
    }),
    channel: 'referral', origin, submitterUserId: c.submitter_user_id, memberId: c.member_id, filedBy: actor.userId,
    submitterKey: `r:${c.id}`, contactName: c.contact_name_enc ? deps.cipher.decrypt(c.contact_name_enc) : null,
    contactPhone: c.contact_phone_enc ? deps.cipher.decrypt(c.contact_phone_enc) : null, uploaderId: actor.userId,
    actorLabel: `${actor.name}（转介）`, relatedCaseId: c.id,
  });
  if (r.created) {
    await db.transaction().execute(async (trx) => {
      const locked = (await repo.findCaseForUpdate(trx, id))!;
      const created = await trx.selectFrom('cases').select('case_no').where('id', '=', r.id).executeTakeFirstOrThrow();
      await new Step(trx, deps, locked, actor, actor.name, new Date()).apply({}, { kind: 'referred', note: `转介${CASE_TYPE_LABELS[type]}：${created.case_no}（${note}）`, data: { caseId: r.id } });
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Reads

function dueOf(r: { status: string; accept_due_at: Date | null; resolve_due_at: Date | null }): Date | null {
  return stageDueAt({ status: r.status as CaseStatus, accept_due_at: r.accept_due_at, resolve_due_at: r.resolve_due_at });
}

function submitterLabel(r: { anonymous: boolean; contact_name_masked: string | null }): string {
  return r.anonymous ? '匿名职工' : (r.contact_name_masked ?? '职工');
}

export function toItem(r: repo.CaseListRow, now = new Date()): CaseItem {
  const due = dueOf(r);
  return {
    id: r.id,
    caseNo: r.case_no,
    type: r.type as CaseType,
    category: r.category_name,
    title: r.title,
    status: r.status as CaseStatus,
    channel: r.channel,
    orgId: r.org_id,
    orgName: r.org_name,
    originOrgName: r.origin_org_name,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    teamName: r.team_name,
    submitter: submitterLabel(r),
    anonymous: r.anonymous,
    createdAt: r.created_at.toISOString(),
    dueAt: due?.toISOString() ?? null,
    overdue: r.overdue_at !== null || (due !== null && due < now && isOpen(r.status as CaseStatus)),
    supervised: r.supervised_at !== null,
    superviseDueAt: r.supervise_due_at?.toISOString() ?? null,
    rating: r.rating,
    likes: r.likes,
    parentId: r.parent_id,
  };
}

async function detailOf(deps: AppDeps, actor: Actor, id: string, surface: Surface): Promise<CaseDetail> {
  const { db } = deps.database;
  // the list columns and the full row in one read
  const row = await repo.caseListQuery(db).selectAll('c').where('c.id', '=', id).executeTakeFirst();
  if (!row) throw errors.notFound('工单');
  const c = row as unknown as CaseRow;
  const now = new Date();
  const relations = casePolicy.relations(actor, c);
  if (surface === 'member') {
    if (!relations.has('submitter')) throw errors.notFound('工单');
    for (const r of ['assignee', 'handler', 'supervisor'] as const) relations.delete(r);
  } else {
    if (!casePolicy.read(actor, c)) throw errors.notFound('工单');
    relations.delete('submitter');
  }
  // only what this case can have is read (a fresh appeal: events, attachments, relations)
  const none = Promise.resolve(undefined);
  const [events, attachments, payments, related, liked, followup, parentOrg] = await Promise.all([
    repo.caseEvents(db, id),
    repo.caseAttachments(db, id),
    c.type === 'injury_visit'
      ? db.selectFrom('case_payments as p').leftJoin('users as u', 'u.id', 'p.recorded_by').select(['p.id', 'p.amount_fen', 'p.method', 'p.created_at', 'u.name']).where('p.case_id', '=', id).execute()
      : Promise.resolve([]),
    relatedCases(db, c),
    c.is_public ? db.selectFrom('case_likes').select('case_id').where('case_id', '=', id).where('user_id', '=', actor.userId).executeTakeFirst() : none,
    surface === 'console' && c.closed_at ? db.selectFrom('case_followups').select(['status', 'due_at', 'result', 'satisfied']).where('case_id', '=', id).executeTakeFirst() : none,
    surface === 'console' ? hasParentOrg(db, c.org_id) : Promise.resolve(false),
  ]);
  const visibleEvents = surface === 'member' ? events.filter((e) => !e.internal) : events;
  const attachmentsOf = (eventId: string | null) => attachments.filter((a) => a.event_id === eventId).map((a) => ({ id: a.id, name: a.name, mime: a.mime, size: a.size }));
  const state = stateOf(c, parentOrg, payments.length > 0);
  let actions = availableActions(state, relations, now);
  if (surface === 'member') actions = actions.filter((a) => MEMBER_ACTIONS.includes(a));
  else actions = actions.filter((a) => !MEMBER_ACTIONS.includes(a));
  return {
    ...toItem(row as repo.CaseListRow, now),
    // an anonymous submitter is anonymous in the console too; they see their own name
    content: c.content,
    fields: c.fields as Record<string, unknown>,
    isPublic: c.is_public,
    contactPhone: surface === 'member' || !c.anonymous ? c.contact_phone_masked : null,
    reply: c.reply,
    rejectReason: c.reject_reason,
    ratingComment: c.rating_comment,
    acceptDueAt: c.accept_due_at?.toISOString() ?? null,
    resolveDueAt: c.resolve_due_at?.toISOString() ?? null,
    resolvedAt: c.resolved_at?.toISOString() ?? null,
    closedAt: c.closed_at?.toISOString() ?? null,
    supervisedNote: c.supervise_note,
    eligibility: (c.eligibility as Record<string, boolean> | null) ?? null,
    eligible: c.eligible,
    payments: payments.map((p) => ({ id: p.id, amountFen: Number(p.amount_fen), method: p.method, at: p.created_at.toISOString(), recordedBy: surface === 'member' ? null : p.name })),
    relatedCases: related,
    attachments: attachmentsOf(null).concat(attachments.filter((a) => a.event_id !== null && visibleEvents.some((e) => e.id === a.event_id && e.kind === 'submitted')).map((a) => ({ id: a.id, name: a.name, mime: a.mime, size: a.size }))),
    followup: followup ? { status: followup.status, dueAt: followup.due_at.toISOString(), result: followup.result, satisfied: followup.satisfied } : null,
    events: visibleEvents.map((e) => ({
      id: e.id,
      kind: e.kind,
      label: EVENT_LABELS[e.kind] ?? e.kind,
      actor: e.actor_label,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      note: e.note,
      internal: e.internal,
      at: e.at.toISOString(),
      attachments: e.kind === 'submitted' ? [] : attachmentsOf(e.id),
    })),
    actions,
    liked: !!liked,
  };
}

const EVENT_LABELS: Record<string, string> = {
  submitted: '提报',
  accepted: '受理',
  assigned: '指派',
  reassigned: '改派',
  started: '开始办理',
  note: '办理记录',
  resolved: '办结答复',
  rejected: '不予受理',
  escalated: '逐级上报',
  transferred: '转办',
  given_back: '退回',
  supervised: '督办',
  unsupervised: '解除督办',
  supervise_overdue: '督办超期',
  merged: '合并处理',
  merged_child: '合并同类诉求',
  assessed: '资格核查',
  visited: '探视',
  paid: '慰问金发放',
  referred: '转介服务',
  rated: '评价',
  reopened: '重新办理',
  withdrawn: '撤回',
  auto_closed: '自动关闭',
  sla_reminded: '时限提醒',
  overdue: '超期',
  stale_reminded: '催办提醒',
  followup_done: '回头看',
};

async function relatedCases(db: Db, c: CaseRow): Promise<CaseDetail['relatedCases']> {
  const out: CaseDetail['relatedCases'] = [];
  const up = [c.related_case_id, c.parent_id].filter((x): x is string => !!x);
  // what points at this case (referrals made from it, cases merged into it) and what it points at, in one read
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'case_no', 'type', 'status', 'related_case_id', 'parent_id'])
    .where((eb) => eb.or([eb('related_case_id', '=', c.id), eb('parent_id', '=', c.id), ...(up.length ? [eb('id', 'in', up)] : [])]))
    .orderBy('created_at')
    .limit(201)
    .execute();
  for (const r of rows) {
    const relation = r.id === c.related_case_id ? 'referred_from' : r.id === c.parent_id ? 'parent' : r.related_case_id === c.id ? 'referred_to' : 'merged';
    out.push({ id: r.id, caseNo: r.case_no, type: r.type as CaseType, status: r.status as CaseStatus, relation });
  }
  return out;
}

export const getMyCase = (deps: AppDeps, actor: Actor, id: string) => detailOf(deps, actor, id, 'member');
export const getConsoleCase = (deps: AppDeps, actor: Actor, id: string) => detailOf(deps, actor, id, 'console');

export async function listMyCases(deps: AppDeps, actor: Actor, q: { cursor?: string | undefined; limit: number }) {
  let query = repo.caseListQuery(deps.database.db).where('c.submitter_user_id', '=', actor.userId);
  const after = decodeCursor(q.cursor, 2);
  if (after) query = query.where(sql<boolean>`(c.created_at, c.id) < (${new Date(String(after[0]))}, ${String(after[1])}::uuid)`);
  const rows = await query.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(q.limit + 1).execute();
  return toPage(rows, q.limit, (r) => [r.created_at.toISOString(), r.id], (r) => toItem(r));
}

type ListQuery = { box: CaseBox; orgId?: string | undefined; type?: CaseType | undefined; status?: CaseStatus | undefined; q?: string | undefined; cursor?: string | undefined; limit: number };


/**
 * The console queues. Each box is one indexed query: 我的待办 by (assignee, deadline), 团队待办 by team,
 * 待受理/待指派, 已超期 and 督办件 by the handling org's path, 全部 by handling or origin path.
 */
async function boxQuery(deps: AppDeps, actor: Actor, q: Omit<ListQuery, 'cursor' | 'limit'>) {
  const { db } = deps.database;
  let query = repo.caseListQuery(db);
  switch (q.box) {
    case 'mine':
      query = query.where('c.assignee_id', '=', actor.userId).where('c.status', 'in', ['assigned', 'in_progress']);
      break;
    case 'team': {
      const teams = await db.selectFrom('case_team_members').select('team_id').where('user_id', '=', actor.userId).execute();
      if (teams.length === 0) return null;
      query = query.where('c.team_id', 'in', teams.map((t) => t.team_id)).where('c.status', 'in', OPEN_CASE_STATUSES as CaseStatus[]);
      break;
    }
    case 'unassigned': {
      const scope = await scopeWithin(deps, actor, 'case.handle', q.orgId);
      query = query.where('c.status', 'in', ['submitted', 'accepted']).where(inScope('c.org_path', scope));
      break;
    }
    case 'overdue': {
      const scope = await scopeWithin(deps, actor, 'case.read', q.orgId);
      query = query.where('c.overdue_at', 'is not', null).where('c.status', 'in', OPEN_CASE_STATUSES as CaseStatus[]).where(inScope('c.org_path', scope));
      break;
    }
    case 'supervised': {
      const scope = await scopeWithin(deps, actor, 'case.read', q.orgId);
      query = query.where('c.supervised_at', 'is not', null).where(inScope('c.org_path', scope));
      break;
    }
    case 'followup': {
      const scope = await scopeWithin(deps, actor, 'case.handle', q.orgId);
      query = query.innerJoin('case_followups as f', 'f.case_id', 'c.id').where('f.status', '=', 'open').where(inScope('f.org_path', scope));
      break;
    }
    case 'filed':
      query = query.where('c.filed_by', '=', actor.userId);
      break;
    case 'all': {
      const scope = await scopeWithin(deps, actor, 'case.read', q.orgId);
      query = query.where((eb) => eb.or([inScope('c.org_path', scope), inScope('c.origin_path', scope), eb('c.assignee_id', '=', actor.userId)]));
      break;
    }
  }
  if (q.type) query = query.where('c.type', '=', q.type);
  if (q.status) query = query.where('c.status', '=', q.status);
  if (q.q) {
    const term = q.q.trim();
    query = /^GH\d{6,}$/i.test(term) ? query.where('c.case_no', '=', term.toUpperCase()) : query.where('c.title', 'ilike', `%${term.replace(/[\\%_]/g, (x) => `\\${x}`)}%`);
  }
  return query;
}

/**
 * The console queues. Each box is one indexed query: 我的待办 by (assignee, deadline), 团队待办 by team,
 * 待受理/待指派, 已超期 and 督办件 by the handling org's path, 全部 by handling or origin path.
 */
export async function listCases(deps: AppDeps, actor: Actor, q: ListQuery) {
  const query = await boxQuery(deps, actor, q);
  if (!query) return { items: [], nextCursor: null };
  const after = decodeCursor(q.cursor, 2);
  if (q.box === 'mine') {
    const rows = await (after ? query.where(sql<boolean>`(c.resolve_due_at, c.id) > (${new Date(String(after[0]))}, ${String(after[1])}::uuid)`) : query)
      .orderBy('c.resolve_due_at').orderBy('c.id').limit(q.limit + 1).execute();
    return toPage(rows, q.limit, (r) => [(r.resolve_due_at ?? new Date(0)).toISOString(), r.id], (r) => toItem(r));
  }
  const rows = await (after ? query.where(sql<boolean>`(c.created_at, c.id) < (${new Date(String(after[0]))}, ${String(after[1])}::uuid)`) : query)
    .orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(q.limit + 1).execute();
  return toPage(rows, q.limit, (r) => [r.created_at.toISOString(), r.id], (r) => toItem(r));
}

/** Tab badges; counted up to COUNT_CAP so a province-wide view stays cheap (the UI shows "999+"). */
export const COUNT_CAP = 999;
export async function caseCounts(deps: AppDeps, actor: Actor, orgId: string | undefined) {
  const boxes = ['mine', 'team', 'unassigned', 'overdue', 'supervised', 'followup'] as const;
  const out = {} as Record<(typeof boxes)[number], number>;
  for (const box of boxes) {
    const query = await boxQuery(deps, actor, { box, orgId });
    if (!query) {
      out[box] = 0;
      continue;
    }
    const r = await deps.database.db
      .selectFrom(query.clearSelect().select('c.id').limit(COUNT_CAP + 1).as('x'))
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    out[box] = r.n;
  }
  return out;
}

export async function assigneesFor(deps: AppDeps, actor: Actor, id: string) {
  const { db } = deps.database;
  const c = await repo.findCase(db, id);
  if (!c || !casePolicy.read(actor, c) || !casePolicy.relations(actor, c).has('handler')) throw errors.notFound('工单');
  const { team, posted } = await repo.handlersAt(db, c.org_id, HANDLER_ROLES);
  const ids = [...new Set([...team.map((t) => t.user_id), ...posted.map((p) => p.user_id)])];
  const load = await repo.openLoad(db, ids);
  const partners = new Set(posted.filter((p) => p.role === 'partner').map((p) => p.user_id));
  const seen = new Set<string>();
  const out: { userId: string; name: string; teamId: string | null; teamName: string | null; openCases: number; onDuty: boolean; partner: boolean }[] = [];
  for (const t of team) {
    out.push({ userId: t.user_id, name: t.name, teamId: t.team_id, teamName: t.team_name, openCases: load.get(t.user_id) ?? 0, onDuty: t.on_duty, partner: partners.has(t.user_id) });
    seen.add(t.user_id);
  }
  for (const p of posted) {
    if (seen.has(p.user_id)) continue;
    seen.add(p.user_id);
    out.push({ userId: p.user_id, name: p.name, teamId: null, teamName: null, openCases: load.get(p.user_id) ?? 0, onDuty: true, partner: p.role === 'partner' });
  }
  return out.sort((a, b) => Number(b.onDuty) - Number(a.onDuty) || a.openCases - b.openCases);
}

export async function mergeCandidates(deps: AppDeps, actor: Actor, id: string, q: string | undefined) {
  const { db } = deps.database;
  const c = await repo.findCase(db, id);
  if (!c || !casePolicy.read(actor, c) || !casePolicy.relations(actor, c).has('handler')) throw errors.notFound('工单');
  let query = repo
    .caseListQuery(db)
    .where('c.org_id', '=', c.org_id)
    .where('c.id', '!=', c.id)
    .where('c.parent_id', 'is', null)
    .where('c.status', 'in', OPEN_CASE_STATUSES as CaseStatus[]);
  if (q) query = query.where((eb) => eb.or([eb('c.case_no', '=', q.toUpperCase()), eb('c.title', 'ilike', `%${q.replace(/[\\%_]/g, (x) => `\\${x}`)}%`)]));
  const rows = await query.orderBy(sql`c.type = ${c.type}`, 'desc').orderBy('c.created_at', 'desc').limit(20).execute();
  return rows.map((r) => toItem(r));
}

/** 查看联系方式: the handler calls the worker back; every view is audited; anonymous stays anonymous. */
export async function revealContact(deps: AppDeps, actor: Actor, id: string, meta: RequestMeta) {
  const { db } = deps.database;
  const c = await repo.findCase(db, id);
  if (!c || !casePolicy.read(actor, c)) throw errors.notFound('工单');
  if (!casePolicy.revealContact(actor, c)) throw errors.forbidden('只有承办人和本单位办理人员可以查看联系方式');
  if (c.anonymous) throw errors.conflict('CASE_ANONYMOUS', '匿名诉求不提供联系方式，请通过平台答复');
  return db.transaction().execute(async (trx) => {
    await recordAudit(trx, { actorId: actor.userId, orgId: c.org_id, orgPath: c.org_path, action: 'case.contact.reveal', targetType: 'case', targetId: c.id, ip: meta.ip });
    return { name: c.contact_name_enc ? deps.cipher.decrypt(c.contact_name_enc) : '', phone: c.contact_phone_enc ? deps.cipher.decrypt(c.contact_phone_enc) : '' };
  });
}

export async function completeFollowup(deps: AppDeps, actor: Actor, caseId: string, input: { result: string; satisfied: boolean }) {
  const { db } = deps.database;
  await db.transaction().execute(async (trx) => {
    const f = await trx.selectFrom('case_followups').selectAll().where('case_id', '=', caseId).forUpdate().executeTakeFirst();
    if (!f || !casePolicy.handleScope(actor)?.some((p) => f.org_path.startsWith(p)) && !actor.isSuperAdmin) throw errors.notFound('回头看任务');
    if (f.status === 'done') throw errors.conflict('FOLLOWUP_DONE', '该回头看任务已完成');
    const now = new Date();
    await trx.updateTable('case_followups').set({ status: 'done', result: input.result, satisfied: input.satisfied, done_by: actor.userId, done_at: now }).where('id', '=', f.id).execute();
    await repo.addEvent(trx, { caseId, kind: 'followup_done', actorId: actor.userId, actorLabel: actor.name, note: `回头看（${input.satisfied ? '职工满意' : '职工不满意'}）：${input.result}`, at: now });
  });
  return getConsoleCase(deps, actor, caseId);
}

// ---------------------------------------------------------------------------------------------
// 诉求广场: public appeals and likes

export async function listPublicCases(deps: AppDeps, actor: Actor, q: { cursor?: string | undefined; limit: number }) {
  const { db } = deps.database;
  let query = repo.caseListQuery(db).select(['c.content', 'c.reply']).where('c.is_public', '=', true).where('c.parent_id', 'is', null).where('c.status', 'not in', ['rejected', 'withdrawn']);
  const after = decodeCursor(q.cursor, 2);
  if (after) query = query.where(sql<boolean>`(c.created_at, c.id) < (${new Date(String(after[0]))}, ${String(after[1])}::uuid)`);
  const rows = await query.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(q.limit + 1).execute();
  const liked = new Set(
    rows.length
      ? (await db.selectFrom('case_likes').select('case_id').where('user_id', '=', actor.userId).where('case_id', 'in', rows.map((r) => r.id)).execute()).map((r) => r.case_id)
      : [],
  );
  return toPage(rows, q.limit, (r) => [r.created_at.toISOString(), r.id], (r) => ({ ...toItem(r), submitter: r.anonymous ? '匿名职工' : r.contact_name_masked ?? '职工', content: r.content, reply: r.reply, liked: liked.has(r.id) }));
}

/** 点赞: one like per person; liking twice or unliking twice changes nothing. */
export async function setLike(deps: AppDeps, actor: Actor, id: string, like: boolean) {
  const { db } = deps.database;
  return db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('cases').select(['id', 'is_public', 'status']).where('id', '=', id).executeTakeFirst();
    if (!c || !c.is_public || c.status === 'rejected' || c.status === 'withdrawn') throw errors.notFound('公开诉求');
    let delta = 0;
    if (like) {
      const r = await trx.insertInto('case_likes').values({ case_id: id, user_id: actor.userId }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
      delta = Number(r.numInsertedOrUpdatedRows ?? 0);
    } else {
      const r = await trx.deleteFrom('case_likes').where('case_id', '=', id).where('user_id', '=', actor.userId).executeTakeFirst();
      delta = -Number(r.numDeletedRows);
    }
    const row = await trx.updateTable('cases').set({ likes: sql`likes + ${delta}` }).where('id', '=', id).returning('likes').executeTakeFirstOrThrow();
    return { likes: row.likes, liked: like };
  });
}

