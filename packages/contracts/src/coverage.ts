import { z } from 'zod';
import { orgKindSchema } from './orgs';

/**
 * Coverage statistics of an org subtree (DOMAIN §2 KPIs): 实名率 = verified / members,
 * 入会率 = members / employees, 建会率 = unionised / required enterprises. Every figure comes from the
 * per-org counters and daily rows, never from a scan of members. Rates are fractions (0.8 = 80%),
 * null when the denominator is 0.
 */

export const coverageFiguresSchema = z.object({
  membersTotal: z.number().int(),
  employeesTotal: z.number().int(),
  /** 入会率 */
  joinRate: z.number().nullable(),
  entRequired: z.number().int(),
  entUnionised: z.number().int(),
  /** 建会率 */
  unionisationRate: z.number().nullable(),
  orgsTotal: z.number().int(),
});

export const statsTrendPointSchema = z.object({
  day: z.string(),
  /** members at the end of the day */
  membersTotal: z.number().int(),
  joined: z.number().int(),
  left: z.number().int(),
});
export type StatsTrendPoint = z.infer<typeof statsTrendPointSchema>;

export const statsChildSchema = coverageFiguresSchema.extend({
  id: z.string(),
  name: z.string(),
  kind: orgKindSchema,
});
export type StatsChild = z.infer<typeof statsChildSchema>;

export const orgStatsSchema = coverageFiguresSchema.extend({
  orgId: z.string(),
  orgName: z.string(),
  membersDirect: z.number().int(),
  verifiedTotal: z.number().int(),
  /** 实名率 */
  realNameRate: z.number().nullable(),
  /** joins over the last 30 China days, today included */
  newMembers30d: z.number().int(),
  children: z.number().int(),
  /** this node's own headcount (职工数); employeesTotal sums the subtree */
  employees: z.number().int(),
  canEditEmployees: z.boolean(),
  /** China day the figures are counted up to */
  asOf: z.string(),
  trend: z.array(statsTrendPointSchema),
  /** the largest children by members */
  topChildren: z.array(statsChildSchema),
});
export type OrgStats = z.infer<typeof orgStatsSchema>;

export const orgStatsQuerySchema = z.object({
  days: z.coerce.number().int().min(7).max(366).default(90),
  top: z.coerce.number().int().min(1).max(50).default(10),
});

export const setEmployeesSchema = z.object({
  employees: z.coerce.number({ message: '请填写职工人数' }).int('职工人数应为整数').min(0, '职工人数不能为负').max(10_000_000, '职工人数过大'),
});
export type SetEmployeesInput = z.input<typeof setEmployeesSchema>;
