import type { Actor } from '../../platform/access/actor';
import { narrowScope } from '../../platform/access/scope';
import type { AppDeps } from '../../platform/http/context';
import { errors } from '../../platform/http/errors';
import { getReadableOrg } from '../orgs/service';
import { can, canAtRoot, scopePrefixes, type Permission } from '../../platform/access/permissions';
import type { Relation } from './transitions';

type CaseRef = { org_path: string; origin_path: string; assignee_id: string | null; submitter_user_id: string | null; filed_by: string | null };

/**
 * Who may see and do what with cases. Cadres see the cases handled in, or raised from, their
 * subtree; partners (律师、社工、心理咨询师) hold no scope and see only what is assigned to them;
 * a 12351 operator sees what they filed. What a viewer may *do* is decided by the transition table
 * from the relations computed here.
 */
export const casePolicy = {
  relations(actor: Actor, c: CaseRef): Set<Relation> {
    const r = new Set<Relation>();
    if (c.submitter_user_id && c.submitter_user_id === actor.userId) r.add('submitter');
    if (c.assignee_id && c.assignee_id === actor.userId) r.add('assignee');
    if (can(actor, 'case.handle', c.org_path)) r.add('handler');
    if (can(actor, 'case.supervise', c.org_path)) r.add('supervisor');
    return r;
  },
  /** the console view of one case */
  read(actor: Actor, c: CaseRef): boolean {
    return (
      (c.assignee_id !== null && c.assignee_id === actor.userId) ||
      (c.filed_by !== null && c.filed_by === actor.userId) ||
      can(actor, 'case.read', c.org_path) ||
      can(actor, 'case.read', c.origin_path)
    );
  },
  /** 查看联系方式: the people who act on the case, not every reader */
  revealContact(actor: Actor, c: CaseRef): boolean {
    return (c.assignee_id !== null && c.assignee_id === actor.userId) || can(actor, 'case.handle', c.org_path);
  },
  readScope: (actor: Actor) => scopePrefixes(actor, 'case.read'),
  handleScope: (actor: Actor) => scopePrefixes(actor, 'case.handle'),
  superviseScope: (actor: Actor) => scopePrefixes(actor, 'case.supervise'),
  fileAt: (actor: Actor, org: { path: string }) => can(actor, 'case.file', org.path),
  configureAt: (actor: Actor, org: { path: string }) => can(actor, 'case.configure', org.path),
  /** types, categories and SLA are one set for the installation: province-level admins keep them */
  configureGlobal: (actor: Actor) => canAtRoot(actor, 'case.configure'),
};

/**
 * The actor's scope for a permission, narrowed to one org's subtree when a list asks for it
 * (?orgId=). An org the actor cannot read, or one where they hold no such permission, is a 404.
 */
export async function scopeWithin(deps: AppDeps, actor: Actor, permission: Permission, orgId: string | undefined): Promise<string[] | null> {
  const scope = scopePrefixes(actor, permission);
  if (!orgId) return scope;
  const narrowed = narrowScope(scope, (await getReadableOrg(deps, actor, orgId)).path);
  if (narrowed.length === 0) throw errors.notFound('组织');
  return narrowed;
}
