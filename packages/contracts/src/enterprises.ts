import { z } from 'zod';
import { personNameSchema } from './members';
import { phoneSchema } from './validation/phone';
import { usccSchema } from './validation/uscc';

/**
 * 非公企业数据库 (enterprise register, DOMAIN §2): the firms of an area, with or without a union.
 * It is the denominator of 建会率 (unionised / required to unionise).
 */

/** The national survey of non-public enterprises counts firms with 25 or more employees as 应建会. */
export const MUST_UNIONISE_HEADCOUNT = 25;

export function mustUnionise(headcount: number): boolean {
  return headcount >= MUST_UNIONISE_HEADCOUNT;
}

/** Optional fields: absent = keep (on PATCH), null or '' = clear. */
const optionalText = (label: string, max: number) =>
  z
    .string()
    .max(max, `${label}不能超过 ${max} 个字`)
    .transform((s) => s.trim() || null)
    .nullable()
    .optional();

export const enterpriseInputSchema = z.object({
  /** the area (street, park, community, county …) whose register holds the firm */
  areaOrgId: z.string().uuid('请选择所属区域工会'),
  name: z
    .string({ message: '请填写企业名称' })
    .transform((s) => s.trim())
    .pipe(z.string().min(2, '企业名称至少 2 个字').max(100, '企业名称不能超过 100 个字')),
  uscc: usccSchema,
  headcount: z.coerce.number({ message: '请填写职工人数' }).int('职工人数应为整数').min(0, '职工人数不能为负').max(1_000_000),
  industry: optionalText('所属行业', 50),
  address: optionalText('地址', 200),
  contactName: personNameSchema.nullable().optional(),
  contactPhone: phoneSchema.nullable().optional(),
  /** link an existing enterprise union (set automatically when an org with the same USCC exists) */
  unionOrgId: z.string().uuid().nullable().optional(),
});
export type EnterpriseInput = z.input<typeof enterpriseInputSchema>;

/** PATCH: any subset; `unionOrgId: null` unlinks. */
export const enterpriseUpdateSchema = enterpriseInputSchema.partial();
export type EnterpriseUpdate = z.input<typeof enterpriseUpdateSchema>;

export const enterpriseSchema = z.object({
  id: z.string(),
  areaOrgId: z.string(),
  areaOrgName: z.string(),
  name: z.string(),
  uscc: z.string(),
  headcount: z.number().int(),
  mustUnionise: z.boolean(),
  unionOrg: z.object({ id: z.string(), name: z.string() }).nullable(),
  industry: z.string().nullable(),
  address: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhoneMasked: z.string().nullable(),
  updatedAt: z.string(),
});
export type Enterprise = z.infer<typeof enterpriseSchema>;

const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const enterpriseListQuerySchema = z.object({
  orgId: z.string().uuid().optional(),
  hasUnion: boolQuery.optional(),
  mustUnionise: boolQuery.optional(),
  /** part of the name, or a full USCC */
  q: z.string().trim().max(50).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type EnterpriseListQuery = z.input<typeof enterpriseListQuerySchema>;

/** Top of the register page: the subtree's coverage from the counters. */
export const enterpriseSummarySchema = z.object({
  orgId: z.string(),
  orgName: z.string(),
  /** register entries in the subtree */
  total: z.number().int(),
  required: z.number().int(),
  unionised: z.number().int(),
  /** 建会率 = unionised / required; null when nothing is required */
  unionisationRate: z.number().nullable(),
  canManage: z.boolean(),
});
export type EnterpriseSummary = z.infer<typeof enterpriseSummarySchema>;
