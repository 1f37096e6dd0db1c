import { parsePhone, type OrgKind, type Role, type RoleAssignment, type UserListItem } from '@gonghui/contracts';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../platform/access/actor';
import { escapeLike, inScope, narrowScope } from '../../platform/access/scope';
import { findUserByPhone, insertUser, passwordProblem } from '../../platform/auth/accounts';
import { hashPassword } from '../../platform/auth/password';
import { recordAudit } from '../../platform/audit/audit';
import type { AppDeps, RequestMeta } from '../../platform/http/context';
import { errors } from '../../platform/http/errors';
import { decodeCursor, toPage } from '../../platform/http/pagination';
import { getReadableOrg } from '../orgs/service';
import { userPolicy } from './policy';

type ListQuery = { orgId?: string | undefined; q?: string | undefined; cursor?: string | undefined; limit: number };

/** Appointments of these users, limited to what the actor may see. */
async function rolesOf(deps: AppDeps, actor: Actor, userIds: string[]): Promise<Map<string, RoleAssignment[]>> {
  const map = new Map<string, RoleAssignment[]>();
  if (userIds.length === 0) return map;
  const rows = await deps.database.db
    .selectFrom('role_assignments as ra')
    .innerJoin('orgs', 'orgs.id', 'ra.org_id')
    .select(['ra.id', 'ra.user_id', 'ra.org_id', 'ra.role', 'ra.created_at', 'orgs.name', 'orgs.kind'])
    .where('ra.user_id', 'in', userIds)
    .where(inScope('ra.org_path', userPolicy.listScope(actor)))
    .orderBy('orgs.path')
    .execute();
  for (const r of rows) {
    const list = map.get(r.user_id) ?? [];
    list.push({ id: r.id, userId: r.user_id, orgId: r.org_id, orgName: r.name, orgKind: r.kind as OrgKind, role: r.role as Role, createdAt: new Date(r.created_at).toISOString() });
    map.set(r.user_id, list);
  }
  return map;
}

