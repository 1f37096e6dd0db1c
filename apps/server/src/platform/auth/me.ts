import type { Me, OrgKind, Role } from '@gonghui/contracts';
import { permissionsOfRoles } from '../access/permissions';
import type { AppDeps } from '../http/context';

export async function loadMe(deps: AppDeps, userId: string, csrfToken: string): Promise<Me> {
  const { db } = deps.database;
  const user = await db.selectFrom('users').select(['id', 'name', 'phone_masked', 'is_super_admin']).where('id', '=', userId).executeTakeFirstOrThrow();
  const roles = await db
    .selectFrom('role_assignments as ra')
    .innerJoin('orgs', 'orgs.id', 'ra.org_id')
    .select(['ra.id', 'ra.user_id', 'ra.org_id', 'ra.role', 'ra.created_at', 'orgs.name as org_name', 'orgs.kind as org_kind', 'orgs.depth as org_depth'])
    .where('ra.user_id', '=', userId)
    .orderBy('orgs.path')
    .execute();
  const member = await db.selectFrom('members').select('id').where('user_id', '=', userId).where('status', '=', 'active').limit(1).executeTakeFirst();
  return {
    user: { id: user.id, name: user.name, phoneMasked: user.phone_masked },
    isSuperAdmin: user.is_super_admin,
    isMember: !!member,
    roles: roles.map((r) => ({
      id: r.id,
      userId: r.user_id,
      orgId: r.org_id,
      orgName: r.org_name,
      orgKind: r.org_kind as OrgKind,
      role: r.role as Role,
      createdAt: new Date(r.created_at).toISOString(),
    })),
    permissions: permissionsOfRoles(roles.map((r) => r.role as Role), user.is_super_admin),
    /** province-level (root) posts: platform-wide views like the SMS outbox */
    rootPermissions: permissionsOfRoles(roles.filter((r) => r.org_depth === 0).map((r) => r.role as Role), user.is_super_admin),
    csrfToken,
  };
}
