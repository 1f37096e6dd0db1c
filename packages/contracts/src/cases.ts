import { z } from 'zod';
import { phoneSchema } from './validation/phone';
import { personNameSchema } from './members';

/**
 * Cases (工单): one engine for every kind of request a worker brings to the union (DOMAIN §4.3).
 * Types are code-defined (each has its own fields); categories, SLA and routing are configurable.
 */
export const CASE_TYPES = [
  'appeal', // 诉求
  'legal_consult', // 法律咨询
  'legal_aid', // 法律援助
  'counselling', // 心理咨询
  'injury_visit', // 工伤探视
  'mediation', // 劳动争议调解
  'wage_arrears', // 欠薪求助
  'suggestion', // 建议/金点子
] as const;
export type CaseType = (typeof CASE_TYPES)[number];
export const caseTypeSchema = z.enum(CASE_TYPES, { message: '请选择正确的事项类型' });
export const CASE_TYPE_LABELS: Record<CaseType, string> = {
  appeal: '诉求',
  legal_consult: '法律咨询',
  legal_aid: '法律援助',
  counselling: '心理咨询',
  injury_visit: '工伤探视',
  mediation: '劳动争议调解',
  wage_arrears: '欠薪求助',
  suggestion: '建议/金点子',
};

/** Lifecycle (提报 → 受理 → 指派 → 办理 → 办结 → 评价 → 关闭), plus 不予受理 and 撤回. */
export const CASE_STATUSES = ['submitted', 'accepted', 'assigned', 'in_progress', 'resolved', 'closed', 'rejected', 'withdrawn'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const caseStatusSchema = z.enum(CASE_STATUSES);
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  submitted: '待受理',
  accepted: '待指派',
  assigned: '待办理',
  in_progress: '办理中',
  resolved: '已办结',
  closed: '已关闭',
  rejected: '不予受理',
  withdrawn: '已撤回',
};
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['submitted', 'accepted', 'assigned', 'in_progress'];

export const CASE_CHANNELS = ['app', 'qr', 'hotline', 'proxy', 'hospital', 'referral'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];
export const CASE_CHANNEL_LABELS: Record<CaseChannel, string> = {
  app: '会员提交',
  qr: '扫码提交',
  hotline: '12351热线',
  proxy: '干部代办',
  hospital: '医院扫码',
  referral: '服务转介',
};

export const TEAM_SKILLS = ['general', 'legal', 'counselling', 'social', 'mediation'] as const;
export type TeamSkill = (typeof TEAM_SKILLS)[number];
export const teamSkillSchema = z.enum(TEAM_SKILLS, { message: '请选择团队类型' });
export const TEAM_SKILL_LABELS: Record<TeamSkill, string> = {
  general: '综合服务',
  legal: '法律服务',
  counselling: '心理服务',
  social: '社工服务',
  mediation: '调解服务',
};

// ---------------------------------------------------------------------------------------------
// Type-specific fields: one definition drives the form (web) and the validation (server).

export type CaseFieldDef = {
  key: string;
  label: string;
  kind: 'text' | 'textarea' | 'date' | 'money' | 'integer' | 'select';
  required?: boolean;
  options?: readonly string[];
  max?: number;
};

