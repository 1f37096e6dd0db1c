import {
  parseIdNumber,
  parsePhone,
  type MemberDetail,
  type MemberListItem,
  type MemberPii,
  type MemberProfile,
  type MemberStatus,
  type RealName,
} from '@gonghui/contracts';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/connect';
import type { Actor } from '../../platform/access/actor';
import { narrowScope } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import { maskIdNumber, maskPhone } from '../../platform/crypto/pii';
import type { AppDeps, RequestMeta } from '../../platform/http/context';
import { errors } from '../../platform/http/errors';
import { decodeCursor, toPage } from '../../platform/http/pagination';
import { adjustMemberCounters, shanghaiToday } from '../orgs/counters';
import { ancestorNames, getReadableOrg } from '../orgs/service';
import { memberPolicy } from './policy';
import * as repo from './repo';

/** The roster query, for the Excel export: it must show exactly the rows the list shows. */
export { rosterQuery, type RosterFilter } from './repo';

type Trx = Db;
type OrgRef = { id: string; path: string };

// ---- enrolment: the one way a membership record comes to exist -------------------------------

export type EnrolInput = {
  org: OrgRef;
  person: RealName;
  userId: string | null;
  source: 'join' | 'admin' | 'transfer' | 'founding';
  eventKind: 'joined' | 'transfer_in' | 'founded';
  verified: boolean;
  actorId: string | null;
  joinedAt?: string;
  otherOrgId?: string | null;
  note?: string | null;
};

/** 已是会员: the person (by 身份证号) already holds an active membership somewhere. */
export function alreadyMemberError(active: { id: string; org_name: string }) {
  return errors.conflict('ALREADY_MEMBER', `该身份证号已是「${active.org_name}」的会员，如需变更请办理会籍转移`, { memberId: active.id, orgName: active.org_name });
}

/** Create an active membership, its history row and the counters, inside the caller's transaction. */
export async function enrolMember(trx: Trx, deps: AppDeps, input: EnrolInput): Promise<string> {
  const p = input.person;
  const idNoHash = deps.cipher.blindIndex('idno', p.idNumber);
  const active = await repo.activeMembershipOf(trx, idNoHash);
  if (active) throw alreadyMemberError(active);
  const info = parseIdNumber(p.idNumber);
  if (!info.ok) throw errors.field('idNumber', info.reason);
  const id = uuidv7();
  const joinedAt = input.joinedAt ?? shanghaiToday();
  await trx
    .insertInto('members')
    .values({
      id,
      user_id: input.userId,
      org_id: input.org.id,
      org_path: input.org.path,
      name: p.name,
      id_no_enc: deps.cipher.encrypt(p.idNumber),
      id_no_hash: idNoHash,
      id_no_masked: maskIdNumber(p.idNumber),
      phone_enc: deps.cipher.encrypt(p.phone),
      phone_hash: deps.cipher.blindIndex('phone', p.phone),
      phone_masked: maskPhone(p.phone),
      gender: info.gender,
      birth_date: info.birthDate,
      joined_at: joinedAt,
      ethnicity: p.ethnicity,
      education: p.education,
      political_status: p.politicalStatus,
      employer: p.employer,
      occupation: p.occupation,
      industry: p.industry,
      employment_form: p.employmentForm,
      address_enc: p.address ? deps.cipher.encrypt(p.address) : null,
      verified: input.verified,
      source: input.source,
    })
    .execute();
  await trx
    .insertInto('member_events')
    .values({
      id: uuidv7(), member_id: id, id_no_hash: idNoHash, org_id: input.org.id, org_path: input.org.path, kind: input.eventKind,
      from_status: null, to_status: 'active', other_org_id: input.otherOrgId ?? null, note: input.note ?? null, actor_id: input.actorId,
    })
    .execute();
  await adjustMemberCounters(trx, input.org.path, 1, { verified: input.verified ? 1 : 0, day: joinedAt });
  return id;
}

