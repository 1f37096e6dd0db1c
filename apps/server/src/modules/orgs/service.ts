import { parseUscc, type OrgDetail, type OrgKind, type OrgSearchHit, type OrgSummary } from '@gonghui/contracts';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../platform/access/actor';
import { recordAudit } from '../../platform/audit/audit';
import type { Db } from '../../db/connect';
import type { AppDeps, RequestMeta } from '../../platform/http/context';
import { errors } from '../../platform/http/errors';
import { decodeCursor, toPage } from '../../platform/http/pagination';
import { addOrgToCounters, ancestorPaths, pathNumbers } from './counters';
import { orgPolicy } from './policy';
import * as repo from './repo';
import type { CreateOrgInput } from './schema';

/** Which kinds may sit under which (territorial 块 and industry 条 lines). */
const ALLOWED_CHILDREN: Record<OrgKind, readonly OrgKind[]> = {
  province: ['city', 'industry'],
  city: ['county', 'industry', 'enterprise', 'joint'],
  county: ['street', 'industry', 'enterprise', 'joint', 'park'],
  street: ['community', 'park', 'joint', 'enterprise'],
  community: ['enterprise', 'joint', 'group'],
  park: ['enterprise', 'joint'],
  joint: ['enterprise', 'group'],
  industry: ['enterprise', 'joint', 'group'],
  enterprise: ['branch', 'group'],
  branch: ['group'],
  group: [],
};

export function toSummary(r: repo.OrgSummaryRow): OrgSummary {
  return {
    id: r.id,
    parentId: r.parent_id,
    name: r.name,
    kind: r.kind as OrgKind,
    depth: r.depth,
    childCount: r.children,
    membersTotal: r.members_total,
  };
}

/** Load a node the actor may read, or 404 (never 403: outsiders learn nothing about other subtrees). */
export async function getReadableOrg(deps: AppDeps, actor: Actor, id: string) {
  const org = await repo.findOrgById(deps.database.db, id);
  if (!org || !orgPolicy.read(actor, org)) throw errors.notFound('组织');
  return org;
}

export async function getOrgDetail(deps: AppDeps, actor: Actor, id: string): Promise<OrgDetail> {
  const { db } = deps.database;
  const org = await getReadableOrg(deps, actor, id);
  const [ancestors, industry] = await Promise.all([
    repo.ancestorsOf(db, org.path),
    org.industry_org_id ? repo.findOrgById(db, org.industry_org_id) : Promise.resolve(undefined),
  ]);
  // breadcrumbs stop at the actor's scope: a street cadre does not browse the province above
  const paths = ancestorPaths(org.path); // aligned with ancestors: both root first
  const visibleAncestors = ancestors.filter((_, i) => orgPolicy.read(actor, { path: paths[i]! }));
  return {
    id: org.id,
    parentId: org.parent_id,
    name: org.name,
    kind: org.kind as OrgKind,
    depth: org.depth,
    childCount: org.children,
    membersTotal: org.members_total,
    regionCode: org.region_code,
    uscc: org.uscc,
    address: org.address,
    industryLine: org.industry_line as OrgDetail['industryLine'],
    industryOrg: industry ? { id: industry.id, name: industry.name } : null,
    counters: { membersDirect: org.members_direct, membersTotal: org.members_total, orgsTotal: org.orgs_total, children: org.children },
    ancestors: visibleAncestors.map((a) => ({ id: a.id, name: a.name, kind: a.kind as OrgKind })),
    createdAt: new Date(org.created_at).toISOString(),
  };
}

/** The top nodes of the actor's scope (a chair of two streets sees both). */
export async function listScopeRoots(deps: AppDeps, actor: Actor): Promise<OrgSummary[]> {
  const { db } = deps.database;
  const prefixes = orgPolicy.readScope(actor);
  if (prefixes === null) {
    const roots = await db.selectFrom('orgs').select('id').where('parent_id', 'is', null).execute();
    return (await repo.findOrgsByIds(db, roots.map((r) => r.id))).map(toSummary);
  }
  const ids = actor.roles.filter((r) => prefixes.includes(r.orgPath)).map((r) => r.orgId);
  return (await repo.findOrgsByIds(db, [...new Set(ids)])).map(toSummary);
}

export async function listChildren(deps: AppDeps, actor: Actor, parentId: string, q: { cursor?: string | undefined; limit: number }) {
  await getReadableOrg(deps, actor, parentId);
  const after = decodeCursor(q.cursor, 2) as [string, string] | null;
  const rows = await repo.listChildren(deps.database.db, parentId, after, q.limit);
  return toPage(rows, q.limit, (r) => [r.name, r.id], toSummary);
}