export const CASE_TYPE_FIELDS: Record<CaseType, readonly CaseFieldDef[]> = {
  appeal: [{ key: 'employer', label: '所在单位', kind: 'text', max: 100 }],
  legal_consult: [
    { key: 'employer', label: '用人单位', kind: 'text', max: 100 },
    { key: 'topic', label: '咨询方向', kind: 'select', required: true, options: ['劳动合同', '工资报酬', '社会保险', '工伤', '休息休假', '解除劳动关系', '其他'] },
  ],
  legal_aid: [
    { key: 'employer', label: '对方单位', kind: 'text', required: true, max: 100 },
    { key: 'disputeKind', label: '纠纷类型', kind: 'select', required: true, options: ['劳动报酬', '经济补偿', '工伤赔偿', '社会保险', '确认劳动关系', '其他'] },
    { key: 'amountFen', label: '涉及金额（元）', kind: 'money' },
    { key: 'hardship', label: '是否困难职工', kind: 'select', options: ['是', '否'] },
  ],
  counselling: [
    { key: 'mode', label: '咨询方式', kind: 'select', required: true, options: ['电话', '线上', '面谈'] },
    { key: 'urgency', label: '紧急程度', kind: 'select', required: true, options: ['一般', '较急', '紧急'] },
  ],
  injury_visit: [
    { key: 'injuredName', label: '受伤职工姓名', kind: 'text', required: true, max: 30 },
    { key: 'hospital', label: '所在医院', kind: 'text', required: true, max: 100 },
    { key: 'ward', label: '科室床号', kind: 'text', max: 50 },
    { key: 'injuredOn', label: '受伤日期', kind: 'date', required: true },
    { key: 'employer', label: '用人单位', kind: 'text', required: true, max: 100 },
    { key: 'injury', label: '受伤情况', kind: 'textarea', required: true, max: 500 },
  ],
  mediation: [
    { key: 'employer', label: '对方单位', kind: 'text', required: true, max: 100 },
    { key: 'claim', label: '调解请求', kind: 'textarea', required: true, max: 500 },
    { key: 'amountFen', label: '涉及金额（元）', kind: 'money' },
  ],
  wage_arrears: [
    { key: 'employer', label: '欠薪单位', kind: 'text', required: true, max: 100 },
    { key: 'amountFen', label: '欠薪金额（元）', kind: 'money', required: true },
    { key: 'months', label: '欠薪月数', kind: 'integer', required: true },
    { key: 'people', label: '涉及人数', kind: 'integer', required: true },
  ],
  suggestion: [{ key: 'area', label: '建议领域', kind: 'select', options: ['生产经营', '安全生产', '职工生活', '工会工作', '其他'] }],
};

