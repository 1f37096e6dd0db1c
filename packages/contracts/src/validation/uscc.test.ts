import { describe, it, expect } from 'vitest';
import { USCC_ALPHABET, isValidUscc, makeUscc, parseUscc, usccCheckChar, usccSchema } from './uscc';

describe('parseUscc (GB 32100)', () => {
  it('accepts real-shaped codes and splits their parts', () => {
    expect(parseUscc('91350100M000100Y43')).toEqual({
      ok: true,
      normalized: '91350100M000100Y43',
      authority: '9',
      orgType: '1',
      regionCode: '350100',
      orgCode: 'M000100Y4',
    });
    expect(parseUscc('91110000802100433B').ok).toBe(true);
  });

  it('normalises lower case, spaces and full-width characters', () => {
    expect(parseUscc('91350100m000100y43')).toMatchObject({ ok: true, normalized: '91350100M000100Y43' });
    expect(parseUscc(' 9135 0100 M000 100Y 43 ')).toMatchObject({ ok: true });
    expect(parseUscc('９１３５０１００Ｍ０００１００Ｙ４３')).toMatchObject({ ok: true });
  });

  it('rejects a wrong check character', () => {
    const r = parseUscc('91350100M000100Y44');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain('校验位');
  });

  it('rejects letters outside the alphabet (I, O, Z, S, V)', () => {
    for (const c of ['I', 'O', 'Z', 'S', 'V']) {
      const r = parseUscc(`9135010${c}M000100Y43`);
      expect(r.ok).toBe(false);
    }
    expect(USCC_ALPHABET).toHaveLength(31);
  });

  it('rejects wrong length and a non-numeric region code', () => {
    expect(parseUscc('').ok).toBe(false);
    expect(parseUscc('91350100M000100Y4').ok).toBe(false);
    expect(parseUscc(makeUscc('91A50100M000100Y4')).ok).toBe(false);
  });

  it('makeUscc appends a check character that parseUscc accepts', () => {
    expect(makeUscc('91350100M000100Y4')).toBe('91350100M000100Y43');
    expect(makeUscc('81320100MC1234567')).toHaveLength(18);
    expect(isValidUscc(makeUscc('81320100MC1234567'))).toBe(true);
    // every possible check value is reachable, including '0' (sum ≡ 0 mod 31)
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) seen.add(usccCheckChar(`913201${String(i).padStart(11, '0')}`));
    expect(seen.size).toBe(31);
    expect(() => usccCheckChar('91350100I000100Y4')).toThrow();
  });

  it('the zod schema returns the normalised code', () => {
    expect(usccSchema.parse('91350100m000100y43')).toBe('91350100M000100Y43');
    expect(usccSchema.safeParse('91350100M000100Y44').success).toBe(false);
  });
});
