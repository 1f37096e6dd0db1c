import { z } from 'zod';
import { applicationEventSchema, APPLICATION_STATUSES, personNameSchema } from './members';
import { orgKindSchema, type OrgKind } from './orgs';
import { phoneSchema } from './validation/phone';
import { usccSchema } from './validation/uscc';

/**
 * 网上建会 (online founding, DOMAIN §2 founding lifecycle): an enterprise's contact applies to a
 * street/park/community/joint/industry union → that union approves (批复), which creates the
 * enterprise union node → the first member congress (首次会员大会) elects the committees.
 */

/** Unions an enterprise may apply to found under (they take enterprise unions as children). */
export const FOUNDING_PARENT_KINDS = ['street', 'park', 'community', 'joint', 'industry'] as const satisfies readonly OrgKind[];

const text = (label: string, min: number, max: number) =>
  z
    .string({ message: `请填写${label}` })
    .transform((s) => s.trim())
    .pipe(z.string().min(min, min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字`).max(max, `${label}不能超过 ${max} 个字`));

/** What the applicant fills in on /found (also the body of PUT when resubmitting). */
export const foundingInputSchema = z.object({
  enterpriseName: text('企业名称', 2, 100),
  uscc: usccSchema,
  headcount: z.coerce.number({ message: '请填写职工人数' }).int('职工人数应为整数').min(1, '职工人数至少为 1').max(1_000_000, '职工人数不能超过 1,000,000'),
  contactName: personNameSchema,
  contactPhone: phoneSchema,
  address: text('企业地址', 2, 200),
  industry: text('所属行业', 1, 50),
  parentOrgId: z.string().uuid('请选择上级工会'),
});
export type FoundingInput = z.input<typeof foundingInputSchema>;

/** PUT (resubmit after 退回修改): the stored contact phone is kept when none is sent. */
export const foundingResubmitSchema = foundingInputSchema.extend({ contactPhone: phoneSchema.optional() });
export type FoundingResubmitInput = z.input<typeof foundingResubmitSchema>;

/** Enterprise details kept in applications.data (the contact phone is stored encrypted, not here). */
export const foundingDataSchema = z.object({
  enterpriseName: z.string(),
  uscc: z.string(),
  headcount: z.number().int(),
  contactName: z.string(),
  address: z.string(),
  industry: z.string(),
});
export type FoundingData = z.infer<typeof foundingDataSchema>;

/** GET /api/founding/parents?q=: unions one may apply under, with their path for disambiguation. */
export const foundingParentSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: orgKindSchema,
  pathNames: z.array(z.string()),
});
export type FoundingParent = z.infer<typeof foundingParentSchema>;

const nameList = (label: string, min: number, max: number) =>
  z
    .array(personNameSchema, { message: `请填写${label}` })
    .min(min, min === 1 ? `请填写${label}` : `${label}至少 ${min} 人`)
    .max(max, `${label}不能超过 ${max} 人`);

/**
 * 首次会员大会 results. 《工会基层组织选举工作条例》: the committee has at least 3 members; the funds review
 * committee (经费审查委员会) is elected at the same congress; a women workers' committee (女职工委员会)
 * is set up where there are women members (may be empty).
 */
export const congressInputSchema = z.object({
  date: z.string().date('请选择会员大会召开日期'),
  chair: personNameSchema,
  viceChairs: nameList('副主席', 0, 10).default([]),
  committeeMembers: nameList('工会委员会委员', 3, 50),
  fundsReviewCommittee: nameList('经费审查委员会委员', 1, 20),
  womenCommittee: nameList('女职工委员会委员', 0, 20).default([]),
  memberCount: z.coerce.number({ message: '请填写参会会员人数' }).int().min(1, '参会会员人数至少为 1').max(1_000_000),
});
export type CongressInput = z.input<typeof congressInputSchema>;
export type Congress = z.output<typeof congressInputSchema>;

/** orgs.committees as stored after the congress (plain output: response schemas carry no transforms). */
export const committeesSchema = z.object({
  date: z.string(),
  chair: z.string(),
  viceChairs: z.array(z.string()),
  committeeMembers: z.array(z.string()),
  fundsReviewCommittee: z.array(z.string()),
  womenCommittee: z.array(z.string()),
  memberCount: z.number().int(),
  recordedAt: z.string(),
});
export type Committees = z.infer<typeof committeesSchema>;

export const FOUNDING_ACTIONS = ['approve', 'reject', 'return', 'record_congress'] as const;
export type FoundingAction = (typeof FOUNDING_ACTIONS)[number];

export const foundingDecisionSchema = z.object({
  decision: z.enum(['approve', 'reject', 'return']),
  reason: z.string().trim().max(200, '原因不能超过 200 个字').optional(),
});
export type FoundingDecision = z.infer<typeof foundingDecisionSchema>;

/** One founding application as its applicant or a reviewer sees it. */
export const foundingApplicationSchema = foundingDataSchema.extend({
  id: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  /** review → congress (approved, congress pending) → done */
  stage: z.string(),
  contactPhoneMasked: z.string().nullable(),
  parentOrg: z.object({ id: z.string(), name: z.string(), pathNames: z.array(z.string()) }),
  /** the union created on approval */
  resultOrg: z.object({ id: z.string(), name: z.string() }).nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  decidedAt: z.string().nullable(),
  committees: committeesSchema.nullable(),
  foundedOn: z.string().nullable(),
  events: z.array(applicationEventSchema),
});
export type FoundingApplication = z.infer<typeof foundingApplicationSchema>;

export const foundingDetailSchema = foundingApplicationSchema.extend({
  applicantName: z.string().nullable(),
  /** what this actor may do now */
  actions: z.array(z.enum(FOUNDING_ACTIONS)),
});
export type FoundingDetail = z.infer<typeof foundingDetailSchema>;

/** Console list: pending = 待批复, congress = 已批复待召开会员大会, done, rejected, all. */
export const FOUNDING_BOXES = ['pending', 'congress', 'done', 'closed', 'all'] as const;
export const foundingListQuerySchema = z.object({
  box: z.enum(FOUNDING_BOXES).default('pending'),
  orgId: z.string().uuid().optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type FoundingListQuery = z.input<typeof foundingListQuerySchema>;

export const foundingListItemSchema = z.object({
  id: z.string(),
  enterpriseName: z.string(),
  uscc: z.string(),
  headcount: z.number().int(),
  status: z.enum(APPLICATION_STATUSES),
  stage: z.string(),
  parentOrgName: z.string(),
  createdAt: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
});
export type FoundingListItem = z.infer<typeof foundingListItemSchema>;
