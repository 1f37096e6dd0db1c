import { CASE_TYPE_LABELS, CASE_TYPES, type CaseType, type TeamSkill } from '@gonghui/contracts';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../platform/access/actor';
import { inScope } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import { maskPhone } from '../../platform/crypto/pii';
import type { AppDeps, RequestMeta } from '../../platform/http/context';
import { errors } from '../../platform/http/errors';
import { casePolicy, scopeWithin } from './policy';
import { forgetCaseConfig } from './config-cache';
import { openLoad } from './repo';

/**
 * The engine's configuration. Types, categories and SLA are one set for the installation (kept by
 * province-level admins); teams, routing rules and intake QR codes belong to an org and are kept by
 * that org's admins (case.configure in its subtree). Every change is audited.
 */

function requireGlobal(actor: Actor) {
  if (!casePolicy.configureGlobal(actor)) throw errors.forbidden('事项类型、分类与时限由省级管理员统一设置');
}

async function configurableOrg(deps: AppDeps, actor: Actor, orgId: string) {
  const org = await deps.database.db.selectFrom('orgs').select(['id', 'path', 'name']).where('id', '=', orgId).executeTakeFirst();
  if (!org || !casePolicy.configureAt(actor, org)) throw errors.notFound('组织');
  return org;
}

async function audited<T>(deps: AppDeps, actor: Actor, meta: RequestMeta, entry: { action: string; orgId?: string; orgPath?: string; targetId?: string; details?: Record<string, unknown> }, work: (trx: AppDeps['database']['db']) => Promise<T>): Promise<T> {
  const out = await deps.database.db.transaction().execute(async (trx) => {
    const done = await work(trx);
    await recordAudit(trx, { actorId: actor.userId, orgId: entry.orgId ?? null, orgPath: entry.orgPath ?? null, action: entry.action, targetType: 'case_settings', targetId: entry.targetId ?? null, ip: meta.ip, details: entry.details ?? null });
    return done;
  });
  // settings and rules are cached per process for submissions: this process sees the change at once
  forgetCaseConfig(deps.database.db);
  return out;
}

// ---- types & SLA

export async function listTypeSettings(deps: AppDeps) {
  const rows = await deps.database.db.selectFrom('case_type_settings').selectAll().execute();
  const byType = new Map(rows.map((r) => [r.type, r]));
  return CASE_TYPES.map((type) => {
    const r = byType.get(type)!;
    return { type, label: CASE_TYPE_LABELS[type], enabled: r.enabled, acceptWorkdays: r.accept_workdays, resolveWorkdays: r.resolve_workdays, followupPercent: r.followup_percent };
  });
}

export async function updateTypeSetting(deps: AppDeps, actor: Actor, type: CaseType, input: { enabled: boolean; acceptWorkdays: number; resolveWorkdays: number; followupPercent: number }, meta: RequestMeta) {
  requireGlobal(actor);
  if (input.resolveWorkdays < input.acceptWorkdays) throw errors.field('resolveWorkdays', '办结时限不能短于受理时限');
  await audited(deps, actor, meta, { action: 'case.settings.type', targetId: type, details: { ...input } }, (trx) =>
    trx.updateTable('case_type_settings').set({ enabled: input.enabled, accept_workdays: input.acceptWorkdays, resolve_workdays: input.resolveWorkdays, followup_percent: input.followupPercent, updated_by: actor.userId, updated_at: new Date() }).where('type', '=', type).execute(),
  );
  return (await listTypeSettings(deps)).find((t) => t.type === type)!;
}

// ---- categories

export async function listCategories(deps: AppDeps, type?: CaseType) {
  let q = deps.database.db.selectFrom('case_categories').selectAll();
  if (type) q = q.where('type', '=', type);
  const rows = await q.orderBy('type').orderBy('sort').orderBy('name').execute();
  return rows.map((c) => ({ id: c.id, type: c.type as CaseType, name: c.name, sort: c.sort, enabled: c.enabled }));
}

export async function createCategory(deps: AppDeps, actor: Actor, input: { type: CaseType; name: string; sort: number; enabled: boolean }, meta: RequestMeta) {
  requireGlobal(actor);
  const id = uuidv7();
  await audited(deps, actor, meta, { action: 'case.settings.category.create', targetId: id, details: { ...input } }, async (trx) => {
    const r = await trx.insertInto('case_categories').values({ id, ...input }).onConflict((oc) => oc.columns(['type', 'name']).doNothing()).executeTakeFirst();
    if (!Number(r.numInsertedOrUpdatedRows ?? 0)) throw errors.conflict('CATEGORY_EXISTS', `「${CASE_TYPE_LABELS[input.type]}」下已有分类「${input.name}」`);
  });
  return (await listCategories(deps)).find((c) => c.id === id)!;
}

