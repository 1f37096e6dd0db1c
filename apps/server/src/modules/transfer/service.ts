import { JOINABLE_KINDS } from '@gonghui/contracts';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/connect';
import type { Actor } from '../../platform/access/actor';
import { can } from '../../platform/access/permissions';
import { recordAudit } from '../../platform/audit/audit';
import { addWorkdays } from '../../platform/calendar/workdays';
import type { AppDeps, RequestMeta } from '../../platform/http/context';
import { errors } from '../../platform/http/errors';
import { notify, reviewersAt } from '../../platform/notify/inbox';
import { addApplicationEvent, findApplication, lockPending, type ApplicationRow } from '../approvals/repo';
import { resolveJoinOrg } from '../join/service';
import { decryptPerson, endMembership, enrolMember } from '../members/service';

/**
 * 会籍转移: the member asks → the old union releases (同意转出; released automatically after
 * TRANSFER_AUTO_RELEASE_DAYS without an answer) → the new union accepts (接收). Both records stay:
 * the old one becomes `transferred`, the new one starts `active`, and the history links them.
 */

export const AUTO_RELEASE_QUEUE = 'transfer.auto_release';

export async function requestTransfer(
  deps: AppDeps, actor: Actor, input: { memberId: string; toOrgId?: string | undefined; token?: string | undefined; reason: string }, meta: RequestMeta,
): Promise<string> {
  const { db } = deps.database;
  const member = await db
    .selectFrom('members as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.org_id', 'm.org_path', 'm.name', 'm.id_no_hash', 'm.id_no_masked', 'm.phone_enc', 'm.phone_masked', 'o.name as org_name'])
    .where('m.id', '=', input.memberId)
    .where('m.user_id', '=', actor.userId)
    .where('m.status', '=', 'active')
    .executeTakeFirst();
  if (!member) throw errors.notFound('在籍会籍');
  let target: { id: string; path: string; name: string };
  if (input.token) target = await resolveJoinOrg(deps, input.token, input.toOrgId);
  else if (input.toOrgId) {
    const org = await db.selectFrom('orgs').select(['id', 'path', 'name', 'kind']).where('id', '=', input.toOrgId).executeTakeFirst();
    if (!org || !(JOINABLE_KINDS as readonly string[]).includes(org.kind)) throw errors.field('toOrgId', '请选择要转入的基层工会');
    target = org;
  } else throw errors.field('toOrgId', '请选择要转入的工会');
  if (target.id === member.org_id) throw errors.field('toOrgId', '转入工会与当前所在工会相同');

  const id = uuidv7();
  const now = new Date();
  const dueAt = await addWorkdays(db, now, deps.config.membership.reviewWorkdays);
  const autoReleaseAt = new Date(now.getTime() + deps.config.membership.transferAutoReleaseDays * 86_400_000);
  await db.transaction().execute(async (trx) => {
    const pending = await trx.selectFrom('applications').select('id').where('kind', '=', 'transfer').where('status', '=', 'pending').where('member_id', '=', member.id).executeTakeFirst();
    if (pending) throw errors.conflict('ALREADY_PENDING', '已有办理中的会籍转移，请在「办理进度」查看', { applicationId: pending.id });
    await trx
      .insertInto('applications')
      .values({
        id, kind: 'transfer', stage: 'release', org_id: member.org_id, org_path: member.org_path, target_org_id: target.id, source_org_id: member.org_id,
        applicant_user_id: actor.userId, member_id: member.id, name: member.name, id_no_hash: member.id_no_hash, id_no_masked: member.id_no_masked,
        phone_masked: member.phone_masked, data: JSON.stringify({ reason: input.reason, autoReleaseAt: autoReleaseAt.toISOString() }), due_at: dueAt, created_at: now,
      })
      .execute();
    await addApplicationEvent(trx, { applicationId: id, kind: 'submitted', actorId: actor.userId, orgId: member.org_id, note: input.reason, at: now });
    await deps.jobs.enqueue(trx, AUTO_RELEASE_QUEUE, { applicationId: id }, { runAt: autoReleaseAt, dedupeKey: `transfer-release:${id}` });
    for (const userId of await reviewersAt(trx, member.org_id)) {
      await notify(trx, deps, { userId, kind: 'application_new', title: '会籍转出申请', body: `${member.name} 申请将会籍转至${target.name}，请确认是否同意转出。`, link: `/admin/approvals?id=${id}` });
    }
    await recordAudit(trx, { actorId: actor.userId, orgId: member.org_id, orgPath: member.org_path, action: 'transfer.request', targetType: 'application', targetId: id, ip: meta.ip, details: { toOrgId: target.id } });
  });
  return id;
}

