import { createCipheriv, createHash, createSecretKey, randomFillSync, type Hash, type KeyObject } from 'node:crypto';
import type { PiiKeys } from '../../platform/crypto/pii';

/**
 * PiiCipher's encrypt and blindIndex for bulk work, byte-for-byte the same formats (PiiCipher
 * decrypts what this writes; the blind indexes are equal) at about a third of the cost:
 * - IVs come from a pool filled by the CSPRNG in 48 KiB draws instead of one syscall per value;
 * - HMAC-SHA256 reuses the hashed inner/outer key blocks (Hash.copy) instead of re-keying per call.
 */
export class BulkPii {
  private readonly key: KeyObject;
  private readonly keyId: string;
  private readonly inner: Hash;
  private readonly outer: Hash;
  private pool = Buffer.alloc(0);
  private pos = 0;

  constructor(keys: PiiKeys) {
    const raw = keys.keys[keys.activeKeyId];
    if (!raw) throw new Error('active PII key missing');
    this.keyId = keys.activeKeyId;
    this.key = createSecretKey(raw);
    let k = Buffer.from(keys.hmacKey);
    if (k.length > 64) k = createHash('sha256').update(k).digest();
    const block = Buffer.alloc(64);
    k.copy(block);
    this.inner = createHash('sha256').update(block.map((b) => b ^ 0x36));
    this.outer = createHash('sha256').update(block.map((b) => b ^ 0x5c));
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
    const innerDigest = this.inner.copy().update(`${kind}\u0000${value}`).digest();
    return this.outer.copy().update(innerDigest).digest('base64url');
  }
}