export async function updateCategory(deps: AppDeps, actor: Actor, id: string, input: { name?: string | undefined; sort?: number | undefined; enabled?: boolean | undefined }, meta: RequestMeta) {
  requireGlobal(actor);
  await audited(deps, actor, meta, { action: 'case.settings.category.update', targetId: id, details: { ...input } }, async (trx) => {
    const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    if (Object.keys(patch).length === 0) throw errors.field('name', '没有要修改的内容');
    try {
      const r = await trx.updateTable('case_categories').set(patch).where('id', '=', id).executeTakeFirst();
      if (!Number(r.numUpdatedRows)) throw errors.notFound('分类');
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw errors.conflict('CATEGORY_EXISTS', `已有同名分类「${input.name}」`);
      throw err;
    }
  });
  return (await listCategories(deps)).find((c) => c.id === id)!;
}

// ---- teams

export async function listTeams(deps: AppDeps, actor: Actor, orgId?: string) {
  const { db } = deps.database;
  const scope = await scopeWithin(deps, actor, 'case.handle', orgId);
  const teams = await db
    .selectFrom('case_teams as t')
    .innerJoin('orgs as o', 'o.id', 't.org_id')
    .select(['t.id', 't.org_id', 't.name', 't.skill', 'o.name as org_name'])
    .where(inScope('t.org_path', scope))
    .orderBy('t.org_path')
    .orderBy('t.name')
    .limit(500)
    .execute();
  if (teams.length === 0) return [];
  const members = await db
    .selectFrom('case_team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.team_id', 'm.user_id', 'm.on_duty', 'm.is_leader', 'u.name', 'u.phone_enc'])
    .select(sql<boolean>`EXISTS (SELECT 1 FROM role_assignments r WHERE r.user_id = m.user_id AND r.role = 'partner')`.as('partner'))
    .where('m.team_id', 'in', teams.map((t) => t.id))
    .orderBy('m.created_at')
    .execute();
  const load = await openLoad(db, [...new Set(members.map((m) => m.user_id))]);
  return teams.map((t) => ({
    id: t.id,
    orgId: t.org_id,
    orgName: t.org_name,
    name: t.name,
    skill: t.skill as TeamSkill,
    members: members
      .filter((m) => m.team_id === t.id)
      .map((m) => ({ userId: m.user_id, name: m.name, phone: maskPhone(deps.cipher.decrypt(m.phone_enc)), onDuty: m.on_duty, isLeader: m.is_leader, openCases: load.get(m.user_id) ?? 0, partner: m.partner })),
  }));
}

async function teamForConfig(deps: AppDeps, actor: Actor, teamId: string) {
  const team = await deps.database.db.selectFrom('case_teams').select(['id', 'org_id', 'org_path']).where('id', '=', teamId).executeTakeFirst();
  if (!team || !casePolicy.configureAt(actor, { path: team.org_path })) throw errors.notFound('承办团队');
  return team;
}

async function teamById(deps: AppDeps, actor: Actor, id: string) {
  const team = (await listTeams(deps, actor)).find((t) => t.id === id);
  if (!team) throw errors.notFound('承办团队');
  return team;
}

export async function createTeam(deps: AppDeps, actor: Actor, input: { orgId: string; name: string; skill: TeamSkill }, meta: RequestMeta) {
  const org = await configurableOrg(deps, actor, input.orgId);
  const id = uuidv7();
  await audited(deps, actor, meta, { action: 'case.team.create', orgId: org.id, orgPath: org.path, targetId: id, details: { name: input.name, skill: input.skill } }, async (trx) => {
    const r = await trx.insertInto('case_teams').values({ id, org_id: org.id, org_path: org.path, name: input.name, skill: input.skill }).onConflict((oc) => oc.columns(['org_id', 'name']).doNothing()).executeTakeFirst();
    if (!Number(r.numInsertedOrUpdatedRows ?? 0)) throw errors.conflict('TEAM_EXISTS', `${org.name}已有名为「${input.name}」的团队`);
  });
  return teamById(deps, actor, id);
}

