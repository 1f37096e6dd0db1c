import { randomBytes } from 'node:crypto';
import { JOINABLE_KINDS, type JoinLink, type JoinTarget, type RealName } from '@gonghui/contracts';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/connect';
import type { Actor } from '../../platform/access/actor';
import { can } from '../../platform/access/permissions';
import { escapeLike } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import { addWorkdays } from '../../platform/calendar/workdays';
import { maskIdNumber, maskPhone } from '../../platform/crypto/pii';
import type { AppDeps, RequestMeta } from '../../platform/http/context';
import { AppError, errors } from '../../platform/http/errors';
import { notify, reviewersAt } from '../../platform/notify/inbox';
import { addApplicationEvent, type ApplicationRow } from '../approvals/repo';
import { activeMembershipOf } from '../members/repo';
import { alreadyMemberError, enrolMember } from '../members/service';
import { memberPolicy } from '../members/policy';
import { pathNumbers } from '../orgs/counters';
import { ancestorNames, getReadableOrg } from '../orgs/service';


// ---- join links (一码入会) ----------------------------------------------------------------------

type LinkRow = { id: string; org_id: string; org_name: string; token: string; created_at: Date | string; revoked_at: Date | null };

function toLink(r: LinkRow): JoinLink {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    token: r.token,
    path: `/join/${r.token}`,
    createdAt: new Date(r.created_at).toISOString(),
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
  };
}

function linkQuery(db: Db) {
  return db.selectFrom('join_links as l').innerJoin('orgs as o', 'o.id', 'l.org_id').select(['l.id', 'l.org_id', 'o.name as org_name', 'l.token', 'l.created_at', 'l.revoked_at']);
}

export async function listJoinLinks(deps: AppDeps, actor: Actor, orgId: string): Promise<JoinLink[]> {
  const org = await getReadableOrg(deps, actor, orgId);
  const rows = await linkQuery(deps.database.db).where('l.org_id', '=', org.id).orderBy(sql`l.revoked_at IS NULL`, 'desc').orderBy('l.created_at', 'desc').limit(20).execute();
  return rows.map(toLink);
}

/** A new link for the org; the previous active one stops working (重新生成). */
export async function createJoinLink(deps: AppDeps, actor: Actor, orgId: string, meta: RequestMeta): Promise<JoinLink> {
  const org = await getReadableOrg(deps, actor, orgId);
  if (!memberPolicy.manageJoinLinks(actor, org)) throw errors.forbidden('没有管理该组织入会二维码的权限');
  if (!(JOINABLE_KINDS as readonly string[]).includes(org.kind)) {
    throw errors.badRequest('ORG_NOT_JOINABLE', '只有基层工会（企业、联合、社区、园区、行业工会等）可以生成入会二维码');
  }
  const id = uuidv7();
  await deps.database.db.transaction().execute(async (trx) => {
    await trx.updateTable('join_links').set({ revoked_at: new Date() }).where('org_id', '=', org.id).where('revoked_at', 'is', null).execute();
    // 96 random bits: unguessable, short enough for a dense-free QR code
    await trx.insertInto('join_links').values({ id, org_id: org.id, token: randomBytes(12).toString('base64url'), created_by: actor.userId }).execute();
    await recordAudit(trx, { actorId: actor.userId, orgId: org.id, orgPath: org.path, action: 'join_link.create', targetType: 'join_link', targetId: id, ip: meta.ip, details: null });
  });
  return toLink((await linkQuery(deps.database.db).where('l.id', '=', id).executeTakeFirstOrThrow()) as LinkRow);
}

export async function revokeJoinLink(deps: AppDeps, actor: Actor, linkId: string, meta: RequestMeta): Promise<JoinLink> {
  const link = await deps.database.db.selectFrom('join_links').select(['id', 'org_id']).where('id', '=', linkId).executeTakeFirst();
  if (!link) throw errors.notFound('入会二维码');
  const org = await getReadableOrg(deps, actor, link.org_id).catch(() => {
    throw errors.notFound('入会二维码');
  });
  if (!memberPolicy.manageJoinLinks(actor, org)) throw errors.forbidden('没有管理该组织入会二维码的权限');
  await deps.database.db.transaction().execute(async (trx) => {
    await trx.updateTable('join_links').set({ revoked_at: new Date() }).where('id', '=', linkId).where('revoked_at', 'is', null).execute();
    await recordAudit(trx, { actorId: actor.userId, orgId: org.id, orgPath: org.path, action: 'join_link.revoke', targetType: 'join_link', targetId: linkId, ip: meta.ip, details: null });
  });
  return toLink((await linkQuery(deps.database.db).where('l.id', '=', linkId).executeTakeFirstOrThrow()) as LinkRow);
}

