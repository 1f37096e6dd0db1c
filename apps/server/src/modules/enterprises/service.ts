import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import {
  mustUnionise,
  parseUscc,
  type Enterprise,
  type EnterpriseSummary,
  type enterpriseInputSchema,
  type enterpriseListQuerySchema,
  type enterpriseUpdateSchema,
} from '@gonghui/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/connect';
import type { Actor } from '../../platform/access/actor';
import { narrowScope } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import { maskPhone } from '../../platform/crypto/pii';
import type { AppDeps, RequestMeta } from '../../platform/http/context';
import { errors } from '../../platform/http/errors';
import { decodeCursor, toPage } from '../../platform/http/pagination';
import { applyCounterDeltas, type SubtreeCounter } from '../orgs/counters';
import { enterprisePolicy } from './policy';
import * as repo from './repo';

type CreateInput = z.output<typeof enterpriseInputSchema>;
type UpdateInput = z.output<typeof enterpriseUpdateSchema>;
type ListQuery = z.output<typeof enterpriseListQuerySchema>;

export function toEnterprise(r: repo.EnterpriseListRow): Enterprise {
  return {
    id: r.id,
    areaOrgId: r.area_org_id,
    areaOrgName: r.area_name,
    name: r.name,
    uscc: r.uscc,
    headcount: r.headcount,
    mustUnionise: r.must_unionise,
    unionOrg: r.union_org_id ? { id: r.union_org_id, name: r.union_name ?? '' } : null,
    industry: r.industry,
    address: r.address,
    contactName: r.contact_name,
    contactPhoneMasked: r.contact_phone_masked,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** What one entry adds to its area's coverage counters (应建 / 已建). */
function contribution(e: { must_unionise: boolean; union_org_id: string | null }, sign = 1): Partial<Record<SubtreeCounter, number>> {
  return { ent_required_total: e.must_unionise ? sign : 0, ent_unionised_total: e.must_unionise && e.union_org_id ? sign : 0 };
}

/**
 * Serialise everything that decides "is this USCC already registered / unionised / applied for"
 * (register writes and founding decisions) for one USCC, so two requests cannot both pass the check.
 */
export async function lockUscc(trx: Db, uscc: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(7428, hashtext(${uscc}))`.execute(trx);
}

export async function listEnterprises(deps: AppDeps, actor: Actor, q: ListQuery) {
  const { db } = deps.database;
  let prefixes = enterprisePolicy.listScope(actor);
  if (q.orgId) {
    const org = await repo.findOrg(db, q.orgId);
    if (!org || !enterprisePolicy.read(actor, org)) throw errors.notFound('组织');
    prefixes = narrowScope(prefixes, org.path);
  }
  const term = q.q?.trim();
  const uscc = term ? parseUscc(term) : null;
  const after = decodeCursor(q.cursor, 2) as [string, string] | null;
  const rows = await repo.list(
    db,
    prefixes,
    { hasUnion: q.hasUnion, mustUnionise: q.mustUnionise, ...(uscc?.ok ? { uscc: uscc.normalized } : { name: term || undefined }) },
    after,
    q.limit,
  );
  return toPage(rows, q.limit, (r) => [r.name, r.id], toEnterprise);
}

export async function getEnterprise(deps: AppDeps, actor: Actor, id: string): Promise<Enterprise> {
  const row = await repo.findById(deps.database.db, id);
  if (!row || !enterprisePolicy.read(actor, { path: row.area_path })) throw errors.notFound('企业');
  return toEnterprise(row);
}

/** The 建会率 summary of a subtree, straight from its counters. */
export async function getSummary(deps: AppDeps, actor: Actor, orgId: string): Promise<EnterpriseSummary> {
  const { db } = deps.database;
  const org = await repo.findOrg(db, orgId);
  if (!org || !enterprisePolicy.read(actor, org)) throw errors.notFound('组织');
  const [c, total] = await Promise.all([repo.counters(db, org.id), repo.countInSubtree(db, org.path)]);
  const required = c?.ent_required_total ?? 0;
  const unionised = c?.ent_unionised_total ?? 0;
  return {
    orgId: org.id,
    orgName: org.name,
    total,
    required,
    unionised,
    unionisationRate: required > 0 ? unionised / required : null,
    canManage: enterprisePolicy.manage(actor, org) && enterprisePolicy.holdsRegister(org),
  };
}

async function writableArea(db: Db, actor: Actor, areaOrgId: string) {
  const area = await repo.findOrg(db, areaOrgId);
  if (!area || !enterprisePolicy.read(actor, area)) throw errors.notFound('所属区域工会');
  if (!enterprisePolicy.manage(actor, area)) throw errors.forbidden('没有维护该区域企业名录的权限');
  if (!enterprisePolicy.holdsRegister(area)) throw errors.field('areaOrgId', '企业名录应登记在街道、园区、社区等区域工会下，不能登记在企业工会下');
  return area;
}

/** A union the actor may link: an enterprise union they can see, not linked to another entry. */
async function linkableUnion(trx: Db, actor: Actor, unionOrgId: string, selfId: string | null) {
  const union = await repo.findOrg(trx, unionOrgId);
  if (!union || !enterprisePolicy.linkUnion(actor, union)) throw errors.field('unionOrgId', '关联的企业工会不存在');
  if (union.kind !== 'enterprise') throw errors.field('unionOrgId', '只能关联企业工会');
  const other = await repo.findByUnionOrg(trx, union.id);
  if (other && other.id !== selfId) throw errors.conflict('UNION_ALREADY_LINKED', `「${union.name}」已关联名录中的其他企业`);
  return union;
}

async function ensureUsccFree(trx: Db, actor: Actor, uscc: string, selfId: string | null) {
  const dup = await repo.findByUscc(trx, uscc);
  if (dup && dup.id !== selfId) {
    // name the duplicate only when the actor may see it
    const where = enterprisePolicy.read(actor, { path: dup.area_path }) ? `（「${dup.name}」）` : '（在其他区域）';
    throw errors.conflict('ENTERPRISE_EXISTS', `该统一社会信用代码的企业已在名录中${where}`);
  }
}

/** An existing enterprise union with this USCC, free to link (the register's automatic match). */
async function autoUnion(trx: Db, uscc: string): Promise<string | null> {
  const org = await repo.findEnterpriseOrgByUscc(trx, uscc);
  if (!org) return null;
  return (await repo.findByUnionOrg(trx, org.id)) ? null : org.id;
}

export async function createEnterprise(deps: AppDeps, actor: Actor, input: CreateInput, meta: RequestMeta): Promise<Enterprise> {
  const { db } = deps.database;
  const area = await writableArea(db, actor, input.areaOrgId);
  const id = await db.transaction().execute(async (trx) => {
    await lockUscc(trx, input.uscc);
    await ensureUsccFree(trx, actor, input.uscc, null);
    const unionOrgId = input.unionOrgId ? (await linkableUnion(trx, actor, input.unionOrgId, null)).id : await autoUnion(trx, input.uscc);
    const row = {
      id: uuidv7(),
      area_org_id: area.id,
      area_path: area.path,
      name: input.name,
      uscc: input.uscc,
      headcount: input.headcount,
      must_unionise: mustUnionise(input.headcount),
      union_org_id: unionOrgId,
      industry: input.industry ?? null,
      address: input.address ?? null,
      contact_name: input.contactName ?? null,
      contact_phone_enc: input.contactPhone ? deps.cipher.encrypt(input.contactPhone) : null,
      contact_phone_masked: input.contactPhone ? maskPhone(input.contactPhone) : null,
    };
    await repo.insert(trx, row);
    await applyCounterDeltas(trx, [{ path: area.path, subtree: contribution(row) }]);
    await recordAudit(trx, {
      actorId: actor.userId,
      orgId: area.id,
      orgPath: area.path,
      action: 'enterprise.create',
      targetType: 'enterprise',
      targetId: row.id,
      ip: meta.ip,
      details: { name: row.name, uscc: row.uscc, headcount: row.headcount, unionOrgId },
    });
    return row.id;
  });
  return toEnterprise((await repo.findById(db, id))!);
}

/** Load an entry for writing: 404 outside the read scope, 403 without enterprise.manage. */
async function writableEntry(trx: Db, actor: Actor, id: string) {
  const row = await repo.lockById(trx, id);
  if (!row || !enterprisePolicy.read(actor, { path: row.area_path })) throw errors.notFound('企业');
  if (!enterprisePolicy.manage(actor, { path: row.area_path })) throw errors.forbidden('没有维护该区域企业名录的权限');
  return row;
}

export async function updateEnterprise(deps: AppDeps, actor: Actor, id: string, input: UpdateInput, meta: RequestMeta): Promise<Enterprise> {
  const { db } = deps.database;
  await db.transaction().execute(async (trx) => {
    const old = await writableEntry(trx, actor, id);
    const area = input.areaOrgId && input.areaOrgId !== old.area_org_id ? await writableArea(trx, actor, input.areaOrgId) : null;
    const uscc = input.uscc ?? old.uscc;
    await lockUscc(trx, uscc);
    if (uscc !== old.uscc) await ensureUsccFree(trx, actor, uscc, old.id);
    let unionOrgId = old.union_org_id;
    if (input.unionOrgId === null) unionOrgId = null;
    else if (input.unionOrgId) unionOrgId = (await linkableUnion(trx, actor, input.unionOrgId, old.id)).id;
    else if (!unionOrgId && uscc !== old.uscc) unionOrgId = await autoUnion(trx, uscc);
    const headcount = input.headcount ?? old.headcount;
    const next = {
      area_org_id: area?.id ?? old.area_org_id,
      area_path: area?.path ?? old.area_path,
      name: input.name ?? old.name,
      uscc,
      headcount,
      must_unionise: mustUnionise(headcount),
      union_org_id: unionOrgId,
      industry: input.industry === undefined ? old.industry : input.industry,
      address: input.address === undefined ? old.address : input.address,
      contact_name: input.contactName === undefined ? old.contact_name : input.contactName,
      ...(input.contactPhone === undefined
        ? {}
        : {
            contact_phone_enc: input.contactPhone ? deps.cipher.encrypt(input.contactPhone) : null,
            contact_phone_masked: input.contactPhone ? maskPhone(input.contactPhone) : null,
          }),
    };
    await repo.update(trx, old.id, next);
    // remove the old contribution where it was, add the new one where it is now
    await applyCounterDeltas(trx, [
      { path: old.area_path, subtree: contribution(old, -1) },
      { path: next.area_path, subtree: contribution(next) },
    ]);
    const changed = (Object.keys(input) as (keyof UpdateInput)[]).filter((k) => input[k] !== undefined);
    await recordAudit(trx, {
      actorId: actor.userId,
      orgId: next.area_org_id,
      orgPath: next.area_path,
      action: 'enterprise.update',
      targetType: 'enterprise',
      targetId: old.id,
      ip: meta.ip,
      details: { name: next.name, changed, unionOrgId: next.union_org_id },
    });
  });
  return toEnterprise((await repo.findById(db, id))!);
}

export async function deleteEnterprise(deps: AppDeps, actor: Actor, id: string, meta: RequestMeta): Promise<void> {
  await deps.database.db.transaction().execute(async (trx) => {
    const old = await writableEntry(trx, actor, id);
    await repo.remove(trx, old.id);
    await applyCounterDeltas(trx, [{ path: old.area_path, subtree: contribution(old, -1) }]);
    await recordAudit(trx, {
      actorId: actor.userId,
      orgId: old.area_org_id,
      orgPath: old.area_path,
      action: 'enterprise.delete',
      targetType: 'enterprise',
      targetId: old.id,
      ip: meta.ip,
      details: { name: old.name, uscc: old.uscc },
    });
  });
}

/** Is this USCC already marked as unionised in the register (linked to some union)? */
export async function registeredUnion(trx: Db, uscc: string): Promise<{ name: string } | null> {
  const row = await repo.findByUscc(trx, uscc);
  return row?.union_org_id ? { name: row.name } : null;
}

/**
 * A founding approval (建会批复) created `unionOrgId` for this enterprise: link its register entry,
 * or register it in the approving area, and count it as unionised. Runs in the approval's
 * transaction; the caller holds lockUscc.
 */
export async function linkFoundedUnion(
  trx: Db,
  e: {
    area: { id: string; path: string };
    unionOrgId: string;
    uscc: string;
    name: string;
    headcount: number;
    industry: string | null;
    address: string | null;
    contactName: string | null;
    contactPhoneEnc: string | null;
    contactPhoneMasked: string | null;
  },
): Promise<string> {
  const existing = await repo.findByUscc(trx, e.uscc);
  if (existing) {
    const row = (await repo.lockById(trx, existing.id))!;
    if (row.union_org_id === e.unionOrgId) return row.id;
    if (row.union_org_id) throw errors.conflict('USCC_HAS_UNION', `「${row.name}」在企业名录中已关联工会`);
    await repo.update(trx, row.id, { union_org_id: e.unionOrgId });
    await applyCounterDeltas(trx, [{ path: row.area_path, subtree: { ent_unionised_total: row.must_unionise ? 1 : 0 } }]);
    return row.id;
  }
  const row = {
    id: uuidv7(),
    area_org_id: e.area.id,
    area_path: e.area.path,
    name: e.name,
    uscc: e.uscc,
    headcount: e.headcount,
    must_unionise: mustUnionise(e.headcount),
    union_org_id: e.unionOrgId,
    industry: e.industry,
    address: e.address,
    contact_name: e.contactName,
    contact_phone_enc: e.contactPhoneEnc,
    contact_phone_masked: e.contactPhoneMasked,
  };
  await repo.insert(trx, row);
  await applyCounterDeltas(trx, [{ path: e.area.path, subtree: contribution(row) }]);
  return row.id;
}