export async function deleteTeam(deps: AppDeps, actor: Actor, id: string, meta: RequestMeta) {
  const team = await teamForConfig(deps, actor, id);
  await audited(deps, actor, meta, { action: 'case.team.delete', orgId: team.org_id, orgPath: team.org_path, targetId: id }, async (trx) => {
    const open = await trx.selectFrom('cases').select('id').where('team_id', '=', id).where('status', 'in', ['submitted', 'accepted', 'assigned', 'in_progress']).limit(1).executeTakeFirst();
    if (open) throw errors.conflict('TEAM_HAS_CASES', '该团队还有未办结的工单，请先改派后再删除');
    await trx.updateTable('cases').set({ team_id: null }).where('team_id', '=', id).execute();
    await trx.deleteFrom('case_teams').where('id', '=', id).execute();
  });
  return { ok: true as const };
}

/** Members must be posted in the team's subtree (cadres, partners): a team cannot borrow strangers. */
export async function addTeamMember(deps: AppDeps, actor: Actor, teamId: string, input: { userId: string; onDuty: boolean; isLeader: boolean }, meta: RequestMeta) {
  const team = await teamForConfig(deps, actor, teamId);
  const posted = await deps.database.db.selectFrom('role_assignments').select('id').where('user_id', '=', input.userId).where(inScope('org_path', [team.org_path])).limit(1).executeTakeFirst();
  if (!posted) throw errors.field('userId', '只能添加在本单位（或下级）任职的干部或承办人员');
  await audited(deps, actor, meta, { action: 'case.team.member.add', orgId: team.org_id, orgPath: team.org_path, targetId: teamId, details: { userId: input.userId } }, (trx) =>
    trx
      .insertInto('case_team_members')
      .values({ team_id: teamId, user_id: input.userId, on_duty: input.onDuty, is_leader: input.isLeader })
      .onConflict((oc) => oc.columns(['team_id', 'user_id']).doUpdateSet({ on_duty: input.onDuty, is_leader: input.isLeader }))
      .execute(),
  );
  return teamById(deps, actor, teamId);
}

export async function updateTeamMember(deps: AppDeps, actor: Actor, teamId: string, userId: string, input: { onDuty?: boolean | undefined; isLeader?: boolean | undefined }, meta: RequestMeta) {
  const team = await teamForConfig(deps, actor, teamId);
  await audited(deps, actor, meta, { action: 'case.team.member.update', orgId: team.org_id, orgPath: team.org_path, targetId: teamId, details: { userId, ...input } }, async (trx) => {
    const patch = { ...(input.onDuty !== undefined ? { on_duty: input.onDuty } : {}), ...(input.isLeader !== undefined ? { is_leader: input.isLeader } : {}) };
    if (Object.keys(patch).length === 0) throw errors.field('onDuty', '没有要修改的内容');
    const r = await trx.updateTable('case_team_members').set(patch).where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
    if (!Number(r.numUpdatedRows)) throw errors.notFound('团队成员');
  });
  return teamById(deps, actor, teamId);
}

export async function removeTeamMember(deps: AppDeps, actor: Actor, teamId: string, userId: string, meta: RequestMeta) {
  const team = await teamForConfig(deps, actor, teamId);
  await audited(deps, actor, meta, { action: 'case.team.member.remove', orgId: team.org_id, orgPath: team.org_path, targetId: teamId, details: { userId } }, (trx) =>
    trx.deleteFrom('case_team_members').where('team_id', '=', teamId).where('user_id', '=', userId).execute(),
  );
  return teamById(deps, actor, teamId);
}

// ---- routing rules

export async function listRules(deps: AppDeps, actor: Actor, orgId?: string) {
  const { db } = deps.database;
  const scope = await scopeWithin(deps, actor, 'case.read', orgId);
  const rows = await db
    .selectFrom('case_routing_rules as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .leftJoin('case_categories as c', 'c.id', 'r.category_id')
    .select(['r.id', 'r.org_id', 'o.name as org_name', 'r.case_type', 'r.category_id', 'c.name as category_name', 'r.target_kind', 'r.team_skill', 'r.enabled'])
    .where(inScope('r.org_path', scope))
    .orderBy('r.org_path')
    .orderBy('r.case_type')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id, orgId: r.org_id, orgName: r.org_name, caseType: r.case_type as CaseType, categoryId: r.category_id, categoryName: r.category_name,
    targetKind: r.target_kind as 'origin', teamSkill: r.team_skill, enabled: r.enabled,
  }));
}

