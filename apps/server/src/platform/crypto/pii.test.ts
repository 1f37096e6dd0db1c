import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone, PiiCipher } from './pii';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const hmacKey = randomBytes(32);

describe('PII cipher', () => {
  it('round-trips and never produces the same ciphertext twice', () => {
    const c = new PiiCipher({ activeKeyId: 'k1', keys: { k1 }, hmacKey });
    const a = c.encrypt('440305199001011234');
    expect(a).not.toContain('440305');
    expect(a).not.toBe(c.encrypt('440305199001011234'));
    expect(c.decrypt(a)).toBe('440305199001011234');
  });

  it('reads old ciphertexts after a key rotation and flags them as stale', () => {
    const old = new PiiCipher({ activeKeyId: 'k1', keys: { k1 }, hmacKey });
    const rotated = new PiiCipher({ activeKeyId: 'k2', keys: { k1, k2 }, hmacKey });
    const stored = old.encrypt('13800000001');
    expect(rotated.decrypt(stored)).toBe('13800000001');
    expect(rotated.isStale(stored)).toBe(true);
    expect(rotated.isStale(rotated.encrypt('x'))).toBe(false);
  });

  it('detects tampering (GCM tag)', () => {
    const c = new PiiCipher({ activeKeyId: 'k1', keys: { k1 }, hmacKey });
    const stored = c.encrypt('13800000001');
    const raw = Buffer.from(stored.slice(3), 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => c.decrypt(`k1:${raw.toString('base64')}`)).toThrow();
  });

  it('blind indexes are deterministic per kind and independent of the encryption key', () => {
    const a = new PiiCipher({ activeKeyId: 'k1', keys: { k1 }, hmacKey });
    const b = new PiiCipher({ activeKeyId: 'k2', keys: { k2 }, hmacKey });
    expect(a.blindIndex('phone', '13800000001')).toBe(b.blindIndex('phone', '13800000001'));
    expect(a.blindIndex('phone', '13800000001')).not.toBe(a.blindIndex('idno', '13800000001'));
  });
});

describe('masking', () => {
  it('masks phone, 身份证号 and names the way members expect', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('440305199001011234')).toBe('4403**********1234');
    expect(maskName('张晓红')).toBe('张**');
  });
});
