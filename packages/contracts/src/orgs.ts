import { z } from 'zod';

/** Node kinds of the union organisation tree (DOMAIN §2). */
export const ORG_KINDS = [
  'province', // 省总工会
  'city', // 市总工会
  'county', // 县/区总工会
  'street', // 乡镇/街道总工会 (or 工会工作委员会)
  'community', // 村/社区工会
  'park', // 园区工会
  'joint', // 联合工会 (building / market / industry-chain)
  'industry', // 行业工会联合会 / 产业工会 (second hierarchy)
  'enterprise', // 企业工会 (单建)
  'branch', // 分工会
  'group', // 工会小组
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** Grassroots unions a worker belongs to directly (join codes, transfer targets); higher levels have none. */
export const JOINABLE_KINDS: readonly OrgKind[] = ['enterprise', 'joint', 'community', 'park', 'industry', 'branch'];
export const orgKindSchema = z.enum(ORG_KINDS);

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  province: '省总工会',
  city: '市总工会',
  county: '县区总工会',
  street: '乡镇(街道)总工会',
  community: '社区工会',
  park: '园区工会',
  joint: '联合工会',
  industry: '行业工会联合会',
  enterprise: '企业工会',
  branch: '分工会',
  group: '工会小组',
};

/** Industry lines for new-form workers (新就业形态劳动者). */
export const INDUSTRY_LINES = ['express', 'delivery', 'ridehailing', 'freight'] as const;
export type IndustryLine = (typeof INDUSTRY_LINES)[number];
export const INDUSTRY_LINE_LABELS: Record<IndustryLine, string> = {
  express: '快递',
  delivery: '外卖',
  ridehailing: '网约车',
  freight: '货运',
};

export const orgCountersSchema = z.object({
  membersDirect: z.number().int(), // members registered directly at this node
  membersTotal: z.number().int(), // members in the whole subtree
  orgsTotal: z.number().int(), // org nodes in the subtree, including this one
  children: z.number().int(), // direct children
});
export type OrgCounters = z.infer<typeof orgCountersSchema>;

export const orgSummarySchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  kind: orgKindSchema,
  depth: z.number().int(),
  childCount: z.number().int(),
  membersTotal: z.number().int(),
});
export type OrgSummary = z.infer<typeof orgSummarySchema>;

export const orgDetailSchema = orgSummarySchema.extend({
  regionCode: z.string().nullable(),
  uscc: z.string().nullable(), // 统一社会信用代码
  address: z.string().nullable(),
  industryLine: z.enum(INDUSTRY_LINES).nullable(),
  industryOrg: z.object({ id: z.string(), name: z.string() }).nullable(),
  counters: orgCountersSchema,
  ancestors: z.array(z.object({ id: z.string(), name: z.string(), kind: orgKindSchema })),
  createdAt: z.string(),
});
export type OrgDetail = z.infer<typeof orgDetailSchema>;

export const orgSearchHitSchema = orgSummarySchema.extend({
  pathNames: z.array(z.string()), // ancestor names from the actor's scope root down to the parent
});
export type OrgSearchHit = z.infer<typeof orgSearchHitSchema>;
