import {
  compactInput,
  EDUCATION_LEVELS,
  EMPLOYMENT_FORMS,
  ETHNICITIES,
  isCalendarDate,
  parseIdNumber,
  parsePhone,
  POLITICAL_STATUSES,
  ROSTER_COLUMNS,
  type RosterField,
} from '@gonghui/contracts';

/**
 * Row checks of a roster file. The same rules and messages as the contracts' realNameSchema
 * (parseIdNumber, parsePhone, the name rule, the code tables), written as plain functions because
 * zod costs several microseconds per row and an import checks a million of them.
 * Messages read「列名：原因」, e.g.「身份证号：校验位不正确，请核对」.
 */

export type RowInput = Partial<Record<RosterField, string>>;

export type ValidRow = {
  name: string;
  idNumber: string;
  gender: 'M' | 'F';
  birthDate: string;
  phone: string;
  ethnicity: string | null;
  education: string | null;
  politicalStatus: string | null;
  employer: string | null;
  occupation: string | null;
  industry: string | null;
  employmentForm: string | null;
  address: string | null;
  /** null: the import day */
  joinedAt: string | null;
};

export type RowIssue = { field: RosterField; message: string };

export type RowCheck = {
  row: ValidRow | null;
  issues: RowIssue[];
  /** dedupe key of a well-formed 身份证号 (0 when the number itself is bad) */
  key: number;
};

const COLUMN_BY_FIELD = new Map(ROSTER_COLUMNS.map((c) => [c.field, c]));
const label = (field: RosterField) => COLUMN_BY_FIELD.get(field)!.label;

/** 姓名: personNameSchema's rule (compact, full-width dot → ·, 2–30 chars, Han/letters/·). */
export function checkName(raw: string): { ok: true; value: string } | { ok: false; reason: string } {
  const v = compactInput(raw).replace(/[．.]/g, '·');
  if (!v) return { ok: false, reason: '必填，不能为空' };
  if (v.length < 2) return { ok: false, reason: '至少 2 个字' };
  if (v.length > 30) return { ok: false, reason: '不能超过 30 个字' };
  if (!/^[\p{Script=Han}A-Za-z·]+$/u.test(v)) return { ok: false, reason: '只能包含汉字、字母或间隔号' };
  return { ok: true, value: v };
}

/** parseIdNumber's reason without the repeated column name ("身份证号校验位…" → "校验位…"). */
function idReason(reason: string): string {
  if (reason === '请输入身份证号') return '必填，不能为空';
  return reason.replace(/^身份证号(中的|的)?/, '');
}

function phoneReason(reason: string): string {
  if (reason === '请输入手机号') return '必填，不能为空';
  return reason.replace(/^手机号/, '');
}

/** Common spellings in paper rosters, mapped onto the code tables. */
const ALIASES: Partial<Record<RosterField, Record<string, string>>> = {
  education: {
    初中: '初中及以下', 小学: '初中及以下', 小学及以下: '初中及以下', 高中: '高中/中专', 中专: '高中/中专', 职高: '高中/中专', 技校: '高中/中专',
    '高中、中专': '高中/中专', 高中及中专: '高中/中专', 专科: '大专', 大学专科: '大专', 大学本科: '本科', 硕士: '硕士研究生', 博士: '博士研究生',
  },
  politicalStatus: { 党员: '中共党员', 共产党员: '中共党员', 预备党员: '中共预备党员', 团员: '共青团员', 民主党派人士: '民主党派' },
  employmentForm: { 全职: '全日制', 兼职: '非全日制', 派遣: '劳务派遣', 灵活用工: '灵活就业', 新业态: '新就业形态' },
};

const OPTIONS: Partial<Record<RosterField, ReadonlySet<string>>> = {
  ethnicity: new Set(ETHNICITIES),
  education: new Set(EDUCATION_LEVELS),
  politicalStatus: new Set(POLITICAL_STATUSES),
  employmentForm: new Set(EMPLOYMENT_FORMS),
};

function checkOption(field: RosterField, raw: string | undefined, issues: RowIssue[]): string | null {
  const v = (raw ?? '').replace(/\s+/g, '');
  if (!v) return null;
  const allowed = OPTIONS[field]!;
  if (allowed.has(v)) return v;
  const alias = ALIASES[field]?.[v] ?? (field === 'ethnicity' && allowed.has(`${v}族`) ? `${v}族` : undefined);
  if (alias) return alias;
  const shown = v.length > 12 ? `${v.slice(0, 12)}…` : v;
  issues.push({ field, message: `${label(field)}：「${shown}」不在可选范围内，请从下拉列表选择` });
  return null;
}

function checkText(field: RosterField, raw: string | undefined, issues: RowIssue[]): string | null {
  const v = (raw ?? '').trim();
  if (!v) return null;
  const max = COLUMN_BY_FIELD.get(field)!.maxLength!;
  if (v.length > max) {
    issues.push({ field, message: `${label(field)}：不能超过 ${max} 个字` });
    return null;
  }
  return v;
}

const DATE_RE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;
const COMPACT_DATE_RE = /^(\d{4})(\d{2})(\d{2})$/;

