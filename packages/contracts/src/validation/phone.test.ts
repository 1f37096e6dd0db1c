import { describe, it, expect } from 'vitest';
import { isValidPhone, normalizePhone, parsePhone, phoneSchema } from './phone';

describe('parsePhone', () => {
  it('accepts mainland mobile numbers', () => {
    for (const p of ['13800138000', '15912345678', '19912345678', '17012345678']) {
      expect(parsePhone(p)).toEqual({ ok: true, normalized: p });
    }
  });

  it('normalises +86, 0086, 86, spaces, dashes and full-width digits', () => {
    expect(normalizePhone('+86 138 0013 8000')).toBe('13800138000');
    expect(normalizePhone('0086-138-0013-8000')).toBe('13800138000');
    expect(normalizePhone('8613800138000')).toBe('13800138000');
    expect(normalizePhone('＋８６\u3000１３８００１３８０００')).toBe('13800138000');
    expect(parsePhone(' 138 0013 8000 ').ok).toBe(true);
  });

  it('rejects wrong prefixes, lengths and characters', () => {
    expect(parsePhone('12800138000').ok).toBe(false); // second digit 2
    expect(parsePhone('10800138000').ok).toBe(false);
    expect(parsePhone('23800138000').ok).toBe(false);
    expect(parsePhone('1380013800').ok).toBe(false);
    expect(parsePhone('138001380001').ok).toBe(false);
    expect(parsePhone('1380013800a').ok).toBe(false);
    expect(parsePhone('010-12345678').ok).toBe(false); // landline
    const r = parsePhone('');
    expect(!r.ok && r.reason).toBe('请输入手机号');
  });

  it('isValidPhone and the zod schema agree', () => {
    expect(isValidPhone('+8613800138000')).toBe(true);
    expect(phoneSchema.parse('+86 13800138000')).toBe('13800138000');
    expect(phoneSchema.safeParse('12345').success).toBe(false);
  });
});
