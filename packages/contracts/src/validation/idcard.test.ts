import { describe, it, expect } from 'vitest';
import { idNumberCheckChar, idNumberSchema, isValidIdNumber, parseIdNumber } from './idcard';

/** builds a number with a correct check character */
function make(first17: string): string {
  return first17 + idNumberCheckChar(first17);
}

describe('parseIdNumber (GB 11643)', () => {
  it('accepts the example from the standard and derives birth date, gender, region', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'F',
      regionCode: '110105',
    });
  });

  it('derives gender from the 17th digit (odd = male)', () => {
    const male = make('32010219900307001');
    const r = parseIdNumber(male);
    expect(r.ok && r.gender).toBe('M');
    expect(r.ok && r.birthDate).toBe('1990-03-07');
  });

  it('normalises lower-case x, spaces and full-width digits', () => {
    expect(parseIdNumber('110105 19491231 002x')).toMatchObject({ ok: true, normalized: '11010519491231002X' });
    expect(parseIdNumber('１１０１０５１９４９１２３１００２Ｘ')).toMatchObject({ ok: true, normalized: '11010519491231002X' });
    expect(parseIdNumber('  110105194912310 02x\u3000')).toMatchObject({ ok: true });
  });

  it('computes the MOD 11-2 check character, including X', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(() => idNumberCheckChar('1101051949123100')).toThrow();
  });

  it('rejects a wrong check digit', () => {
    const r = parseIdNumber('110105194912310021');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain('校验位');
  });

  it('rejects impossible dates (Feb 30, month 13, Feb 29 in a non-leap year)', () => {
    for (const body of ['32010219900230001', '32010219901301001', '32010219010229001']) {
      const r = parseIdNumber(make(body));
      expect(r.ok).toBe(false);
      expect(!r.ok && r.reason).toContain('出生日期');
    }
    expect(parseIdNumber(make('32010220000229001')).ok).toBe(true); // 2000 is a leap year
  });

  it('rejects birth dates before 1900 or in the future', () => {
    expect(parseIdNumber('440524188001010014').ok).toBe(false); // 1880, otherwise well-formed
    expect(parseIdNumber(make('32010220300101001')).ok).toBe(false);
    expect(parseIdNumber(make('32010220250101001'), { today: '2024-12-31' }).ok).toBe(false);
  });

  it('rejects unknown province codes', () => {
    const r = parseIdNumber(make('99010219900307001'));
    expect(!r.ok && r.reason).toContain('地区码');
    expect(parseIdNumber(make('00010219900307001')).ok).toBe(false);
  });

  it('rejects wrong length and characters', () => {
    expect(parseIdNumber('').ok).toBe(false);
    expect(parseIdNumber('1101051949123100').ok).toBe(false);
    expect(parseIdNumber('110105491231002').ok).toBe(false); // 15-digit old format
    expect(parseIdNumber('11010519491231002Y').ok).toBe(false);
    expect(parseIdNumber('1101051949X231002X').ok).toBe(false);
  });

  it('isValidIdNumber and the zod schema agree', () => {
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(idNumberSchema.parse('11010519491231002x')).toBe('11010519491231002X');
    const bad = idNumberSchema.safeParse('110105194912310021');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain('校验位');
  });
});