/** End an active membership (transfer out, retire, leave, decease): status, history and counters. */
export async function endMembership(
  trx: Trx,
  member: { id: string; org_id: string; org_path: string; id_no_hash: string; verified: boolean },
  change: { status: Exclude<MemberStatus, 'active'>; kind: 'transfer_out' | 'status_changed'; actorId: string | null; note: string | null; otherOrgId?: string | null; date?: string },
): Promise<void> {
  const day = change.date ?? shanghaiToday();
  const updated = await trx
    .updateTable('members')
    .set({ status: change.status, ended_at: day, updated_at: new Date() })
    .where('id', '=', member.id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw errors.conflict('MEMBER_NOT_ACTIVE', '该会员当前不在籍，无法办理');
  await trx
    .insertInto('member_events')
    .values({
      id: uuidv7(), member_id: member.id, id_no_hash: member.id_no_hash, org_id: member.org_id, org_path: member.org_path, kind: change.kind,
      from_status: 'active', to_status: change.status, other_org_id: change.otherOrgId ?? null, note: change.note, actor_id: change.actorId,
    })
    .execute();
  await adjustMemberCounters(trx, member.org_path, -1, { verified: member.verified ? -1 : 0, day });
}

/** The real-name fields of an existing record, decrypted (for a transfer's new record). */
export function decryptPerson(deps: AppDeps, m: {
  name: string; id_no_enc: string; phone_enc: string | null; address_enc: string | null; ethnicity: string | null; education: string | null;
  political_status: string | null; employer: string | null; occupation: string | null; industry: string | null; employment_form: string | null;
}): RealName {
  return {
    name: m.name,
    idNumber: deps.cipher.decrypt(m.id_no_enc),
    phone: m.phone_enc ? deps.cipher.decrypt(m.phone_enc) : '',
    ethnicity: m.ethnicity as RealName['ethnicity'],
    education: m.education as RealName['education'],
    politicalStatus: m.political_status as RealName['politicalStatus'],
    employer: m.employer,
    occupation: m.occupation,
    industry: m.industry,
    employmentForm: m.employment_form as RealName['employmentForm'],
    address: m.address_enc ? deps.cipher.decrypt(m.address_enc) : null,
  };
}

// ---- roster -----------------------------------------------------------------------------------

export type RosterQuery = {
  orgId?: string | undefined; status?: string | undefined; occupation?: string | undefined; employmentForm?: string | undefined;
  joinedFrom?: string | undefined; joinedTo?: string | undefined; q?: string | undefined;
};

/**
 * The filters of a roster request resolved against the actor's scope: used by the list and by the
 * Excel export, so both always show the same people. `q` is an exact phone / 身份证号 or a name prefix.
 */
export async function resolveRosterFilter(deps: AppDeps, actor: Actor, q: RosterQuery, scope = memberPolicy.listScope(actor)): Promise<repo.RosterFilter> {
  let prefixes = scope;
  if (q.orgId) prefixes = narrowScope(prefixes, (await getReadableOrg(deps, actor, q.orgId)).path);
  const f: repo.RosterFilter = { prefixes, status: q.status, occupation: q.occupation, employmentForm: q.employmentForm, joinedFrom: q.joinedFrom, joinedTo: q.joinedTo };
  const term = q.q?.trim();
  if (term) {
    const id = parseIdNumber(term);
    const phone = parsePhone(term);
    if (id.ok) f.idNoHash = deps.cipher.blindIndex('idno', id.normalized);
    else if (phone.ok) f.phoneHash = deps.cipher.blindIndex('phone', phone.normalized);
    else if (/^\d+[Xx]?$/.test(term)) throw errors.field('q', '请输入完整的 11 位手机号或 18 位身份证号，或按姓名搜索');
    else f.namePrefix = term;
  }
  return f;
}

type ListRow = {
  id: string; name: string; id_no_masked: string; phone_masked: string | null; gender: 'M' | 'F'; birth_date: string; org_id: string;
  org_name: string; status: string; occupation: string | null; employment_form: string | null; verified: boolean; card_no: string; joined_at: string;
};

function toListItem(r: ListRow): MemberListItem {
  return {
    id: r.id,
    name: r.name,
    idNumberMasked: r.id_no_masked,
    phoneMasked: r.phone_masked,
    gender: r.gender,
    birthDate: String(r.birth_date),
    orgId: r.org_id,
    orgName: r.org_name,
    status: r.status as MemberStatus,
    occupation: r.occupation,
    employmentForm: r.employment_form,
    verified: r.verified,
    cardNo: r.card_no,
    joinedAt: String(r.joined_at),
  };
}

export async function listMembers(deps: AppDeps, actor: Actor, q: RosterQuery & { cursor?: string | undefined; limit: number }) {
  const filter = await resolveRosterFilter(deps, actor, q);
  const after = decodeCursor(q.cursor, 1) as [string] | null;
  let query = repo.rosterQuery(deps.database.db, filter).select(repo.LIST_COLUMNS);
  if (after) query = query.where('m.id', '<', after[0]);
  const rows = (await query.orderBy('m.id', 'desc').limit(q.limit + 1).execute()) as ListRow[];
  return toPage(rows, q.limit, (r) => [r.id], toListItem);
}

async function readableMember(deps: AppDeps, actor: Actor, id: string) {
  const m = await repo.findMember(deps.database.db, id);
  if (!m || !memberPolicy.read(actor, m)) throw errors.notFound('会员');
  return m;
}

export async function getMemberDetail(deps: AppDeps, actor: Actor, id: string): Promise<MemberDetail> {
  const m = await readableMember(deps, actor, id);
  const [names, history] = await Promise.all([ancestorNames(deps, [m.org_path]), repo.personHistory(deps.database.db, m.id_no_hash)]);
  const address = m.address_enc ? deps.cipher.decrypt(m.address_enc) : null;
  return {
    ...toListItem(m as unknown as ListRow),
    orgPathNames: names.get(m.org_path) ?? [],
    ethnicity: m.ethnicity,
    education: m.education,
    politicalStatus: m.political_status,
    employer: m.employer,
    industry: m.industry,
    // an address is masked to its first 6 characters (the district), enough to tell people apart
    addressMasked: address ? `${[...address].slice(0, 6).join('')}******` : null,
    source: m.source,
    endedAt: m.ended_at ? String(m.ended_at) : null,
    canReveal: memberPolicy.revealPii(actor, m),
    canManage: memberPolicy.manage(actor, m),
    history: history.map((h) => ({
      id: h.id,
      kind: h.kind,
      orgId: h.org_id,
      orgName: h.org_name,
      otherOrgName: h.other_org_name,
      fromStatus: h.from_status,
      toStatus: h.to_status,
      note: h.note,
      actorName: h.actor_name,
      at: new Date(h.at).toISOString(),
    })),
  };
}

/** Full PII of one member: a separate permission, and every view leaves an audit row. */
export async function revealMemberPii(deps: AppDeps, actor: Actor, id: string, meta: RequestMeta): Promise<MemberPii> {
  const m = await readableMember(deps, actor, id);
  if (!memberPolicy.revealPii(actor, m)) throw errors.forbidden('没有查看会员完整身份信息的权限');
  await deps.database.db.transaction().execute(async (trx) => {
    await recordAudit(trx, { actorId: actor.userId, orgId: m.org_id, orgPath: m.org_path, action: 'member.pii.view', targetType: 'member', targetId: m.id, ip: meta.ip, details: { fields: ['idNumber', 'phone', 'address'] } });
  });
  return {
    idNumber: deps.cipher.decrypt(m.id_no_enc),
    phone: m.phone_enc ? deps.cipher.decrypt(m.phone_enc) : null,
    address: m.address_enc ? deps.cipher.decrypt(m.address_enc) : null,
  };
}

/** A cadre registers a member directly (paper application already checked): verified through the provider. */
export async function createMember(deps: AppDeps, actor: Actor, input: RealName & { orgId: string; joinedAt?: string | undefined }, meta: RequestMeta): Promise<MemberDetail> {
  const org = await getReadableOrg(deps, actor, input.orgId);
  if (!memberPolicy.createIn(actor, org)) throw errors.forbidden('没有在该组织登记会员的权限');
  const check = await deps.realName.verify({ name: input.name, idNumber: input.idNumber });
  const id = await deps.database.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('phone_hash', '=', deps.cipher.blindIndex('phone', input.phone)).executeTakeFirst();
    const memberId = await enrolMember(trx, deps, {
      org, person: input, userId: user?.id ?? null, source: 'admin', eventKind: 'joined', verified: check.verified, actorId: actor.userId,
      ...(input.joinedAt ? { joinedAt: input.joinedAt } : {}),
    });
    await recordAudit(trx, { actorId: actor.userId, orgId: org.id, orgPath: org.path, action: 'member.create', targetType: 'member', targetId: memberId, ip: meta.ip, details: null });
    return memberId;
  });
  return getMemberDetail(deps, actor, id);
}

