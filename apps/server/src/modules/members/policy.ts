import type { Actor } from '../../platform/access/actor';
import { can, scopePrefixes } from '../../platform/access/permissions';

/** Who may do what with member records. One readable rule per action. */
export const memberPolicy = {
  /** see the roster (masked) of a subtree */
  listScope: (actor: Actor) => scopePrefixes(actor, 'member.read'),
  read: (actor: Actor, member: { org_path: string }) => can(actor, 'member.read', member.org_path),
  /** full 身份证号 / phone / address: a separate permission, and every view is audited */
  revealPii: (actor: Actor, member: { org_path: string }) => can(actor, 'member.pii', member.org_path),
  manage: (actor: Actor, member: { org_path: string }) => can(actor, 'member.manage', member.org_path),
  createIn: (actor: Actor, org: { path: string }) => can(actor, 'member.manage', org.path),
  manageJoinLinks: (actor: Actor, org: { path: string }) => can(actor, 'member.manage', org.path),
};
