import { z } from 'zod';
import { idNumberSchema } from './validation/idcard';
import { phoneSchema } from './validation/phone';
import { compactInput } from './validation/normalize';

/** Membership statuses (DOMAIN §4.1). Only `active` counts as a member. */
export const MEMBER_STATUSES = ['active', 'transferred', 'retired', 'left', 'deceased'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const memberStatusSchema = z.enum(MEMBER_STATUSES);
export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = {
  active: '在籍',
  transferred: '已转出',
  retired: '已退休',
  left: '已退会',
  deceased: '已故',
};

export const EDUCATION_LEVELS = ['初中及以下', '高中/中专', '大专', '本科', '硕士研究生', '博士研究生'] as const;
export const POLITICAL_STATUSES = ['中共党员', '中共预备党员', '共青团员', '民主党派', '群众'] as const;
/** 就业形式: 新就业形态劳动者 are the riders, couriers and drivers the industry federations serve. */
export const EMPLOYMENT_FORMS = ['全日制', '非全日制', '劳务派遣', '灵活就业', '新就业形态'] as const;
export const ETHNICITIES = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族', '瑶族', '白族',
  '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族',
  '景颇族', '柯尔克孜族', '土族', '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族',
  '普米族', '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
] as const;

const optionalText = (max: number) =>
  z
    .string()
    .max(max, `不能超过 ${max} 个字`)
    .transform((s) => s.trim())
    .optional()
    .nullable()
    .transform((s) => (s ? s : null));

/** 姓名: 2–30 characters, Chinese or letters (少数民族姓名 may carry a middle dot). */
export const personNameSchema = z
  .string()
  .transform((s) => compactInput(s).replace(/[．.]/g, '·'))
  .pipe(z.string().min(2, '姓名至少 2 个字').max(30, '姓名不能超过 30 个字').regex(/^[\p{Script=Han}A-Za-z·]+$/u, '姓名只能包含汉字、字母或间隔号'));

/** The real-name fields of a member record, shared by the join form, the console and imports. */
export const realNameSchema = z.object({
  name: personNameSchema,
  idNumber: idNumberSchema,
  phone: phoneSchema,
  ethnicity: z.enum(ETHNICITIES, { message: '请选择正确的民族' }).optional().nullable().transform((v) => v ?? null),
  education: z.enum(EDUCATION_LEVELS, { message: '请选择学历' }).optional().nullable().transform((v) => v ?? null),
  politicalStatus: z.enum(POLITICAL_STATUSES, { message: '请选择政治面貌' }).optional().nullable().transform((v) => v ?? null),
  employer: optionalText(100),
  occupation: optionalText(50),
  industry: optionalText(50),
  employmentForm: z.enum(EMPLOYMENT_FORMS, { message: '请选择就业形式' }).optional().nullable().transform((v) => v ?? null),
  address: optionalText(200),
});
export type RealNameInput = z.input<typeof realNameSchema>;
export type RealName = z.output<typeof realNameSchema>;

export const memberListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  gender: z.enum(['M', 'F']),
  birthDate: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  status: memberStatusSchema,
  occupation: z.string().nullable(),
  employmentForm: z.string().nullable(),
  verified: z.boolean(),
  cardNo: z.string(),
  joinedAt: z.string(),
});
export type MemberListItem = z.infer<typeof memberListItemSchema>;

