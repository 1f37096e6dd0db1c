import type { Me } from '@gonghui/contracts';

/**
 * Menu-level permission hints for the console. The server remains the authority (every route
 * checks scope); these only hide what a user could not use.
 */

/** Holds the permission at some node (`permissions` is the union over all roles). */
export function hasPermission(me: Me, permission: string): boolean {
  return me.isSuperAdmin || me.permissions.includes(permission);
}

/** Holds the permission at a root (province) node: platform-wide pages such as the SMS outbox and the calendar. */
export function hasRootPermission(me: Me, permission: string): boolean {
  return me.isSuperAdmin || me.rootPermissions.includes(permission);
}