export async function searchOrgs(deps: AppDeps, actor: Actor, q: string, limit: number): Promise<OrgSearchHit[]> {
  const { db } = deps.database;
  const prefixes = orgPolicy.readScope(actor);
  const rows = await repo.searchByName(db, q, prefixes, limit);
  const names = await repo.namesByNo(db, rows.flatMap((r) => pathNumbers(r.path).slice(0, -1)));
  return rows.map((r) => {
    // only the part of the path inside the actor's scope is named
    const visible = ancestorPaths(r.path).filter((path) => orgPolicy.read(actor, { path }));
    return { ...toSummary(r), pathNames: visible.map((path) => names.get(pathNumbers(path).at(-1)!) ?? '') };
  });
}

export async function createOrg(deps: AppDeps, actor: Actor, input: CreateOrgInput, meta: RequestMeta): Promise<OrgSummary> {
  const { db } = deps.database;
  const parent = await repo.findOrgById(db, input.parentId);
  if (!parent || !orgPolicy.read(actor, parent)) throw errors.notFound('上级组织');
  if (!orgPolicy.createUnder(actor, parent)) throw errors.forbidden('没有在该组织下新建下级组织的权限');
  if (!canHaveChild(parent.kind, input.kind)) {
    throw errors.field('kind', `「${parent.name}」下不能建立该类型的组织`);
  }
  let uscc: string | null = null;
  if (input.uscc) {
    const r = parseUscc(input.uscc);
    if (!r.ok) throw errors.field('uscc', `统一社会信用代码：${r.reason}`);
    uscc = r.normalized;
  } else if (input.kind === 'enterprise') {
    throw errors.field('uscc', '企业工会须填写统一社会信用代码');
  }
  if (input.industryOrgId) {
    const ind = await repo.findOrgById(db, input.industryOrgId);
    if (!ind || ind.kind !== 'industry' || !orgPolicy.read(actor, ind)) throw errors.field('industryOrgId', '所属行业工会不存在');
  }
  if (input.kind === 'industry' && !input.industryLine) throw errors.field('industryLine', '行业工会须选择行业');

  return db.transaction().execute(async (trx) => {
    const { id, path } = await insertChildOrg(trx, parent, {
      kind: input.kind,
      name: input.name,
      regionCode: input.regionCode ?? parent.region_code,
      uscc,
      address: input.address ?? null,
      industryLine: input.kind === 'industry' ? (input.industryLine ?? null) : null,
      industryOrgId: input.industryOrgId ?? null,
    });
    await recordAudit(trx, { actorId: actor.userId, orgId: id, orgPath: path, action: 'org.create', targetType: 'org', targetId: id, ip: meta.ip, details: { name: input.name, kind: input.kind, parentId: parent.id } });
    return { id, parentId: parent.id, name: input.name, kind: input.kind, depth: parent.depth + 1, childCount: 0, membersTotal: 0 };
  });
}

/** May an org of kind `child` sit under one of kind `parent`? */
export function canHaveChild(parent: string, child: OrgKind): boolean {
  return ALLOWED_CHILDREN[parent as OrgKind]?.includes(child) ?? false;
}

/**
 * Insert a node under `parent` inside the caller's transaction (USCC uniqueness, number, path,
 * counters). Callers check permissions, canHaveChild and the USCC checksum first; used by createOrg
 * and by the founding approval (建会批复), which creates the enterprise union in its own transaction.
 */
export async function insertChildOrg(
  trx: Db,
  parent: { id: string; path: string; depth: number },
  o: { kind: OrgKind; name: string; regionCode: string | null; uscc: string | null; address: string | null; industryLine: string | null; industryOrgId: string | null },
): Promise<{ id: string; path: string; depth: number }> {
  if (o.uscc) {
    const dup = await trx.selectFrom('orgs').select('name').where('uscc', '=', o.uscc).executeTakeFirst();
    if (dup) throw errors.conflict('USCC_TAKEN', `该统一社会信用代码已被「${dup.name}」使用`);
  }
  const id = uuidv7();
  const no = await repo.nextOrgNo(trx);
  const path = `${parent.path}${no}/`;
  await repo.insertOrg(trx, { id, no, parentId: parent.id, path, depth: parent.depth + 1, ...o });
  await addOrgToCounters(trx, id, parent.path);
  return { id, path, depth: parent.depth + 1 };
}

/** Names of each path's ancestors (root first, excluding the node itself), in one query. */
export async function ancestorNames(deps: AppDeps, paths: string[]): Promise<Map<string, string[]>> {
  const names = await repo.namesByNo(deps.database.db, paths.flatMap((p) => pathNumbers(p).slice(0, -1)));
  return new Map(paths.map((p) => [p, pathNumbers(p).slice(0, -1).map((n) => names.get(n) ?? '')]));
}