/** Old org agrees (or the timer does): the application moves to the new org's inbox. */
async function release(trx: Db, deps: AppDeps, app: ApplicationRow, actorId: string | null, kind: 'released' | 'auto_released'): Promise<void> {
  const now = new Date();
  const target = await trx.selectFrom('orgs').select(['id', 'path', 'name']).where('id', '=', app.target_org_id).executeTakeFirstOrThrow();
  const dueAt = await addWorkdays(trx, now, deps.config.membership.reviewWorkdays);
  await trx
    .updateTable('applications')
    .set({ stage: 'accept', org_id: target.id, org_path: target.path, due_at: dueAt, reminded_at: null, escalated_at: null, escalated_org_id: null, escalated_path: null, updated_at: now })
    .where('id', '=', app.id)
    .execute();
  await addApplicationEvent(trx, { applicationId: app.id, kind, actorId, orgId: app.source_org_id, at: now });
  for (const userId of await reviewersAt(trx, target.id)) {
    await notify(trx, deps, { userId, kind: 'application_new', title: '会籍转入申请', body: `${app.name} 申请将会籍从${app.source_org_name ?? '原工会'}转入本会，请及时接收。`, link: `/admin/approvals?id=${app.id}` });
  }
  if (app.applicant_user_id) {
    await notify(trx, deps, { userId: app.applicant_user_id, kind: 'transfer_released', title: '原工会已同意转出', body: `您的会籍转移已由原工会同意转出，等待${target.name}接收。`, link: '/progress' });
  }
}

/** New org takes the member in: old record → transferred, new record → active, in one transaction. */
async function accept(trx: Db, deps: AppDeps, actor: Actor, app: ApplicationRow): Promise<void> {
  const now = new Date();
  const old = await trx.selectFrom('members').selectAll().where('id', '=', app.member_id!).forUpdate().executeTakeFirstOrThrow();
  if (old.status !== 'active') throw errors.conflict('MEMBER_NOT_ACTIVE', '该会员在原工会已不在籍，无法转入');
  const target = await trx.selectFrom('orgs').select(['id', 'path']).where('id', '=', app.target_org_id).executeTakeFirstOrThrow();
  await endMembership(trx, old, { status: 'transferred', kind: 'transfer_out', actorId: actor.userId, note: (app.data as { reason?: string }).reason ?? null, otherOrgId: target.id });
  const memberId = await enrolMember(trx, deps, {
    org: target, person: decryptPerson(deps, old), userId: old.user_id, source: 'transfer', eventKind: 'transfer_in',
    verified: old.verified, actorId: actor.userId, otherOrgId: old.org_id,
  });
  await trx.updateTable('applications').set({ status: 'approved', stage: 'done', result_org_id: target.id, decided_at: now, decided_by: actor.userId, updated_at: now, data: JSON.stringify({ ...(app.data as object), newMemberId: memberId }) }).where('id', '=', app.id).execute();
  await addApplicationEvent(trx, { applicationId: app.id, kind: 'accepted', actorId: actor.userId, orgId: target.id, at: now });
  if (app.applicant_user_id) {
    await notify(trx, deps, {
      userId: app.applicant_user_id, kind: 'transfer_done', title: '会籍转移已完成', body: `您已成为${app.target_org_name}的会员，电子会员卡已更新。`, link: '/card',
      sms: { template: 'application_decided', params: { kind: '会籍转移申请', result: '办结', reason: '' } },
    });
  }
}

/** Which side acts now: the old org at 'release', the new org at 'accept'. */
export function transferActions(actor: Actor, app: { stage: string; status: string; org_path: string }): Array<'release' | 'accept' | 'reject'> {
  if (app.status !== 'pending' || !can(actor, 'application.review', app.org_path)) return [];
  return app.stage === 'release' ? ['release', 'reject'] : app.stage === 'accept' ? ['accept', 'reject'] : [];
}

export async function decideTransfer(
  trx: Db, deps: AppDeps, actor: Actor, app: ApplicationRow, decision: 'approve' | 'reject' | 'return', reason: string | undefined,
): Promise<void> {
  if (!can(actor, 'application.review', app.org_path)) throw errors.forbidden('没有审批该申请的权限');
  if (decision === 'return') throw errors.field('decision', '会籍转移只能同意或不同意');
  if (decision === 'reject') {
    if (!reason) throw errors.field('reason', '不同意时请填写原因，申请人会看到');
    const now = new Date();
    await trx.updateTable('applications').set({ status: 'rejected', stage: 'done', decided_at: now, decided_by: actor.userId, reason, updated_at: now }).where('id', '=', app.id).execute();
    await addApplicationEvent(trx, { applicationId: app.id, kind: 'rejected', actorId: actor.userId, orgId: app.org_id, note: reason, at: now });
    if (app.applicant_user_id) {
      await notify(trx, deps, {
        userId: app.applicant_user_id, kind: 'transfer_rejected', title: '会籍转移未通过', body: `${app.org_name}未同意您的会籍转移，原因：${reason}`, link: '/progress',
        sms: { template: 'application_decided', params: { kind: '会籍转移申请', result: '未通过', reason } },
      });
    }
    return;
  }
  if (app.stage === 'release') await release(trx, deps, app, actor.userId, 'released');
  else await accept(trx, deps, actor, app);
}

/** Timer: the old org did not answer in time — release on its behalf (idempotent: only a pending 'release'). */
export async function autoRelease(deps: AppDeps, applicationId: string): Promise<boolean> {
  return deps.database.db.transaction().execute(async (trx) => {
    const locked = await lockPending(trx, applicationId);
    if (!locked || locked.stage !== 'release') return false;
    const app = (await findApplication(trx, applicationId))!;
    await release(trx, deps, app, null, 'auto_released');
    await recordAudit(trx, { actorId: null, orgId: app.source_org_id, orgPath: app.source_org_path, action: 'transfer.auto_release', targetType: 'application', targetId: app.id, ip: null, details: null });
    return true;
  });
}