/** Roster filters. `q` is a name prefix, or an exact 11-digit phone / 18-character 身份证号. */
export const memberListQuerySchema = z.object({
  orgId: z.string().uuid().optional(),
  status: memberStatusSchema.optional(),
  occupation: z.string().max(50).optional(),
  employmentForm: z.string().max(20).optional(),
  joinedFrom: z.string().date().optional(),
  joinedTo: z.string().date().optional(),
  q: z.string().max(30).optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type MemberListQuery = z.input<typeof memberListQuerySchema>;

export const MEMBER_EVENT_LABELS: Record<string, string> = {
  joined: '入会',
  imported: '批量导入',
  transfer_out: '会籍转出',
  transfer_in: '会籍转入',
  status_changed: '状态变更',
  updated: '资料更新',
  founded: '建会时入会',
};

export const memberEventSchema = z.object({
  id: z.string(),
  kind: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  otherOrgName: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});
export type MemberEvent = z.infer<typeof memberEventSchema>;

export const memberDetailSchema = memberListItemSchema.extend({
  orgPathNames: z.array(z.string()),
  ethnicity: z.string().nullable(),
  education: z.string().nullable(),
  politicalStatus: z.string().nullable(),
  employer: z.string().nullable(),
  industry: z.string().nullable(),
  addressMasked: z.string().nullable(),
  source: z.string(),
  endedAt: z.string().nullable(),
  /** whether this actor may reveal the full PII (POST …/reveal, audited) */
  canReveal: z.boolean(),
  canManage: z.boolean(),
  /** every record of the same person (by 身份证号), newest first: the membership file (会籍档案) */
  history: z.array(memberEventSchema),
});
export type MemberDetail = z.infer<typeof memberDetailSchema>;

export const memberPiiSchema = z.object({ idNumber: z.string(), phone: z.string().nullable(), address: z.string().nullable() });
export type MemberPii = z.infer<typeof memberPiiSchema>;

/** Cadre adds a member directly (already verified on paper). */
export const createMemberSchema = realNameSchema.extend({ orgId: z.string().uuid(), joinedAt: z.string().date().optional() });
export const updateMemberSchema = realNameSchema.partial().omit({ idNumber: true });
export const changeMemberStatusSchema = z.object({
  status: z.enum(['retired', 'left', 'deceased', 'active']),
  reason: z.string().trim().min(2, '请填写原因').max(200),
  date: z.string().date().optional(),
});

// ---- join links (一码入会) -------------------------------------------------------------------

export const joinLinkSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  token: z.string(),
  /** path of the member H5 page, e.g. /join/AbC…; the QR code encodes the absolute URL */
  path: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type JoinLink = z.infer<typeof joinLinkSchema>;

/** What a worker sees after scanning a code (public). */
export const joinTargetSchema = z.object({
  orgId: z.string(),
  orgName: z.string(),
  orgKind: z.string(),
  orgPathNames: z.array(z.string()),
  /** industry federations (快递/外卖/网约车/货运…) in the same city, for workers without an enterprise union */
  industryOptions: z.array(z.object({ orgId: z.string(), orgName: z.string(), industryLine: z.string() })),
});
export type JoinTarget = z.infer<typeof joinTargetSchema>;

export const joinApplicationInputSchema = realNameSchema.extend({
  /** from the scanned link; or orgId when picking an industry federation offered by that link */
  token: z.string().min(8).max(64),
  orgId: z.string().uuid().optional(),
  consent: z.literal(true, { message: '请阅读并同意《个人信息保护告知书》' }),
});

/** 已是会员: submitting to a new union from an active membership elsewhere offers a transfer. */
export const joinConflictDetailsSchema = z.object({ memberId: z.string(), orgName: z.string() });

// ---- applications inbox: join / transfer / founding ------------------------------------------

export const APPLICATION_KINDS = ['join', 'transfer', 'founding'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];
export const APPLICATION_KIND_LABELS: Record<ApplicationKind, string> = { join: '入会申请', transfer: '会籍转移', founding: '建会申请' };
export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected', 'returned', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  pending: '待审批',
  approved: '已通过',
  rejected: '未通过',
  returned: '退回修改',
  withdrawn: '已撤回',
};
/** release: waiting for the old org (转出); accept: waiting for the new org (转入); congress: founding approved, congress pending */
export const APPLICATION_STAGE_LABELS: Record<string, string> = {
  review: '审核中',
  release: '待转出单位同意',
  accept: '待转入单位接收',
  congress: '待召开会员大会',
  done: '已完成',
};
export const APPLICATION_EVENT_LABELS: Record<string, string> = {
  submitted: '提交申请',
  resubmitted: '修改后重新提交',
  approved: '审批通过',
  rejected: '审批未通过',
  returned: '退回修改',
  withdrawn: '申请人撤回',
  reminded: '临近审批时限，已提醒审批人',
  escalated: '超过审批时限，已提交上级工会督办',
  released: '原单位同意转出',
  auto_released: '原单位逾期未答复，系统自动转出',
  accepted: '新单位接收',
  congress_recorded: '登记会员大会（选举）结果',
  org_created: '建立工会组织',
};

export const applicationItemSchema = z.object({
  id: z.string(),
  kind: z.enum(APPLICATION_KINDS),
  status: z.enum(APPLICATION_STATUSES),
  stage: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  targetOrgName: z.string(),
  sourceOrgName: z.string().nullable(),
  applicantName: z.string(),
  idNumberMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  createdAt: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  escalated: z.boolean(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
});
export type ApplicationItem = z.infer<typeof applicationItemSchema>;

export const applicationEventSchema = z.object({
  id: z.string(),
  kind: z.string(),
  orgName: z.string().nullable(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  at: z.string(),
});
export type ApplicationEvent = z.infer<typeof applicationEventSchema>;

export const applicationDetailSchema = applicationItemSchema.extend({
  data: z.record(z.string(), z.unknown()),
  events: z.array(applicationEventSchema),
  /** what this actor may do now */
  actions: z.array(z.enum(['approve', 'reject', 'return', 'release', 'accept', 'withdraw', 'record_congress'])),
});
export type ApplicationDetail = z.infer<typeof applicationDetailSchema>;

export const applicationListQuerySchema = z.object({
  kind: z.enum(APPLICATION_KINDS).optional(),
  /** todo: pending ones in my scope; escalated: escalated to my orgs; done: decided */
  box: z.enum(['todo', 'escalated', 'done']).default('todo'),
  orgId: z.string().uuid().optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const decisionSchema = z.object({
  decision: z.enum(['approve', 'reject', 'return']),
  reason: z.string().trim().max(200).optional(),
});

// ---- transfer (会籍转移) ----------------------------------------------------------------------

/** the new union: picked by name (toOrgId) or by its join code (token) */
export const transferRequestSchema = z.object({
  memberId: z.string().uuid(),
  toOrgId: z.string().uuid().optional(),
  token: z.string().min(8).max(64).optional(),
  reason: z.string().trim().min(2, '请填写转会原因').max(200),
});

// ---- notifications (站内信) -------------------------------------------------------------------

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

// ---- working-day calendar --------------------------------------------------------------------

export const calendarDaySchema = z.object({ day: z.string().date(), isWorkday: z.boolean(), note: z.string().max(50).nullable() });
export type CalendarDay = z.infer<typeof calendarDaySchema>;
