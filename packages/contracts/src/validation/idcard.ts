import { z } from 'zod';
import { compactInput } from './normalize';

/**
 * 居民身份证号码 (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence
 * (odd = male, even = female) and a check character (ISO 7064 MOD 11-2, 'X' stands for 10).
 */

/** First two digits: province-level region codes (GB/T 2260), incl. 71 台湾, 81 香港, 82 澳门. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type IdNumberInfo = {
  ok: true;
  /** 18 characters, upper-case X */
  normalized: string;
  birthDate: string; // YYYY-MM-DD
  gender: 'M' | 'F';
  /** 6-digit administrative region code of the issuing place */
  regionCode: string;
};
export type IdNumberResult = IdNumberInfo | { ok: false; reason: string };

/** Check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('身份证号前 17 位必须是数字');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Full-width digits, spaces and a lower-case x are accepted and normalised. */
export function normalizeIdNumber(s: string): string {
  return compactInput(s).toUpperCase();
}

function todayIso(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** true when y-m-d is a real calendar date */
export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

export function parseIdNumber(input: string, opts: { today?: string } = {}): IdNumberResult {
  const s = normalizeIdNumber(input);
  if (s.length === 0) return { ok: false, reason: '请输入身份证号' };
  if (s.length === 15 && /^\d{15}$/.test(s)) return { ok: false, reason: '请使用 18 位身份证号（15 位旧号码请升位）' };
  if (s.length !== 18) return { ok: false, reason: '身份证号应为 18 位' };
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, reason: '身份证号格式不正确：前 17 位应为数字，最后一位为数字或 X' };
  if (!PROVINCE_CODES.has(s.slice(0, 2))) return { ok: false, reason: '身份证号的地区码不正确' };
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  if (!isCalendarDate(y, m, d)) return { ok: false, reason: '身份证号中的出生日期不存在' };
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (birthDate < '1900-01-01' || birthDate > (opts.today ?? todayIso())) {
    return { ok: false, reason: '身份证号中的出生日期超出合理范围' };
  }
  if (idNumberCheckChar(s.slice(0, 17)) !== s[17]) return { ok: false, reason: '身份证号校验位不正确，请核对' };
  return { ok: true, normalized: s, birthDate, gender: Number(s[16]) % 2 === 1 ? 'M' : 'F', regionCode: s.slice(0, 6) };
}

export function isValidIdNumber(input: string): boolean {
  return parseIdNumber(input).ok;
}

/** zod: accepts any typed form, outputs the normalised 18-character number. */
export const idNumberSchema = z.string().transform((v, ctx) => {
  const r = parseIdNumber(v);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.reason });
    return z.NEVER;
  }
  return r.normalized;
});