export async function createRule(deps: AppDeps, actor: Actor, input: { orgId: string; caseType: CaseType; categoryId?: string | null | undefined; targetKind: string; teamSkill?: TeamSkill | null | undefined; enabled: boolean }, meta: RequestMeta) {
  const org = await configurableOrg(deps, actor, input.orgId);
  if (input.categoryId) {
    const cat = await deps.database.db.selectFrom('case_categories').select('type').where('id', '=', input.categoryId).executeTakeFirst();
    if (!cat || cat.type !== input.caseType) throw errors.field('categoryId', '分类不属于所选事项类型');
  }
  const id = uuidv7();
  await audited(deps, actor, meta, { action: 'case.rule.create', orgId: org.id, orgPath: org.path, targetId: id, details: { ...input } }, (trx) =>
    trx
      .insertInto('case_routing_rules')
      .values({ id, org_id: org.id, org_path: org.path, case_type: input.caseType, category_id: input.categoryId ?? null, target_kind: input.targetKind, team_skill: input.teamSkill ?? null, enabled: input.enabled, created_by: actor.userId })
      .execute(),
  );
  return (await listRules(deps, actor)).find((r) => r.id === id)!;
}

async function ruleForConfig(deps: AppDeps, actor: Actor, id: string) {
  const rule = await deps.database.db.selectFrom('case_routing_rules').select(['id', 'org_id', 'org_path']).where('id', '=', id).executeTakeFirst();
  if (!rule || !casePolicy.configureAt(actor, { path: rule.org_path })) throw errors.notFound('分派规则');
  return rule;
}

export async function setRuleEnabled(deps: AppDeps, actor: Actor, id: string, enabled: boolean, meta: RequestMeta) {
  const rule = await ruleForConfig(deps, actor, id);
  await audited(deps, actor, meta, { action: 'case.rule.update', orgId: rule.org_id, orgPath: rule.org_path, targetId: id, details: { enabled } }, (trx) =>
    trx.updateTable('case_routing_rules').set({ enabled }).where('id', '=', id).execute(),
  );
  return (await listRules(deps, actor)).find((r) => r.id === id)!;
}

export async function deleteRule(deps: AppDeps, actor: Actor, id: string, meta: RequestMeta) {
  const rule = await ruleForConfig(deps, actor, id);
  await audited(deps, actor, meta, { action: 'case.rule.delete', orgId: rule.org_id, orgPath: rule.org_path, targetId: id }, (trx) => trx.deleteFrom('case_routing_rules').where('id', '=', id).execute());
  return { ok: true as const };
}

// ---- intake QR codes

export async function listIntakeLinks(deps: AppDeps, actor: Actor, orgId?: string) {
  const { db } = deps.database;
  const scope = await scopeWithin(deps, actor, 'case.configure', orgId);
  const rows = await db
    .selectFrom('case_intake_links as l')
    .innerJoin('orgs as o', 'o.id', 'l.org_id')
    .select(['l.id', 'l.token', 'l.org_id', 'o.name as org_name', 'l.purpose', 'l.label', 'l.created_at', 'l.revoked_at'])
    .where(inScope('o.path', scope))
    .orderBy('l.created_at', 'desc')
    .limit(500)
    .execute();
  return rows.map((l) => ({ id: l.id, token: l.token, orgId: l.org_id, orgName: l.org_name, purpose: l.purpose, label: l.label, createdAt: l.created_at.toISOString(), revoked: l.revoked_at !== null }));
}

export async function createIntakeLink(deps: AppDeps, actor: Actor, input: { orgId: string; purpose: 'appeal' | 'injury'; label: string }, meta: RequestMeta) {
  const org = await configurableOrg(deps, actor, input.orgId);
  const id = uuidv7();
  const token = randomBytes(12).toString('base64url');
  await audited(deps, actor, meta, { action: 'case.intake.create', orgId: org.id, orgPath: org.path, targetId: id, details: { purpose: input.purpose, label: input.label } }, (trx) =>
    trx.insertInto('case_intake_links').values({ id, token, org_id: org.id, purpose: input.purpose, label: input.label, created_by: actor.userId }).execute(),
  );
  return (await listIntakeLinks(deps, actor)).find((l) => l.id === id)!;
}

export async function revokeIntakeLink(deps: AppDeps, actor: Actor, id: string, meta: RequestMeta) {
  const { db } = deps.database;
  const link = await db.selectFrom('case_intake_links as l').innerJoin('orgs as o', 'o.id', 'l.org_id').select(['l.id', 'o.id as org_id', 'o.path']).where('l.id', '=', id).executeTakeFirst();
  if (!link || !casePolicy.configureAt(actor, link)) throw errors.notFound('二维码');
  await audited(deps, actor, meta, { action: 'case.intake.revoke', orgId: link.org_id, orgPath: link.path, targetId: id }, (trx) =>
    trx.updateTable('case_intake_links').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null).execute(),
  );
  return (await listIntakeLinks(deps, actor)).find((l) => l.id === id)!;
}
