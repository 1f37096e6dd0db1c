import { z } from 'zod';
import { EDUCATION_LEVELS, EMPLOYMENT_FORMS, ETHNICITIES, memberListQuerySchema, POLITICAL_STATUSES } from './members';

/**
 * Roster import (名册导入) and export: the standard Excel template, import records with progress,
 * and the export filters. Rows are validated with the same rules as realNameSchema.
 */

export const ROSTER_SHEET_NAME = '会员名册';
export const ROSTER_GUIDE_SHEET_NAME = '填写说明';
export const ROSTER_ERRORS_SHEET_NAME = '错误明细';
export const ROSTER_CONFLICTS_SHEET_NAME = '冲突（已在其他工会）';
/** one file holds at most this many data rows */
export const ROSTER_MAX_ROWS = 1_000_000;

export type RosterField =
  | 'name'
  | 'idNumber'
  | 'phone'
  | 'ethnicity'
  | 'education'
  | 'politicalStatus'
  | 'employer'
  | 'occupation'
  | 'industry'
  | 'employmentForm'
  | 'address'
  | 'joinedAt';

export type RosterColumn = {
  field: RosterField;
  /** the template's header text (required columns carry a '*') */
  header: string;
  /** the plain name used in messages: 「身份证号：校验位不正确」 */
  label: string;
  required: boolean;
  /** what to fill in, for the 填写说明 sheet */
  format: string;
  options?: readonly string[];
  /** other header texts found in real rosters that mean the same column */
  aliases?: readonly string[];
  maxLength?: number;
  width: number;
};

/** The standard template, in order (DOMAIN §4.1 real-name data). */
export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  { field: 'name', header: '姓名*', label: '姓名', required: true, format: '2–30 个字，汉字或字母，少数民族姓名可含间隔号「·」', width: 12 },
  {
    field: 'idNumber', header: '身份证号*', label: '身份证号', required: true,
    format: '18 位居民身份证号，末位可为 X；请将单元格设为「文本」，避免被 Excel 改成科学计数法', aliases: ['身份证号码', '公民身份号码', '证件号码'], width: 22,
  },
  { field: 'phone', header: '手机号*', label: '手机号', required: true, format: '11 位中国大陆手机号，可带 +86', aliases: ['手机号码', '手机', '联系电话', '联系方式'], width: 15 },
  { field: 'ethnicity', header: '民族', label: '民族', required: false, format: '从下拉列表选择，如「汉族」', options: ETHNICITIES, width: 10 },
  { field: 'education', header: '学历', label: '学历', required: false, format: '从下拉列表选择', options: EDUCATION_LEVELS, aliases: ['文化程度'], width: 12 },
  { field: 'politicalStatus', header: '政治面貌', label: '政治面貌', required: false, format: '从下拉列表选择', options: POLITICAL_STATUSES, width: 12 },
  { field: 'employer', header: '工作单位', label: '工作单位', required: false, format: '不超过 100 个字', aliases: ['单位', '单位名称', '所在单位'], maxLength: 100, width: 28 },
  { field: 'occupation', header: '职业/岗位', label: '职业/岗位', required: false, format: '不超过 50 个字，如「快递员」', aliases: ['职业', '岗位', '职务'], maxLength: 50, width: 14 },
  { field: 'industry', header: '行业', label: '行业', required: false, format: '不超过 50 个字，如「交通运输」', aliases: ['所属行业'], maxLength: 50, width: 14 },
  { field: 'employmentForm', header: '就业形式', label: '就业形式', required: false, format: '从下拉列表选择', options: EMPLOYMENT_FORMS, aliases: ['用工形式'], width: 12 },
  { field: 'address', header: '居住地址', label: '居住地址', required: false, format: '不超过 200 个字', aliases: ['地址', '家庭住址', '现住址'], maxLength: 200, width: 32 },
  {
    field: 'joinedAt', header: '入会日期 (YYYY-MM-DD)', label: '入会日期', required: false,
    format: '如 2024-03-01，不晚于今天；不填则记为导入当天', aliases: ['入会日期', '入会时间'], width: 20,
  },
];

export const ROSTER_IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type RosterImportStatus = (typeof ROSTER_IMPORT_STATUSES)[number];
export const ROSTER_IMPORT_STATUS_LABELS: Record<RosterImportStatus, string> = {
  queued: '排队中',
  running: '导入中',
  done: '已完成',
  failed: '失败',
};

export const rosterImportSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  fileName: z.string(),
  fileType: z.enum(['xlsx', 'csv']),
  fileSize: z.number(),
  status: z.enum(ROSTER_IMPORT_STATUSES),
  /** data rows in the file (an estimate from the file size while a CSV is still running) */
  totalRows: z.number().nullable(),
  processedRows: z.number(),
  /** 0–100, for the progress bar */
  percent: z.number(),
  /** new active members created in the target org */
  imported: z.number(),
  /** already active members of the target org: left as they are */
  unchanged: z.number(),
  /** active members of another union: listed, never moved */
  conflicts: z.number(),
  /** rows with invalid cells (or repeating an earlier row's 身份证号): not imported */
  errors: z.number(),
  /** why the whole file could not be imported (status failed) */
  failure: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type RosterImport = z.infer<typeof rosterImportSchema>;

/** POST /api/roster/imports: `deduplicated` when the same file is already imported or importing there. */
export const rosterImportCreatedSchema = z.object({ import: rosterImportSchema, deduplicated: z.boolean() });
export type RosterImportCreated = z.infer<typeof rosterImportCreatedSchema>;

export const rosterImportListQuerySchema = z.object({
  orgId: z.string().uuid().optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** GET /api/members/export.xlsx takes the roster list's filters (no paging). */
export const memberExportQuerySchema = memberListQuerySchema.omit({ cursor: true, limit: true });
export type MemberExportQuery = z.input<typeof memberExportQuerySchema>;
