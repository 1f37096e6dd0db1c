import { createCipheriv, createHmac, createSecretKey, randomFillSync, type KeyObject } from 'node:crypto';
import type { PiiKeys } from '../../platform/crypto/pii';

/**
 * PiiCipher's encrypt and blindIndex for bulk work, byte-for-byte the same formats (PiiCipher
 * decrypts what this writes; the blind indexes are equal) for about a third less CPU:
 * - IVs come from a pool filled by the CSPRNG in 48 KiB draws instead of one syscall per value;
 * - both keys are imported once as KeyObjects instead of from raw bytes on every call.
 */
export class BulkPii {
  private readonly key: KeyObject;
  private readonly keyId: string;
  private readonly hmacKey: KeyObject;
  private pool = Buffer.alloc(0);
  private pos = 0;

  constructor(keys: PiiKeys) {
    const raw = keys.keys[keys.activeKeyId];
    if (!raw) throw new Error('active PII key missing');
    this.keyId = keys.activeKeyId;
    this.key = createSecretKey(raw);
    this.hmacKey = createSecretKey(keys.hmacKey);
  }

  private iv(): Buffer {
    if (this.pos + 12 > this.pool.length) {
      this.pool = randomFillSync(Buffer.allocUnsafe(12 * 4096));
      this.pos = 0;
    }
    const iv = this.pool.subarray(this.pos, this.pos + 12);
    this.pos += 12;
    return iv;
  }

  /** `<keyId>:<base64(iv|tag|ciphertext)>`, AES-256-GCM, as PiiCipher.encrypt. */
  encrypt(plain: string): string {
    const iv = this.iv();
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = cipher.update(plain, 'utf8');
    cipher.final();
    const out = Buffer.allocUnsafe(28 + data.length);
    iv.copy(out, 0);
    cipher.getAuthTag().copy(out, 12);
    data.copy(out, 28);
    return `${this.keyId}:${out.toString('base64')}`;
  }

  /** HMAC-SHA256(kind NUL value), base64url, as PiiCipher.blindIndex. */
  blindIndex(kind: string, value: string): string {
    return createHmac('sha256', this.hmacKey).update(`${kind}\u0000${value}`).digest('base64url');
  }
}