/** Users appointed somewhere in the (narrowed) scope; q = name prefix or an exact phone number. */
export async function listUsers(deps: AppDeps, actor: Actor, q: ListQuery) {
  const { db } = deps.database;
  let prefixes = userPolicy.listScope(actor);
  if (q.orgId) prefixes = narrowScope(prefixes, (await getReadableOrg(deps, actor, q.orgId)).path);
  const after = decodeCursor(q.cursor, 2) as [string, string] | null;
  let query = db
    .selectFrom('users')
    .select(['users.id', 'users.name', 'users.phone_masked', 'users.password_hash', 'users.locked_until', 'users.created_at'])
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('role_assignments as ra').select('ra.id').whereRef('ra.user_id', '=', 'users.id').where(inScope('ra.org_path', prefixes))),
    );
  const term = q.q?.trim();
  if (term) {
    const phone = parsePhone(term);
    query = phone.ok
      ? query.where('users.phone_hash', '=', deps.cipher.blindIndex('phone', phone.normalized))
      : query.where('users.name', 'like', `${escapeLike(term)}%`);
  }
  if (after) query = query.where(sql<boolean>`(users.name, users.id) > (${after[0]}, ${after[1]}::uuid)`);
  const rows = await query.orderBy('users.name').orderBy('users.id').limit(q.limit + 1).execute();
  const roles = await rolesOf(deps, actor, rows.map((r) => r.id));
  return toPage(rows, q.limit, (r) => [r.name, r.id], (r): UserListItem => ({
    id: r.id,
    name: r.name,
    phoneMasked: r.phone_masked,
    hasPassword: !!r.password_hash,
    lockedUntil: r.locked_until && r.locked_until > new Date() ? r.locked_until.toISOString() : null,
    roles: roles.get(r.id) ?? [],
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

async function assign(deps: AppDeps, trx: AppDeps['database']['db'], actor: Actor, userId: string, org: { id: string; path: string }, role: Role, meta: RequestMeta) {
  const existing = await trx.selectFrom('role_assignments').select('id').where('user_id', '=', userId).where('org_id', '=', org.id).where('role', '=', role).executeTakeFirst();
  if (existing) throw errors.conflict('ROLE_EXISTS', '该用户在此组织已担任该角色');
  const id = uuidv7();
  await trx.insertInto('role_assignments').values({ id, user_id: userId, org_id: org.id, org_path: org.path, role, granted_by: actor.userId }).execute();
  await recordAudit(trx, { actorId: actor.userId, orgId: org.id, orgPath: org.path, action: 'role.assign', targetType: 'user', targetId: userId, ip: meta.ip, details: { role, assignmentId: id } });
  return id;
}

/** Create a cadre account and appoint it at an org in one step (an account without a post is invisible to cadres). */
export async function createUser(
  deps: AppDeps,
  actor: Actor,
  input: { name: string; phone: string; password?: string | undefined; orgId: string; role: Role },
  meta: RequestMeta,
): Promise<UserListItem> {
  const phone = parsePhone(input.phone);
  if (!phone.ok) throw errors.field('phone', phone.reason);
  if (input.password) {
    const problem = passwordProblem(input.password);
    if (problem) throw errors.field('password', problem);
  }
  const org = await getReadableOrg(deps, actor, input.orgId);
  if (!userPolicy.assignRole(actor, org)) throw errors.forbidden('没有在该组织任命干部的权限');
  const userId = await deps.database.db.transaction().execute(async (trx) => {
    // the person may already have an account (e.g. a member): appoint that account instead of duplicating it
    const existing = await findUserByPhone(trx, deps.cipher, phone.normalized);
    let id: string;
    if (existing) {
      id = existing.id;
      if (input.password && !existing.password_hash) {
        await trx.updateTable('users').set({ password_hash: await hashPassword(input.password), updated_at: new Date() }).where('id', '=', id).execute();
      }
    } else {
      id = (await insertUser(trx, deps.cipher, { name: input.name, phone: phone.normalized, password: input.password })).id;
      await recordAudit(trx, { actorId: actor.userId, orgId: org.id, orgPath: org.path, action: 'user.create', targetType: 'user', targetId: id, ip: meta.ip, details: { name: input.name } });
    }
    await assign(deps, trx, actor, id, org, input.role, meta);
    return id;
  });
  const page = await listUsers(deps, actor, { q: phone.normalized, limit: 1 });
  const item = page.items.find((u) => u.id === userId);
  if (!item) throw errors.notFound('用户');
  return item;
}

export async function assignRole(deps: AppDeps, actor: Actor, input: { userId: string; orgId: string; role: Role }, meta: RequestMeta): Promise<RoleAssignment> {
  const { db } = deps.database;
  const org = await getReadableOrg(deps, actor, input.orgId);
  if (!userPolicy.assignRole(actor, org)) throw errors.forbidden('没有在该组织任命干部的权限');
  const user = await db.selectFrom('users').select('id').where('id', '=', input.userId).executeTakeFirst();
  if (!user) throw errors.notFound('用户');
  const id = await db.transaction().execute((trx) => assign(deps, trx, actor, input.userId, org, input.role, meta));
  return { id, userId: input.userId, orgId: org.id, orgName: org.name, orgKind: org.kind as OrgKind, role: input.role, createdAt: new Date().toISOString() };
}

export async function revokeRole(deps: AppDeps, actor: Actor, assignmentId: string, meta: RequestMeta): Promise<void> {
  const { db } = deps.database;
  const ra = await db.selectFrom('role_assignments').selectAll().where('id', '=', assignmentId).executeTakeFirst();
  const scope = userPolicy.listScope(actor);
  if (!ra || (scope !== null && !scope.some((p) => ra.org_path.startsWith(p)))) throw errors.notFound('任职记录');
  if (!userPolicy.revokeRole(actor, ra)) throw errors.forbidden(ra.user_id === actor.userId ? '不能撤销自己的任职' : '没有撤销该任职的权限');
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('role_assignments').where('id', '=', assignmentId).execute();
    await recordAudit(trx, { actorId: actor.userId, orgId: ra.org_id, orgPath: ra.org_path, action: 'role.revoke', targetType: 'user', targetId: ra.user_id, ip: meta.ip, details: { role: ra.role, assignmentId } });
  });
}
