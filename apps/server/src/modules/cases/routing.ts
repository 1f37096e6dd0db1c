import type { CaseType, TeamSkill } from '@gonghui/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/connect';
import { ancestorPaths } from '../orgs/counters';

/**
 * Where a new case goes (分派规则). By default the member's own union handles it with its 综合服务
 * team. A rule for the type (and category) from the origin's subtree can send it to an ancestor of
 * a given level and a team of a given skill there: e.g. 法律援助 → the county's 法律服务 team. The
 * most specific rule wins (deepest scope, then a category match over a type-wide rule).
 */
export type Route = { orgId: string; orgPath: string; teamId: string | null };

type Origin = { id: string; path: string; kind: string };

export async function routeCase(trx: Db, input: { type: CaseType; categoryId: string | null; origin: Origin }): Promise<Route> {
  const { origin } = input;
  const prefixes = [...ancestorPaths(origin.path), origin.path];
  const rule = await trx
    .selectFrom('case_routing_rules')
    .select(['target_kind', 'team_skill', 'org_path', 'category_id'])
    .where('enabled', '=', true)
    .where('case_type', '=', input.type)
    .where('org_path', 'in', prefixes)
    .where((eb) => (input.categoryId ? eb.or([eb('category_id', 'is', null), eb('category_id', '=', input.categoryId)]) : eb('category_id', 'is', null)))
    .orderBy(sql`length(org_path)`, 'desc')
    .orderBy(sql`category_id IS NULL`)
    .limit(1)
    .executeTakeFirst();

  let target: { id: string; path: string } = origin;
  if (rule && rule.target_kind !== 'origin') {
    // the nearest node of that level on the way up (none: the origin keeps it)
    const hit = await trx.selectFrom('orgs').select(['id', 'path']).where('path', 'in', prefixes).where('kind', '=', rule.target_kind).orderBy('depth', 'desc').limit(1).executeTakeFirst();
    if (hit) target = hit;
  }
  const skill: TeamSkill = rule?.team_skill ?? 'general';
  const team = await trx.selectFrom('case_teams').select('id').where('org_id', '=', target.id).where('skill', '=', skill).orderBy('created_at').limit(1).executeTakeFirst();
  return { orgId: target.id, orgPath: target.path, teamId: team?.id ?? null };
}

/**
 * The least-loaded on-duty member of a team (open cases assigned to them), ties broken at random so
 * a quiet team shares work evenly. No lock: two simultaneous picks may choose the same person,
 * which the next pick corrects; serialising every submission of a team would cost more.
 */
export async function pickAssignee(trx: Db, teamId: string): Promise<string | null> {
  const row = await trx
    .selectFrom('case_team_members as tm')
    .select(['tm.user_id'])
    .select(sql<number>`(SELECT count(*) FROM cases c WHERE c.assignee_id = tm.user_id AND c.status IN ('assigned','in_progress'))::int`.as('load'))
    .where('tm.team_id', '=', teamId)
    .where('tm.on_duty', '=', true)
    .orderBy('load')
    .orderBy(sql`random()`)
    .limit(1)
    .executeTakeFirst();
  return row?.user_id ?? null;
}
