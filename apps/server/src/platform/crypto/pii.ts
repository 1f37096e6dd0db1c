import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * PII field encryption (AES-256-GCM, key id prefix so keys can rotate) and HMAC blind indexes
 * (exact lookup and dedupe without decrypting). Ciphertext format: `<keyId>:<base64(iv|tag|data)>`.
 */
export type PiiKeys = { activeKeyId: string; keys: Record<string, Buffer>; hmacKey: Buffer };

export class PiiCipher {
  constructor(private readonly k: PiiKeys) {}

  encrypt(plain: string): string {
    const key = this.k.keys[this.k.activeKeyId];
    if (!key) throw new Error('active PII key missing');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${this.k.activeKeyId}:${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64')}`;
  }

  decrypt(stored: string): string {
    const sep = stored.indexOf(':');
    const keyId = stored.slice(0, sep);
    const key = this.k.keys[keyId];
    if (!key) throw new Error(`PII key ${keyId} not configured`);
    const raw = Buffer.from(stored.slice(sep + 1), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** true when the value was written with a key other than the active one (rotation pending) */
  isStale(stored: string): boolean {
    return !stored.startsWith(`${this.k.activeKeyId}:`);
  }

  /** Blind index: deterministic, keyed, so equal inputs match and the table alone reveals nothing. */
  blindIndex(kind: string, value: string): string {
    return createHmac('sha256', this.k.hmacKey).update(`${kind}\u0000${value}`).digest('base64url');
  }
}

export function maskPhone(phone: string): string {
  return phone.length >= 11 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '*'.repeat(phone.length);
}

/** 身份证号 → 4403**********1234 */
export function maskIdNumber(id: string): string {
  return id.length > 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : '*'.repeat(id.length);
}

export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? name : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}