const UPDATABLE: Record<string, string> = {
  name: 'name', ethnicity: 'ethnicity', education: 'education', politicalStatus: 'political_status', employer: 'employer',
  occupation: 'occupation', industry: 'industry', employmentForm: 'employment_form',
};

export async function updateMember(deps: AppDeps, actor: Actor, id: string, input: Partial<Omit<RealName, 'idNumber'>>, meta: RequestMeta): Promise<MemberDetail> {
  const m = await readableMember(deps, actor, id);
  if (!memberPolicy.manage(actor, m)) throw errors.forbidden('没有修改该会员资料的权限');
  const set: Record<string, unknown> = {};
  for (const [k, col] of Object.entries(UPDATABLE)) if (k in input) set[col] = (input as Record<string, unknown>)[k];
  if (input.phone !== undefined) {
    set.phone_enc = deps.cipher.encrypt(input.phone);
    set.phone_hash = deps.cipher.blindIndex('phone', input.phone);
    set.phone_masked = maskPhone(input.phone);
  }
  if (input.address !== undefined) set.address_enc = input.address ? deps.cipher.encrypt(input.address) : null;
  const changed = Object.keys(input);
  if (changed.length === 0) return getMemberDetail(deps, actor, id);
  await deps.database.db.transaction().execute(async (trx) => {
    await trx.updateTable('members').set({ ...set, updated_at: new Date() }).where('id', '=', id).execute();
    await trx.insertInto('member_events').values({
      id: uuidv7(), member_id: id, id_no_hash: m.id_no_hash, org_id: m.org_id, org_path: m.org_path, kind: 'updated',
      from_status: null, to_status: null, other_org_id: null, note: `修改：${changed.join('、')}`, actor_id: actor.userId,
    }).execute();
    // field names only: the audit chain never holds PII values
    await recordAudit(trx, { actorId: actor.userId, orgId: m.org_id, orgPath: m.org_path, action: 'member.update', targetType: 'member', targetId: id, ip: meta.ip, details: { fields: changed } });
  });
  return getMemberDetail(deps, actor, id);
}