// ---- what a worker sees after scanning -----------------------------------------------------------

async function activeLink(db: Db, token: string) {
  const link = await db
    .selectFrom('join_links as l')
    .innerJoin('orgs as o', 'o.id', 'l.org_id')
    .select(['l.id', 'o.id as org_id', 'o.name', 'o.kind', 'o.path'])
    .where('l.token', '=', token)
    .where('l.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!link) throw new AppError('JOIN_LINK_INVALID', 404, '该入会二维码已失效，请联系工会重新获取');
  return link;
}

/** Industry federations (快递/外卖/网约车/货运…) in the link's city: for workers without an enterprise union. */
async function industryOptionsNear(db: Db, orgPath: string) {
  const nos = pathNumbers(orgPath);
  if (nos.length < 2) return [];
  const cityPath = `/${nos.slice(0, 2).join('/')}/`;
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'industry_line', 'path'])
    .where('kind', '=', 'industry')
    .where('industry_line', 'is not', null)
    .where(sql<boolean>`path LIKE ${escapeLike(cityPath) + '%'}`)
    .orderBy('name')
    .limit(20)
    .execute();
}

export async function getJoinTarget(deps: AppDeps, token: string): Promise<JoinTarget> {
  const link = await activeLink(deps.database.db, token);
  const [names, options] = await Promise.all([ancestorNames(deps, [link.path]), industryOptionsNear(deps.database.db, link.path)]);
  return {
    orgId: link.org_id,
    orgName: link.name,
    orgKind: link.kind,
    orgPathNames: names.get(link.path) ?? [],
    industryOptions: options.filter((o) => o.id !== link.org_id).map((o) => ({ orgId: o.id, orgName: o.name, industryLine: o.industry_line! })),
  };
}

/** Unions a member may name as a transfer target (by name; members only see names, nothing else). */
export async function searchJoinableOrgs(deps: AppDeps, q: string) {
  const term = q.trim();
  if (term.length < 2) return [];
  const rows = await deps.database.db
    .selectFrom('orgs')
    .select(['id', 'name', 'path'])
    .where('kind', 'in', [...JOINABLE_KINDS])
    .where(sql<boolean>`name LIKE ${'%' + escapeLike(term) + '%'}`)
    .orderBy(sql`length(name)`)
    .orderBy('name')
    .limit(20)
    .execute();
  const names = await ancestorNames(deps, rows.map((r) => r.path));
  return rows.map((r) => ({ orgId: r.id, orgName: r.name, orgPathNames: names.get(r.path) ?? [] }));
}

// ---- the application -------------------------------------------------------------------------------

/** Resolve where a worker joins: the scanned union, or one of the industry federations it offers. */
export async function resolveJoinOrg(deps: AppDeps, token: string, orgId: string | undefined) {
  const link = await activeLink(deps.database.db, token);
  if (!orgId || orgId === link.org_id) return { id: link.org_id, path: link.path, name: link.name };
  const options = await industryOptionsNear(deps.database.db, link.path);
  const chosen = options.find((o) => o.id === orgId);
  if (!chosen) throw errors.field('orgId', '请选择该二维码提供的工会');
  return { id: chosen.id, path: chosen.path, name: chosen.name };
}

