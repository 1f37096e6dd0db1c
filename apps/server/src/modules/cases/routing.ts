import type { CaseType, TeamSkill } from '@gonghui/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/connect';
import { ancestorPaths } from '../orgs/counters';
import type { RoutingRule } from './config-cache';

/**
 * Where a new case goes (分派规则). By default the member's own union handles it with its 综合服务
 * team. A rule for the type (and category) from the origin's subtree can send it to an ancestor of
 * a given level and a team of a given skill there: e.g. 法律援助 → the county's 法律服务 team. The
 * most specific rule wins (deepest scope, then a category match over a type-wide rule).
 */
export type Route = { orgId: string; orgPath: string; orgName: string; teamId: string | null };

type Origin = { id: string; path: string; kind: string };

export async function routeCase(trx: Db, input: { type: CaseType; categoryId: string | null; origin: Origin }, rules: readonly RoutingRule[]): Promise<Route> {
  const { origin } = input;
  const prefixes = [...ancestorPaths(origin.path), origin.path];
  const rule = rules
    .filter((r) => r.case_type === input.type && prefixes.includes(r.org_path) && (r.category_id === null || r.category_id === input.categoryId))
    .sort((a, b) => b.org_path.length - a.org_path.length || Number(a.category_id === null) - Number(b.category_id === null))[0];
  const skill: TeamSkill = (rule?.team_skill as TeamSkill | null) ?? 'general';
  // the nearest node of the rule's level on the way up (none: the origin keeps it), with its team
  const byLevel = rule && rule.target_kind !== 'origin';
  const row = await trx
    .selectFrom('orgs as o')
    .select(['o.id', 'o.path', 'o.name'])
    .select((eb) =>
      eb.selectFrom('case_teams as t').select('t.id').whereRef('t.org_id', '=', 'o.id').where('t.skill', '=', skill).orderBy('t.created_at').limit(1).as('team_id'),
    )
    .where((eb) => (byLevel ? eb.or([eb.and([eb('o.path', 'in', prefixes), eb('o.kind', '=', rule.target_kind)]), eb('o.id', '=', origin.id)]) : eb('o.id', '=', origin.id)))
    .orderBy(sql`o.id = ${origin.id}`)
    .orderBy('o.depth', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return { orgId: row.id, orgPath: row.path, orgName: row.name, teamId: row.team_id };
}

/**
 * The least-loaded on-duty member of a team (open cases assigned to them), ties broken at random so
 * a quiet team shares work evenly. No lock: two simultaneous picks may choose the same person,
 * which the next pick corrects; serialising every submission of a team would cost more.
 */
export async function pickAssignee(trx: Db, teamId: string): Promise<{ id: string; name: string; phoneEnc: string } | null> {
  const row = await trx
    .selectFrom('case_team_members as tm')
    .innerJoin('users as u', 'u.id', 'tm.user_id')
    .select(['tm.user_id', 'u.name', 'u.phone_enc'])
    .select(sql<number>`(SELECT count(*) FROM cases c WHERE c.assignee_id = tm.user_id AND c.status IN ('assigned','in_progress'))::int`.as('load'))
    .where('tm.team_id', '=', teamId)
    .where('tm.on_duty', '=', true)
    .orderBy('load')
    .orderBy(sql`random()`)
    .limit(1)
    .executeTakeFirst();
  return row ? { id: row.user_id, name: row.name, phoneEnc: row.phone_enc } : null;
}
