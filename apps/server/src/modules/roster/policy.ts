import type { Actor } from '../../platform/access/actor';
import { can, scopePrefixes } from '../../platform/access/permissions';

/** Who may import and export rosters. One readable rule per action. */
export const rosterPolicy = {
  /** upload a roster file into `org`: member.import there or above */
  importInto: (actor: Actor, org: { path: string }) => can(actor, 'member.import', org.path),
  /** see an import record and its error report: member.import at the import's org or above */
  readImport: (actor: Actor, imp: { org_path: string }) => can(actor, 'member.import', imp.org_path),
  importScope: (actor: Actor) => scopePrefixes(actor, 'member.import'),
  /** export the roster of a subtree (masked unless member.pii holds for the row's org) */
  exportScope: (actor: Actor) => scopePrefixes(actor, 'member.export'),
  piiScope: (actor: Actor) => scopePrefixes(actor, 'member.pii'),
  /** the name of the union where a conflicting person is active: shown in full only inside the actor's scope */
  seeOrgName: (actor: Actor, org: { path: string }) => can(actor, 'org.read', org.path),
};
