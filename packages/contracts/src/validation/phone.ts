import { z } from 'zod';
import { compactInput } from './normalize';

/** Mainland China mobile numbers: 11 digits, 1[3-9]xxxxxxxxx. */
export const MOBILE_RE = /^1[3-9]\d{9}$/;

export type PhoneResult = { ok: true; normalized: string } | { ok: false; reason: string };

/** Removes spaces, dashes, brackets, full-width digits and a +86 / 0086 / 86 country prefix. */
export function normalizePhone(input: string): string {
  let s = compactInput(input).replace(/[()（）.]/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  else if (s.length === 13 && s.startsWith('86')) s = s.slice(2);
  return s;
}

export function parsePhone(input: string): PhoneResult {
  const s = normalizePhone(input);
  if (s.length === 0) return { ok: false, reason: '请输入手机号' };
  if (!/^\d+$/.test(s)) return { ok: false, reason: '手机号只能包含数字' };
  if (s.length !== 11) return { ok: false, reason: '手机号应为 11 位' };
  if (!MOBILE_RE.test(s)) return { ok: false, reason: '请输入正确的中国大陆手机号' };
  return { ok: true, normalized: s };
}

export function isValidPhone(input: string): boolean {
  return parsePhone(input).ok;
}

export const phoneSchema = z.string().transform((v, ctx) => {
  const r = parsePhone(v);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.reason });
    return z.NEVER;
  }
  return r.normalized;
});
