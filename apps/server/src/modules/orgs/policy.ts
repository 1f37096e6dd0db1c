import type { Actor } from '../../platform/access/actor';
import { can, scopePrefixes } from '../../platform/access/permissions';

/** Who may do what with org nodes. One readable rule per action. */
export const orgPolicy = {
  /** read a node: it lies in a subtree where the actor holds org.read */
  read: (actor: Actor, org: { path: string }) => can(actor, 'org.read', org.path),
  /** create a child under `parent`: org.manage at the parent or above */
  createUnder: (actor: Actor, parent: { path: string }) => can(actor, 'org.manage', parent.path),
  /** edit a node: org.manage at its parent or above (a node cannot rename itself) */
  update: (actor: Actor, org: { path: string; parentPath: string | null }) => org.parentPath !== null && can(actor, 'org.manage', org.parentPath),
  readScope: (actor: Actor) => scopePrefixes(actor, 'org.read'),
};