/** 入会日期: YYYY-MM-DD (also 2024/3/1, 2024.3.1, 2024年3月1日, 20240301), not in the future. */
export function checkJoinDate(raw: string | undefined, today: string): { ok: true; value: string | null } | { ok: false; reason: string } {
  const v = compactInput(raw ?? '');
  if (!v) return { ok: true, value: null };
  const m = DATE_RE.exec(v) ?? COMPACT_DATE_RE.exec(v);
  if (!m) return { ok: false, reason: '格式应为 YYYY-MM-DD，如 2024-03-01' };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isCalendarDate(y, mo, d)) return { ok: false, reason: '日期不存在' };
  const iso = `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (iso > today) return { ok: false, reason: '不能晚于今天' };
  return { ok: true, value: iso };
}

/**
 * Dedupe key of a normalised 身份证号: region, birth date and sequence packed into one exact
 * double (< 2^53), so a million keys fit in a flat hash table instead of a million strings.
 */
export function idKey(id: string): number {
  const region = Number(id.slice(0, 6));
  const bd = (Number(id.slice(6, 10)) - 1900) * 372 + (Number(id.slice(10, 12)) - 1) * 31 + (Number(id.slice(12, 14)) - 1);
  return (region * 74_400 + bd) * 1000 + Number(id.slice(14, 17)) + 1;
}

/**
 * Check one row. `today` (Asia/Shanghai) bounds the dates; `idWasNumber` marks an .xlsx cell stored
 * as a number, whose last digits Excel has already rounded away.
 */
export function checkRow(input: RowInput, today: string, idWasNumber = false): RowCheck {
  const issues: RowIssue[] = [];
  const name = checkName(input.name ?? '');
  if (!name.ok) issues.push({ field: 'name', message: `姓名：${name.reason}` });

  let key = 0;
  const id = parseIdNumber(input.idNumber ?? '', { today });
  if (id.ok) key = idKey(id.normalized);
  else if (idWasNumber) issues.push({ field: 'idNumber', message: '身份证号：单元格是数字格式，Excel 已改动末几位，请将该列设为「文本」后重新填写' });
  else issues.push({ field: 'idNumber', message: `身份证号：${idReason(id.reason)}` });

  const phone = parsePhone(input.phone ?? '');
  if (!phone.ok) issues.push({ field: 'phone', message: `手机号：${phoneReason(phone.reason)}` });

  const ethnicity = checkOption('ethnicity', input.ethnicity, issues);
  const education = checkOption('education', input.education, issues);
  const politicalStatus = checkOption('politicalStatus', input.politicalStatus, issues);
  const employmentForm = checkOption('employmentForm', input.employmentForm, issues);
  const employer = checkText('employer', input.employer, issues);
  const occupation = checkText('occupation', input.occupation, issues);
  const industry = checkText('industry', input.industry, issues);
  const address = checkText('address', input.address, issues);

  const joined = checkJoinDate(input.joinedAt, today);
  if (!joined.ok) issues.push({ field: 'joinedAt', message: `入会日期：${joined.reason}` });
  else if (joined.value && id.ok && joined.value < id.birthDate) issues.push({ field: 'joinedAt', message: '入会日期：早于身份证号中的出生日期' });

  if (issues.length > 0 || !name.ok || !id.ok || !phone.ok || !joined.ok) return { row: null, issues, key };
  return {
    row: {
      name: name.value,
      idNumber: id.normalized,
      gender: id.gender,
      birthDate: id.birthDate,
      phone: phone.normalized,
      ethnicity,
      education,
      politicalStatus,
      employer,
      occupation,
      industry,
      employmentForm,
      address,
      joinedAt: joined.value,
    },
    issues,
    key,
  };
}

/** Header text → field: '身份证号*', '入会日期 (YYYY-MM-DD)', '身份证号码' all find their column. */
export function fieldOfHeader(header: string): RosterField | null {
  const h = compactInput(header)
    .replace(/[*＊]/g, '')
    .replace(/[(（][^)）]*[)）]$/, '');
  for (const c of ROSTER_COLUMNS) {
    if (c.label === h || c.header.replace('*', '') === h || c.aliases?.includes(h)) return c.field;
  }
  return null;
}

export type ColumnMap = Array<RosterField | null>;

/** Map a header row; null when it is not one (no 姓名 and 身份证号 columns). */
export function mapHeader(cells: string[]): { map: ColumnMap; missing: string[] } | null {
  const map = cells.map((c) => fieldOfHeader(c));
  // a repeated column keeps its first occurrence
  const seen = new Set<RosterField>();
  for (let i = 0; i < map.length; i++) {
    const f = map[i];
    if (!f) continue;
    if (seen.has(f)) map[i] = null;
    else seen.add(f);
  }
  // a header names at least two of our columns (a title row or a data row does not)
  if (seen.size < 2 || (!seen.has('name') && !seen.has('idNumber'))) return null;
  const missing = ROSTER_COLUMNS.filter((c) => c.required && !seen.has(c.field)).map((c) => c.label);
  return { map, missing };
}
