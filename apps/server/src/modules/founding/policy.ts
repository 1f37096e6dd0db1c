import type { Actor } from '../../platform/access/actor';
import { can, scopePrefixes } from '../../platform/access/permissions';

type FoundingRow = { org_path: string; applicant_user_id: string | null };

/** Who may do what with founding applications (网上建会). The reviewing org is the parent union. */
export const foundingPolicy = {
  /** see it: org.read at the reviewing org or above (outsiders get 404) */
  view: (actor: Actor, app: FoundingRow) => can(actor, 'org.read', app.org_path),
  listScope: (actor: Actor) => scopePrefixes(actor, 'org.read'),
  /** 批复 / 退回 / 不予批复 and record the congress: founding.review at the reviewing org or above */
  decide: (actor: Actor, app: FoundingRow) => can(actor, 'founding.review', app.org_path),
  /** edit and resubmit a returned application: its applicant only */
  resubmit: (actor: Actor, app: FoundingRow) => app.applicant_user_id === actor.userId,
};
