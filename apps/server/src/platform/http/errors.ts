import type { z } from 'zod';

/** The one error type. `code` is stable for machines, `message` is Chinese for people. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export type FieldError = { path: string; message: string };

export const errors = {
  unauthenticated: () => new AppError('UNAUTHENTICATED', 401, '请先登录'),
  forbidden: (message = '没有权限执行此操作') => new AppError('FORBIDDEN', 403, message),
  /** also used for records outside the actor's org scope: their existence is not revealed */
  notFound: (what = '记录') => new AppError('NOT_FOUND', 404, `${what}不存在或无权访问`),
  conflict: (code: string, message: string, details?: unknown) => new AppError(code, 409, message, details),
  badRequest: (code: string, message: string, details?: unknown) => new AppError(code, 400, message, details),
  validation: (fields: FieldError[]) =>
    new AppError('VALIDATION_FAILED', 400, fields.map((f) => f.message).join('；') || '请求参数不正确', { fields }),
  field: (path: string, message: string) => errors.validation([{ path, message }]),
  rateLimited: (retryAfterSeconds: number) =>
    new AppError('RATE_LIMITED', 429, `操作过于频繁，请 ${retryAfterSeconds} 秒后再试`, { retryAfterSeconds }),
};

/** Chinese names of request fields, so a validation message names what to fix. */
const FIELD_LABELS: Record<string, string> = {
  phone: '手机号',
  password: '密码',
  code: '验证码',
  name: '名称',
  userId: '用户',
  orgId: '组织',
  parentId: '上级组织',
  role: '角色',
  kind: '组织类型',
  q: '搜索关键词',
  limit: '每页条数',
  cursor: '分页游标',
  id: 'ID',
  from: '开始时间',
  to: '结束时间',
  action: '操作类型',
  actorId: '操作人',
  uscc: '统一社会信用代码',
  regionCode: '行政区划代码',
  address: '地址',
  industryOrgId: '所属行业工会',
  idNumber: '身份证号',
  ethnicity: '民族',
  education: '学历',
  politicalStatus: '政治面貌',
  employer: '工作单位',
  occupation: '职业/岗位',
  industry: '行业',
  employmentForm: '就业形式',
  joinedAt: '入会日期',
  joinedFrom: '入会日期起',
  joinedTo: '入会日期止',
  consent: '个人信息保护告知书',
  token: '入会二维码',
  reason: '原因',
  status: '状态',
  decision: '审批意见',
  toOrgId: '转入工会',
  memberId: '会员',
  date: '日期',
  day: '日期',
  isWorkday: '是否工作日',
  note: '备注',
  year: '年份',
  box: '列表',
  enterpriseName: '企业名称',
  headcount: '职工人数',
  contactName: '联系人',
  contactPhone: '联系电话',
  parentOrgId: '上级工会',
  areaOrgId: '所属区域工会',
  chair: '工会主席',
  viceChairs: '副主席',
  committeeMembers: '委员',
  fundsReviewCommittee: '经费审查委员会',
  womenCommittee: '女职工委员会',
  memberCount: '到会会员人数',
  employees: '职工人数',
  file: '文件',
  type: '事项类型',
  categoryId: '分类',
  title: '标题',
  content: '内容',
  fields: '事项信息',
  anonymous: '匿名',
  isPublic: '公开',
  attachmentIds: '附件',
  clientKey: '提交标识',
  channel: '登记渠道',
  callerName: '来电人姓名',
  callerPhone: '来电人电话',
  assigneeId: '承办人',
  teamId: '承办团队',
  reply: '答复内容',
  dueAt: '督办期限',
  checklist: '核查清单',
  visitedOn: '探视日期',
  amountFen: '金额',
  method: '发放方式',
  idemKey: '付款标识',
  rating: '评分',
  comment: '评价',
  acceptWorkdays: '受理时限',
  resolveWorkdays: '办结时限',
  followupPercent: '回头看比例',
  skill: '团队类型',
  caseType: '事项类型',
  targetKind: '承办层级',
  teamSkill: '团队类型',
  purpose: '用途',
  label: '名称',
  result: '回访情况',
  satisfied: '是否满意',
  onDuty: '在岗',
  isLeader: '组长',
};

export function fieldLabel(path: string): string {
  const last = path.split('.').pop() ?? path;
  return FIELD_LABELS[last] ?? last;
}

/** zod issues → field errors with Chinese messages naming the field */
export function zodIssuesToFields(issues: readonly z.core.$ZodIssue[], prefix?: string): FieldError[] {
  return issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    const label = fieldLabel(path || 'body');
    let message: string;
    switch (issue.code) {
      case 'invalid_type':
        message = issue.input === undefined ? `请填写${label}` : `${label}的类型不正确`;
        break;
      case 'too_small':
        message = issue.origin === 'string' ? `${label}至少需要 ${String(issue.minimum)} 个字符` : `${label}不能小于 ${String(issue.minimum)}`;
        break;
      case 'too_big':
        message = issue.origin === 'string' ? `${label}不能超过 ${String(issue.maximum)} 个字符` : `${label}不能大于 ${String(issue.maximum)}`;
        break;
      case 'invalid_format':
        message = `${label}格式不正确`;
        break;
      case 'invalid_value':
        message = `${label}的取值不在允许范围内`;
        break;
      case 'unrecognized_keys':
        message = `不支持的字段：${issue.keys.join('、')}`;
        break;
      default:
        message = issue.message && /[\u4e00-\u9fa5]/.test(issue.message) ? issue.message : `${label}不正确`;
    }
    return { path, message };
  });
}
