import type { OrgKind, OrgStats, StatsTrendPoint } from '@gonghui/contracts';
import type { Db } from '../../db/connect';
import type { Actor } from '../../platform/access/actor';
import { can } from '../../platform/access/permissions';
import { recordAudit } from '../../platform/audit/audit';
import type { AppDeps, RequestMeta } from '../../platform/http/context';
import { errors } from '../../platform/http/errors';
import { applyCounterDeltas, shanghaiToday } from '../orgs/counters';
import { coveragePolicy } from './policy';
import * as repo from './repo';

const DAY_MS = 86_400_000;

/** YYYY-MM-DD `n` days after `day` (negative: before). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** A share as a fraction, null when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

type CounterRow = {
  members_total: number;
  employees_total: number;
  ent_required_total: number;
  ent_unionised_total: number;
  orgs_total: number;
};

function figures(c: CounterRow) {
  return {
    membersTotal: c.members_total,
    employeesTotal: c.employees_total,
    joinRate: rate(c.members_total, c.employees_total),
    entRequired: c.ent_required_total,
    entUnionised: c.ent_unionised_total,
    unionisationRate: rate(c.ent_unionised_total, c.ent_required_total),
    orgsTotal: c.orgs_total,
  };
}

/**
 * Coverage of a subtree: counters for the totals, org_daily (which holds a row for the node and
 * every ancestor) for new members and the trend. The member total on day d is today's total minus
 * the net joins after d, so no history table of totals is needed.
 */
export async function getOrgStats(deps: AppDeps, actor: Actor, orgId: string, q: { days: number; top: number }, now = new Date()): Promise<OrgStats> {
  const { db } = deps.database;
  const org = await repo.findOrgWithCounters(db, orgId);
  if (!org || !coveragePolicy.readStats(actor, org)) throw errors.notFound('组织');

  const asOf = shanghaiToday(now);
  const from = addDays(asOf, -(q.days - 1));
  const from30 = addDays(asOf, -29);
  const [rows, future, children] = await Promise.all([
    repo.dailyRows(db, org.id, from < from30 ? from : from30, asOf),
    repo.netAfter(db, org.id, asOf),
    repo.topChildren(db, org.id, q.top),
  ]);
  const byDay = new Map(rows.map((r) => [String(r.day), r]));
  const newMembers30d = rows.filter((r) => String(r.day) >= from30).reduce((n, r) => n + r.joined, 0);

  const trend: StatsTrendPoint[] = [];
  let total = org.members_total - future; // members at the end of `asOf`
  for (let day = asOf; day >= from; day = addDays(day, -1)) {
    const r = byDay.get(day);
    const joined = r?.joined ?? 0;
    const left = r?.left_count ?? 0;
    trend.push({ day, membersTotal: total, joined, left });
    total -= joined - left;
  }
  trend.reverse();

  return {
    orgId: org.id,
    orgName: org.name,
    ...figures(org),
    membersDirect: org.members_direct,
    verifiedTotal: org.verified_total,
    realNameRate: rate(org.verified_total, org.members_total),
    newMembers30d,
    children: org.children,
    employees: org.employees,
    canEditEmployees: coveragePolicy.setEmployees(actor, org),
    asOf,
    trend,
    topChildren: children.map((c) => ({ id: c.id, name: c.name, kind: c.kind as OrgKind, ...figures(c) })),
  };
}

/**
 * Set a node's headcount inside the caller's transaction and move employees_total along its path
 * by the difference. Returns the previous value.
 */
export async function changeEmployees(trx: Db, orgId: string, employees: number): Promise<number> {
  const org = await repo.lockEmployees(trx, orgId);
  if (!org) throw errors.notFound('组织');
  if (org.employees !== employees) {
    await repo.updateEmployees(trx, orgId, employees);
    await applyCounterDeltas(trx, [{ path: org.path, subtree: { employees_total: employees - org.employees } }]);
  }
  return org.employees;
}

/** PATCH /api/orgs/:id/employees: the node's own headcount (职工数), the denominator of 入会率. */
export async function setEmployees(deps: AppDeps, actor: Actor, orgId: string, employees: number, meta: RequestMeta) {
  const { db } = deps.database;
  const org = await repo.findOrgWithCounters(db, orgId);
  if (!org || !can(actor, 'org.read', org.path)) throw errors.notFound('组织');
  if (!coveragePolicy.setEmployees(actor, org)) throw errors.forbidden('没有修改该组织职工人数的权限');
  return db.transaction().execute(async (trx) => {
    const before = await changeEmployees(trx, org.id, employees);
    await recordAudit(trx, {
      actorId: actor.userId,
      orgId: org.id,
      orgPath: org.path,
      action: 'org.employees',
      targetType: 'org',
      targetId: org.id,
      ip: meta.ip,
      details: { from: before, to: employees },
    });
    const after = await trx.selectFrom('org_counters').select('employees_total').where('org_id', '=', org.id).executeTakeFirstOrThrow();
    return { employees, employeesTotal: after.employees_total };
  });
}
