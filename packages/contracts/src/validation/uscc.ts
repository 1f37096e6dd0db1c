import { z } from 'zod';
import { compactInput } from './normalize';

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (no I, O, Z, S, V):
 * [1] registration authority (9 工商, 8 工会, 5 民政 …), [2] organisation type, [3-8] region code,
 * [9-17] organisation code (GB 11714), [18] check character. Weights are 3^i mod 31.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});
const VALUE = new Map([...USCC_ALPHABET].map((c, i) => [c, i] as const));

export type UsccInfo = {
  ok: true;
  normalized: string;
  /** registration authority code, e.g. '9' 工商, '8' 工会 */
  authority: string;
  /** organisation type code within the authority */
  orgType: string;
  regionCode: string;
  /** 9-character organisation code (组织机构代码) */
  orgCode: string;
};
export type UsccResult = UsccInfo | { ok: false; reason: string };

export function normalizeUscc(s: string): string {
  return compactInput(s).toUpperCase();
}

/** Check character for the first 17 characters. */
export function usccCheckChar(body17: string): string {
  if (body17.length !== 17) throw new Error('统一社会信用代码本体应为 17 位');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = VALUE.get(body17[i]!);
    if (v === undefined) throw new Error(`统一社会信用代码含有非法字符 ${body17[i]}`);
    sum += v * WEIGHTS[i]!;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Append the check character to a 17-character body. */
export function makeUscc(body17: string): string {
  const b = normalizeUscc(body17);
  return b + usccCheckChar(b);
}

export function parseUscc(input: string): UsccResult {
  const s = normalizeUscc(input);
  if (s.length === 0) return { ok: false, reason: '请输入统一社会信用代码' };
  if (s.length !== 18) return { ok: false, reason: '统一社会信用代码应为 18 位' };
  for (const c of s) {
    if (!VALUE.has(c)) return { ok: false, reason: `统一社会信用代码含有非法字符「${c}」（不使用 I、O、Z、S、V）` };
  }
  if (!/^\d{6}$/.test(s.slice(2, 8))) return { ok: false, reason: '统一社会信用代码第 3-8 位应为行政区划码' };
  if (usccCheckChar(s.slice(0, 17)) !== s[17]) return { ok: false, reason: '统一社会信用代码校验位不正确，请核对' };
  return { ok: true, normalized: s, authority: s[0]!, orgType: s[1]!, regionCode: s.slice(2, 8), orgCode: s.slice(8, 17) };
}

export function isValidUscc(input: string): boolean {
  return parseUscc(input).ok;
}

export const usccSchema = z.string().transform((v, ctx) => {
  const r = parseUscc(v);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.reason });
    return z.NEVER;
  }
  return r.normalized;
});
