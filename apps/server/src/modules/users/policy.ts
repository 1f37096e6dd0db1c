import type { Actor } from '../../platform/access/actor';
import { can, scopePrefixes } from '../../platform/access/permissions';

/** Users and role assignments (任职). A cadre manages appointments only inside their subtree. */
export const userPolicy = {
  listScope: (actor: Actor) => scopePrefixes(actor, 'user.read'),
  /** appoint someone at `org`: user.manage at that node or above */
  assignRole: (actor: Actor, org: { path: string }) => can(actor, 'user.manage', org.path),
  /** a cadre cannot remove their own appointment (avoids locking the subtree out by accident) */
  revokeRole: (actor: Actor, assignment: { org_path: string; user_id: string }) => can(actor, 'user.manage', assignment.org_path) && assignment.user_id !== actor.userId,
};