export async function submitJoin(
  deps: AppDeps, actor: Actor, input: RealName & { token: string; orgId?: string | undefined }, meta: RequestMeta,
): Promise<string> {
  const org = await resolveJoinOrg(deps, input.token, input.orgId);
  const idNoHash = deps.cipher.blindIndex('idno', input.idNumber);
  const id = uuidv7();
  const now = new Date();
  const dueAt = await addWorkdays(deps.database.db, now, deps.config.membership.reviewWorkdays);
  await deps.database.db.transaction().execute(async (trx) => {
    const active = await activeMembershipOf(trx, idNoHash);
    if (active?.org_id === org.id) throw errors.conflict('ALREADY_MEMBER_HERE', `您已是「${active.org_name}」的会员，无需重复申请`, { memberId: active.id, orgName: active.org_name });
    if (active) throw alreadyMemberError(active);
    const pending = await trx.selectFrom('applications').select('id').where('kind', '=', 'join').where('status', '=', 'pending').where('id_no_hash', '=', idNoHash).executeTakeFirst();
    if (pending) throw errors.conflict('ALREADY_PENDING', '该身份证号已有待审批的入会申请，请在「办理进度」查看', { applicationId: pending.id });
    await trx
      .insertInto('applications')
      .values({
        id,
        kind: 'join',
        org_id: org.id,
        org_path: org.path,
        target_org_id: org.id,
        applicant_user_id: actor.userId,
        name: input.name,
        id_no_enc: deps.cipher.encrypt(input.idNumber),
        id_no_hash: idNoHash,
        id_no_masked: maskIdNumber(input.idNumber),
        phone_enc: deps.cipher.encrypt(input.phone),
        phone_masked: maskPhone(input.phone),
        address_enc: input.address ? deps.cipher.encrypt(input.address) : null,
        data: JSON.stringify({
          ethnicity: input.ethnicity, education: input.education, politicalStatus: input.politicalStatus, employer: input.employer,
          occupation: input.occupation, industry: input.industry, employmentForm: input.employmentForm, consentAt: now.toISOString(),
        }),
        due_at: dueAt,
        created_at: now,
      })
      .execute();
    await addApplicationEvent(trx, { applicationId: id, kind: 'submitted', actorId: actor.userId, orgId: org.id, at: now });
    for (const userId of await reviewersAt(trx, org.id)) {
      await notify(trx, deps, { userId, kind: 'application_new', title: '新的入会申请', body: `${input.name} 申请加入${org.name}，请在审批时限内处理。`, link: `/admin/approvals?id=${id}` });
    }
    await recordAudit(trx, { actorId: actor.userId, orgId: org.id, orgPath: org.path, action: 'join.apply', targetType: 'application', targetId: id, ip: meta.ip, details: { consent: true } });
  });
  return id;
}

/** The reviewer's decision on a join application (inside the decision transaction). */
export async function decideJoin(
  trx: Db, deps: AppDeps, actor: Actor, app: ApplicationRow, decision: 'approve' | 'reject' | 'return', reason: string | undefined,
): Promise<void> {
  if (!can(actor, 'application.review', app.org_path)) throw errors.forbidden('没有审批该申请的权限');
  if (decision === 'return') throw errors.field('decision', '入会申请只能通过或不通过');
  const now = new Date();
  if (decision === 'reject') {
    if (!reason) throw errors.field('reason', '不通过时请填写原因，申请人会看到');
    await trx.updateTable('applications').set({ status: 'rejected', stage: 'done', decided_at: now, decided_by: actor.userId, reason, updated_at: now }).where('id', '=', app.id).execute();
    await addApplicationEvent(trx, { applicationId: app.id, kind: 'rejected', actorId: actor.userId, orgId: app.org_id, note: reason, at: now });
  } else {
    const data = app.data as Record<string, string | null>;
    const person: RealName = {
      name: app.name,
      idNumber: deps.cipher.decrypt(app.id_no_enc!),
      phone: deps.cipher.decrypt(app.phone_enc!),
      ethnicity: data.ethnicity as RealName['ethnicity'],
      education: data.education as RealName['education'],
      politicalStatus: data.politicalStatus as RealName['politicalStatus'],
      employer: data.employer ?? null,
      occupation: data.occupation ?? null,
      industry: data.industry ?? null,
      employmentForm: data.employmentForm as RealName['employmentForm'],
      address: app.address_enc ? deps.cipher.decrypt(app.address_enc) : null,
    };
    const check = await deps.realName.verify({ name: person.name, idNumber: person.idNumber });
    const memberId = await enrolMember(trx, deps, {
      org: { id: app.org_id, path: app.org_path }, person, userId: app.applicant_user_id, source: 'join', eventKind: 'joined',
      verified: check.verified, actorId: actor.userId, note: '扫码入会',
    });
    await trx.updateTable('applications').set({ status: 'approved', stage: 'done', member_id: memberId, decided_at: now, decided_by: actor.userId, reason: reason ?? null, updated_at: now }).where('id', '=', app.id).execute();
    await addApplicationEvent(trx, { applicationId: app.id, kind: 'approved', actorId: actor.userId, orgId: app.org_id, note: reason ?? null, at: now });
  }
  if (app.applicant_user_id) {
    const ok = decision === 'approve';
    await notify(trx, deps, {
      userId: app.applicant_user_id,
      kind: ok ? 'join_approved' : 'join_rejected',
      title: ok ? '入会申请已通过' : '入会申请未通过',
      body: ok ? `欢迎加入${app.org_name}！您的电子会员卡已生效。` : `您申请加入${app.org_name}未通过审批，原因：${reason}`,
      link: ok ? '/card' : '/progress',
      sms: { template: 'application_decided', params: { kind: '入会申请', result: ok ? '通过' : '未通过', reason: ok ? '' : reason ?? '' } },
    });
  }
}