/** 退休 / 退会 / 已故, or back to 在籍 (a correction): counters and history follow. */
export async function changeMemberStatus(
  deps: AppDeps, actor: Actor, id: string, input: { status: 'retired' | 'left' | 'deceased' | 'active'; reason: string; date?: string | undefined }, meta: RequestMeta,
): Promise<MemberDetail> {
  const m = await readableMember(deps, actor, id);
  if (!memberPolicy.manage(actor, m)) throw errors.forbidden('没有变更该会员状态的权限');
  if (m.status === input.status) throw errors.conflict('STATUS_UNCHANGED', '会员已是该状态');
  if (m.status === 'transferred') throw errors.conflict('MEMBER_TRANSFERRED', '已转出的会籍记录不能变更，请到新所在工会办理');
  await deps.database.db.transaction().execute(async (trx) => {
    if (input.status === 'active') {
      const other = await repo.activeMembershipOf(trx, m.id_no_hash);
      if (other) throw alreadyMemberError(other);
      const day = input.date ?? shanghaiToday();
      await trx.updateTable('members').set({ status: 'active', ended_at: null, updated_at: new Date() }).where('id', '=', id).execute();
      await trx.insertInto('member_events').values({
        id: uuidv7(), member_id: id, id_no_hash: m.id_no_hash, org_id: m.org_id, org_path: m.org_path, kind: 'status_changed',
        from_status: m.status, to_status: 'active', other_org_id: null, note: input.reason, actor_id: actor.userId,
      }).execute();
      await adjustMemberCounters(trx, m.org_path, 1, { verified: m.verified ? 1 : 0, day });
    } else if (m.status === 'active') {
      await endMembership(trx, m, { status: input.status, kind: 'status_changed', actorId: actor.userId, note: input.reason, ...(input.date ? { date: input.date } : {}) });
    } else {
      // between two ended states (e.g. 退会 → 已故): history only, counters unchanged
      await trx.updateTable('members').set({ status: input.status, updated_at: new Date() }).where('id', '=', id).execute();
      await trx.insertInto('member_events').values({
        id: uuidv7(), member_id: id, id_no_hash: m.id_no_hash, org_id: m.org_id, org_path: m.org_path, kind: 'status_changed',
        from_status: m.status, to_status: input.status, other_org_id: null, note: input.reason, actor_id: actor.userId,
      }).execute();
    }
    await recordAudit(trx, { actorId: actor.userId, orgId: m.org_id, orgPath: m.org_path, action: 'member.status', targetType: 'member', targetId: id, ip: meta.ip, details: { from: m.status, to: input.status } });
  });
  return getMemberDetail(deps, actor, id);
}

// ---- the member's own view ----------------------------------------------------------------

/** A member's own record, masked: the member app never needs the full 身份证号 back. */
export async function getMyProfile(deps: AppDeps, actor: Actor): Promise<MemberProfile> {
  const { db } = deps.database;
  const user = await db.selectFrom('users').select(['id', 'name', 'phone_masked']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('members')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .select(['members.id', 'members.org_id', 'orgs.name as org_name', 'orgs.path', 'members.status', 'members.card_no', 'members.employer', 'members.occupation', 'members.id_no_masked', 'members.gender', 'members.birth_date', 'members.joined_at'])
    .where('members.user_id', '=', actor.userId)
    .orderBy('members.joined_at', 'desc')
    .orderBy('members.id', 'desc')
    .execute();
  const names = await ancestorNames(deps, rows.map((r) => r.path));
  return {
    user: { id: user.id, name: user.name, phoneMasked: user.phone_masked },
    memberships: rows.map((r) => ({
      id: r.id,
      orgId: r.org_id,
      orgName: r.org_name,
      orgPathNames: names.get(r.path) ?? [],
      status: r.status,
      cardNo: r.card_no,
      employer: r.employer,
      occupation: r.occupation,
      idNumberMasked: r.id_no_masked,
      gender: r.gender,
      birthDate: String(r.birth_date),
      joinedAt: String(r.joined_at),
    })),
  };
}
