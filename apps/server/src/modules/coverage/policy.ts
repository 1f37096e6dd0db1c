import type { Actor } from '../../platform/access/actor';
import { can } from '../../platform/access/permissions';

/** Who may see and feed the coverage figures. */
export const coveragePolicy = {
  /** statistics of a subtree: stats.read at the node or above */
  readStats: (actor: Actor, org: { path: string }) => can(actor, 'stats.read', org.path),
  /** a node's headcount (职工数): org.manage at the node or above (an enterprise union keeps its own) */
  setEmployees: (actor: Actor, org: { path: string }) => can(actor, 'org.manage', org.path),
};