/** Validation of `fields` for a type; money arrives in 元 (string/number) and is stored as integer fen. */
export function caseFieldsSchema(type: CaseType) {
  const shape: Record<string, z.ZodType> = {};
  for (const f of CASE_TYPE_FIELDS[type]) {
    let s: z.ZodType;
    switch (f.kind) {
      case 'money':
        s = z.coerce
          .number({ message: `${f.label}必须是金额` })
          .min(0.01, `${f.label}必须大于 0`)
          .max(100_000_000, `${f.label}过大`)
          .transform((yuan) => Math.round(yuan * 100));
        break;
      case 'integer':
        s = z.coerce.number({ message: `${f.label}必须是整数` }).int(`${f.label}必须是整数`).min(1, `${f.label}至少为 1`).max(100_000, `${f.label}过大`);
        break;
      case 'date':
        s = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${f.label}格式应为 YYYY-MM-DD`);
        break;
      case 'select':
        s = z.enum(f.options as [string, ...string[]], { message: `请选择${f.label}` });
        break;
      default:
        s = z.string().trim().min(1, `请填写${f.label}`).max(f.max ?? 200, `${f.label}不能超过 ${f.max ?? 200} 个字`);
    }
    shape[f.key] = f.required ? s : z.preprocess((v) => (v === '' || v === null ? undefined : v), s.optional());
  }
  return z.object(shape).strict();
}

/**
 * 匿名: the union sees 匿名职工. Allowed where the union can help without knowing who asks; legal aid,
 * mediation, wage arrears and injury visits need a person to act for.
 */
export const canBeAnonymous = (type: CaseType) => type === 'appeal' || type === 'legal_consult' || type === 'counselling' || type === 'suggestion';

/** 诉求广场 shows appeals and suggestions; private matters (legal, health, money) stay private. */
export const canBePublic = (type: CaseType) => type === 'appeal' || type === 'suggestion';

// ---------------------------------------------------------------------------------------------
// Intake

const caseText = {
  title: z.string().trim().max(60, '标题不能超过 60 个字').optional(),
  content: z.string().trim().min(5, '请至少用 5 个字描述您的诉求').max(5000, '内容不能超过 5000 字'),
};

/** A client-generated key per submission attempt: a retry with the same key returns the same case. */
export const clientKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '提交标识格式不正确');

export const caseSubmitSchema = z.object({
  type: caseTypeSchema,
  categoryId: z.uuid({ message: '请选择正确的分类' }).optional().nullable(),
  ...caseText,
  fields: z.record(z.string(), z.unknown()).default({}),
  anonymous: z.boolean().default(false),
  isPublic: z.boolean().default(false),
  attachmentIds: z.array(z.uuid()).max(9, '附件最多 9 个').default([]),
  clientKey: clientKeySchema,
});
export type CaseSubmitInput = z.input<typeof caseSubmitSchema>;

/** A 12351 operator or a cadre filing for someone (代为登记). */
export const caseFileOnBehalfSchema = caseSubmitSchema.extend({
  channel: z.enum(['hotline', 'proxy'], { message: '请选择登记渠道' }),
  orgId: z.uuid({ message: '请选择所属工会' }),
  callerName: personNameSchema,
  callerPhone: phoneSchema,
  memberId: z.uuid().optional().nullable(),
});
export type CaseFileOnBehalfInput = z.input<typeof caseFileOnBehalfSchema>;

// ---------------------------------------------------------------------------------------------
// Actions: one schema per action; the server's transition table decides who may do what when.

export const CASE_ACTIONS = [
  'accept', // 受理
  'reject', // 不予受理
  'assign', // 指派 / 改派 / 转承办部门
  'start', // 开始办理
  'note', // 办理记录（公开或内部）
  'resolve', // 办结并答复
  'escalate', // 逐级上报
  'transfer', // 转办下级
  'give_back', // 退回（承办人退回给工会）
  'supervise', // 督办
  'unsupervise', // 解除督办
  'merge', // 合并到共性诉求
  'assess', // 工伤探视：资格核查
  'visit', // 工伤探视：探视记录
  'pay', // 工伤探视：慰问金
  'refer', // 转介法律援助/心理咨询
  'rate', // 评价（职工）
  'reopen', // 重新办理（职工，办结后 7 日内）
  'withdraw', // 撤回（职工）
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];
export const CASE_ACTION_LABELS: Record<CaseAction, string> = {
  accept: '受理',
  reject: '不予受理',
  assign: '指派',
  start: '开始办理',
  note: '办理记录',
  resolve: '办结答复',
  escalate: '上报上级',
  transfer: '转办下级',
  give_back: '退回',
  supervise: '督办',
  unsupervise: '解除督办',
  merge: '合并',
  assess: '资格核查',
  visit: '探视记录',
  pay: '发放慰问金',
  refer: '转介服务',
  rate: '评价',
  reopen: '重新办理',
  withdraw: '撤回',
};

const note = (min: number, label: string) => z.string().trim().min(min, `请填写${label}`).max(2000, `${label}不能超过 2000 字`);

export const INJURY_CHECKLIST = [
  { key: 'employedLocally', label: '在本地就业的职工' },
  { key: 'workRelated', label: '因工作原因受伤' },
  { key: 'hospitalised', label: '正在住院治疗' },
  { key: 'within30Days', label: '受伤后 30 日内申报' },
  { key: 'notDuplicate', label: '非重复申报' },
] as const;

export const caseActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), note: z.string().trim().max(2000).optional() }),
  z.object({ action: z.literal('reject'), reason: note(2, '不予受理原因') }),
  z.object({ action: z.literal('assign'), assigneeId: z.uuid().optional().nullable(), teamId: z.uuid().optional().nullable(), note: z.string().trim().max(2000).optional() })
    .refine((v) => v.assigneeId || v.teamId, { message: '请选择承办人或承办团队', path: ['assigneeId'] }),
  z.object({ action: z.literal('start'), note: z.string().trim().max(2000).optional() }),
  z.object({ action: z.literal('note'), note: note(1, '办理记录'), internal: z.boolean().default(false), attachmentIds: z.array(z.uuid()).max(9).default([]) }),
  z.object({ action: z.literal('resolve'), reply: note(5, '答复内容'), attachmentIds: z.array(z.uuid()).max(9).default([]) }),
  z.object({ action: z.literal('escalate'), note: note(2, '上报原因') }),
  z.object({ action: z.literal('transfer'), toOrgId: z.uuid({ message: '请选择转办单位' }), note: note(2, '转办说明') }),
  z.object({ action: z.literal('give_back'), note: note(2, '退回原因') }),
  z.object({ action: z.literal('supervise'), dueAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '督办期限格式应为 YYYY-MM-DD'), note: note(2, '督办要求') }),
  z.object({ action: z.literal('unsupervise'), note: z.string().trim().max(2000).optional() }),
  z.object({ action: z.literal('merge'), parentId: z.uuid({ message: '请选择主工单' }), note: z.string().trim().max(2000).optional() }),
  z.object({
    action: z.literal('assess'),
    checklist: z.object(Object.fromEntries(INJURY_CHECKLIST.map((c) => [c.key, z.boolean()])) as Record<(typeof INJURY_CHECKLIST)[number]['key'], z.ZodBoolean>),
    note: z.string().trim().max(2000).optional(),
  }),
  z.object({ action: z.literal('visit'), visitedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '探视日期格式应为 YYYY-MM-DD'), note: note(5, '探视情况') }),
  z.object({
    action: z.literal('pay'),
    amountFen: z.number().int('金额必须以分为单位的整数').min(1, '金额必须大于 0').max(10_000_000, '单笔慰问金不能超过 10 万元'),
    method: z.enum(['bank', 'card', 'cash'], { message: '请选择发放方式' }),
    idemKey: clientKeySchema,
    note: z.string().trim().max(500).optional(),
  }),
  z.object({ action: z.literal('refer'), type: z.enum(['legal_aid', 'counselling'], { message: '请选择转介类型' }), note: note(2, '转介说明') }),
  z.object({ action: z.literal('rate'), rating: z.number().int().min(1, '请选择 1–5 星').max(5, '请选择 1–5 星'), comment: z.string().trim().max(500, '评价不能超过 500 字').optional() }),
  z.object({ action: z.literal('reopen'), reason: note(2, '重新办理原因') }),
  z.object({ action: z.literal('withdraw'), reason: z.string().trim().max(500).optional() }),
]);
export type CaseActionInput = z.input<typeof caseActionSchema>;

// ---------------------------------------------------------------------------------------------
// Read models

export const caseAttachmentSchema = z.object({ id: z.uuid(), name: z.string(), mime: z.string(), size: z.number() });
export type CaseAttachment = z.infer<typeof caseAttachmentSchema>;

export const caseEventSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  label: z.string(),
  actor: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
  internal: z.boolean(),
  at: z.string(),
  attachments: z.array(caseAttachmentSchema),
});
export type CaseEvent = z.infer<typeof caseEventSchema>;

export const caseItemSchema = z.object({
  id: z.uuid(),
  caseNo: z.string(),
  type: caseTypeSchema,
  category: z.string().nullable(),
  title: z.string(),
  status: caseStatusSchema,
  channel: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  originOrgName: z.string(),
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  teamName: z.string().nullable(),
  submitter: z.string(), // masked or 匿名
  anonymous: z.boolean(),
  createdAt: z.string(),
  dueAt: z.string().nullable(), // the current stage's deadline
  overdue: z.boolean(),
  supervised: z.boolean(),
  superviseDueAt: z.string().nullable(),
  rating: z.number().nullable(),
  likes: z.number(),
  parentId: z.uuid().nullable(),
});
export type CaseItem = z.infer<typeof caseItemSchema>;

export const caseDetailSchema = caseItemSchema.extend({
  content: z.string(),
  fields: z.record(z.string(), z.unknown()),
  isPublic: z.boolean(),
  contactPhone: z.string().nullable(), // masked
  reply: z.string().nullable(),
  rejectReason: z.string().nullable(),
  ratingComment: z.string().nullable(),
  acceptDueAt: z.string().nullable(),
  resolveDueAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  supervisedNote: z.string().nullable(),
  eligibility: z.record(z.string(), z.boolean()).nullable(),
  eligible: z.boolean().nullable(),
  payments: z.array(z.object({ id: z.uuid(), amountFen: z.number(), method: z.string(), at: z.string(), recordedBy: z.string().nullable() })),
  relatedCases: z.array(z.object({ id: z.uuid(), caseNo: z.string(), type: caseTypeSchema, status: caseStatusSchema, relation: z.enum(['referred_from', 'referred_to', 'parent', 'merged']) })),
  attachments: z.array(caseAttachmentSchema),
  /** 回头看: the follow-up visit of a closed case, when it was sampled */
  followup: z.object({ status: z.enum(['open', 'done']), dueAt: z.string(), result: z.string().nullable(), satisfied: z.boolean().nullable() }).nullable(),
  events: z.array(caseEventSchema),
  /** actions the current viewer may take now (the UI shows exactly these buttons) */
  actions: z.array(z.enum(CASE_ACTIONS)),
  liked: z.boolean(),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/** GET /api/case-meta: what the submission forms need. */
export const caseMetaSchema = z.object({
  types: z.array(z.object({
    type: caseTypeSchema,
    label: z.string(),
    enabled: z.boolean(),
    acceptWorkdays: z.number(),
    resolveWorkdays: z.number(),
    fields: z.array(z.object({ key: z.string(), label: z.string(), kind: z.enum(['text', 'textarea', 'date', 'money', 'integer', 'select']), required: z.boolean().optional(), options: z.array(z.string()).readonly().optional(), max: z.number().optional() })),
    categories: z.array(z.object({ id: z.uuid(), name: z.string() })),
  })),
  injuryChecklist: z.array(z.object({ key: z.string(), label: z.string() })),
});
export type CaseMeta = z.infer<typeof caseMetaSchema>;

/** 诉求广场 item: a public appeal with its reply. */
export const publicCaseSchema = caseItemSchema.extend({ content: z.string(), reply: z.string().nullable(), liked: z.boolean() });
export type PublicCase = z.infer<typeof publicCaseSchema>;

export const CASE_BOXES = ['mine', 'team', 'unassigned', 'overdue', 'supervised', 'followup', 'filed', 'all'] as const;
export type CaseBox = (typeof CASE_BOXES)[number];
export const CASE_BOX_LABELS: Record<CaseBox, string> = {
  mine: '我的待办',
  team: '团队待办',
  unassigned: '待受理/待指派',
  overdue: '已超期',
  supervised: '督办件',
  followup: '回头看',
  filed: '我登记的',
  all: '全部工单',
};

export const caseListQuerySchema = z.object({
  box: z.enum(CASE_BOXES).default('mine'),
  orgId: z.uuid().optional(),
  type: caseTypeSchema.optional(),
  status: caseStatusSchema.optional(),
  q: z.string().trim().max(50).optional(), // case number or title words
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

// ---------------------------------------------------------------------------------------------
// Settings

export const caseTypeSettingSchema = z.object({
  type: caseTypeSchema,
  label: z.string(),
  enabled: z.boolean(),
  acceptWorkdays: z.number().int().min(1, '受理时限至少 1 个工作日').max(30, '受理时限不能超过 30 个工作日'),
  resolveWorkdays: z.number().int().min(1, '办结时限至少 1 个工作日').max(90, '办结时限不能超过 90 个工作日'),
  followupPercent: z.number().int().min(0, '回头看比例不能小于 0').max(100, '回头看比例不能超过 100'),
});
export type CaseTypeSetting = z.infer<typeof caseTypeSettingSchema>;
export const caseCategorySchema = z.object({ id: z.uuid(), type: caseTypeSchema, name: z.string(), sort: z.number(), enabled: z.boolean() });
export type CaseCategory = z.infer<typeof caseCategorySchema>;
export const caseCategoryInputSchema = z.object({
  type: caseTypeSchema,
  name: z.string().trim().min(1, '请填写分类名称').max(30, '分类名称不能超过 30 个字'),
  sort: z.number().int().min(0).max(999).default(0),
  enabled: z.boolean().default(true),
});
export const caseTeamSchema = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  name: z.string(),
  skill: teamSkillSchema,
  members: z.array(z.object({ userId: z.uuid(), name: z.string(), phone: z.string(), onDuty: z.boolean(), isLeader: z.boolean(), openCases: z.number(), partner: z.boolean() })),
});
export type CaseTeam = z.infer<typeof caseTeamSchema>;
export const caseTeamInputSchema = z.object({
  orgId: z.uuid({ message: '请选择所属工会' }),
  name: z.string().trim().min(2, '团队名称至少 2 个字').max(40, '团队名称不能超过 40 个字'),
  skill: teamSkillSchema,
});
export const caseTeamMemberInputSchema = z.object({
  userId: z.uuid({ message: '请选择人员' }),
  onDuty: z.boolean().default(true),
  isLeader: z.boolean().default(false),
});
export const ROUTING_TARGETS = ['origin', 'enterprise', 'street', 'county', 'city', 'province'] as const;
export const ROUTING_TARGET_LABELS: Record<(typeof ROUTING_TARGETS)[number], string> = {
  origin: '会员所在工会',
  enterprise: '所在企业工会',
  street: '所在乡镇(街道)',
  county: '所在县区',
  city: '所在城市',
  province: '省总工会',
};
export const caseRoutingRuleSchema = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  caseType: caseTypeSchema,
  categoryId: z.uuid().nullable(),
  categoryName: z.string().nullable(),
  targetKind: z.enum(ROUTING_TARGETS),
  teamSkill: teamSkillSchema.nullable(),
  enabled: z.boolean(),
});
export type CaseRoutingRule = z.infer<typeof caseRoutingRuleSchema>;
export const caseRoutingRuleInputSchema = z.object({
  orgId: z.uuid({ message: '请选择适用范围' }),
  caseType: caseTypeSchema,
  categoryId: z.uuid().optional().nullable(),
  targetKind: z.enum(ROUTING_TARGETS, { message: '请选择承办层级' }),
  teamSkill: teamSkillSchema.optional().nullable(),
  enabled: z.boolean().default(true),
});
export const caseIntakeLinkSchema = z.object({
  id: z.uuid(),
  token: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  purpose: z.enum(['appeal', 'injury']),
  label: z.string(),
  createdAt: z.string(),
  revoked: z.boolean(),
});
export type CaseIntakeLink = z.infer<typeof caseIntakeLinkSchema>;
export const caseIntakeLinkInputSchema = z.object({
  orgId: z.uuid({ message: '请选择所属工会' }),
  purpose: z.enum(['appeal', 'injury'], { message: '请选择用途' }),
  label: z.string().trim().min(2, '请填写名称（如医院名称）').max(60, '名称不能超过 60 个字'),
});
/** What a scanned intake QR shows before login. */
export const caseIntakeTargetSchema = z.object({ orgName: z.string(), purpose: z.enum(['appeal', 'injury']), label: z.string() });
export type CaseIntakeTarget = z.infer<typeof caseIntakeTargetSchema>;

// ---------------------------------------------------------------------------------------------
// Analytics

export const caseStatsQuerySchema = z.object({
  orgId: z.uuid().optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '开始日期格式应为 YYYY-MM-DD').optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '结束日期格式应为 YYYY-MM-DD').optional(),
  type: caseTypeSchema.optional(),
});
export const caseStatsSchema = z.object({
  orgId: z.uuid(),
  orgName: z.string(),
  from: z.string(),
  to: z.string(),
  total: z.number(),
  open: z.number(),
  closedOrResolved: z.number(),
  closureRate: z.number().nullable(), // 0..1
  within24hRate: z.number().nullable(),
  medianHours: z.number().nullable(),
  overdue: z.number(),
  satisfaction: z.number().nullable(), // average 1..5
  ratings: z.array(z.object({ rating: z.number(), count: z.number() })),
  byType: z.array(z.object({ type: caseTypeSchema, count: z.number() })),
  byCategory: z.array(z.object({ category: z.string(), count: z.number() })),
  byStatus: z.array(z.object({ status: caseStatusSchema, count: z.number() })),
  byChild: z.array(z.object({ orgId: z.uuid(), orgName: z.string(), count: z.number(), closureRate: z.number().nullable() })),
  trend: z.array(z.object({ day: z.string(), submitted: z.number(), resolved: z.number() })),
  words: z.array(z.object({ word: z.string(), count: z.number() })),
});
export type CaseStats = z.infer<typeof caseStatsSchema>;
