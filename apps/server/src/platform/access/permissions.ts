import type { Role } from '@gonghui/contracts';
import type { Actor } from './actor';

/**
 * What each role may do *inside the subtree of the node where it is held*.
 * Modules name their actions here so one table answers "who may do what".
 */
export const PERMISSIONS = [
  'org.read',
  'org.manage',
  'user.read',
  'user.manage',
  'audit.read',
  'sms.outbox.read',
  'member.read', // roster, masked
  'member.manage', // edit records, change status
  'member.pii', // see full 身份证号 / phone / address (every view audited)
  'member.import',
  'member.export',
  'application.review', // join / transfer decisions (入会、转会审批)
  'founding.review', // 建会批复
  'enterprise.manage', // enterprise register (非公企业数据库)
  'stats.read', // coverage statistics
  'case.work', // work on cases assigned to oneself (partners hold only this)
  'case.read', // see the cases handled in or coming from the subtree
  'case.handle', // accept, assign, reply, transfer (受理、指派、办理)
  'case.file', // file a case for a caller / member (热线代登记、干部代办)
  'case.supervise', // 督办, analytics of the subtree
  'case.configure', // types, categories, SLA, teams, routing rules, intake QR codes
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  chair: PERMISSIONS,
  vice_chair: ['org.read', 'user.read', 'audit.read', 'member.read', 'member.export', 'application.review', 'founding.review', 'stats.read', 'case.work', 'case.read', 'case.handle', 'case.file', 'case.supervise'],
  cadre: ['org.read', 'user.read', 'member.read', 'member.manage', 'member.import', 'member.export', 'application.review', 'enterprise.manage', 'stats.read', 'case.work', 'case.read', 'case.handle', 'case.file'],
  auditor: ['org.read', 'user.read', 'audit.read', 'member.read', 'stats.read', 'case.read', 'case.supervise'],
  operator: ['org.read', 'case.work', 'case.file'],
  partner: ['case.work'],
};

/** Everything these roles allow somewhere (the UI uses it to hide what cannot work). */
export function permissionsOfRoles(roles: readonly Role[], superAdmin = false): Permission[] {
  if (superAdmin) return [...PERMISSIONS];
  return PERMISSIONS.filter((p) => roles.some((r) => ROLE_PERMISSIONS[r].includes(p)));
}

export function roleGrants(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/**
 * The org-path prefixes where the actor holds `permission`, reduced to the minimal set
 * (a prefix covered by a shorter one is dropped). Empty = nothing in scope.
 * `null` means unrestricted (platform super-admin).
 */
export function scopePrefixes(actor: Actor, permission: Permission): string[] | null {
  if (actor.isSuperAdmin) return null;
  const paths = actor.roles.filter((r) => roleGrants(r.role, permission)).map((r) => r.orgPath);
  paths.sort((a, b) => a.length - b.length);
  const minimal: string[] = [];
  for (const p of paths) if (!minimal.some((m) => p.startsWith(m))) minimal.push(p);
  return minimal;
}

/** can(actor, permission, orgPath): does the actor hold the permission at this node or above it? */
export function can(actor: Actor | null, permission: Permission, orgPath: string | null): boolean {
  if (!actor) return false;
  if (actor.isSuperAdmin) return true;
  if (orgPath === null) return false;
  return actor.roles.some((r) => roleGrants(r.role, permission) && orgPath.startsWith(r.orgPath));
}

/** Holds the permission at a root node (province level): needed for platform-wide views. */
export function canAtRoot(actor: Actor | null, permission: Permission): boolean {
  if (!actor) return false;
  if (actor.isSuperAdmin) return true;
  return actor.roles.some((r) => roleGrants(r.role, permission) && r.orgPath.split('/').filter(Boolean).length === 1);
}

export function hasAnyRole(actor: Actor | null): boolean {
  return !!actor && (actor.isSuperAdmin || actor.roles.length > 0);
}
