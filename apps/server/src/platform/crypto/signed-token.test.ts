import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyIdOf, MAX_TOKEN_CHARS, signToken, tokenKeyring, tokenSigner, verifyToken } from './signed-token';

const signer = tokenSigner(generateKeyPairSync('ed25519').privateKey);
const keyring = tokenKeyring([signer.publicKey]);
const body = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
const t0 = new Date('2026-03-01T08:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

/** flip one bit of the decoded part and re-encode it, so the token stays well-formed */
function flip(token: string, part: 0 | 1, byte: number): string {
  const parts = token.split('.');
  const buf = Buffer.from(parts[part]!, 'base64url');
  buf[byte] = buf[byte]! ^ 0x01;
  parts[part] = buf.toString('base64url');
  return parts.join('.');
}

describe('signed tokens (Ed25519, compact)', () => {
  it('round-trips the body with issue and expiry times', () => {
    const { token, issuedAt, expiresAt } = signToken(signer, body, { ttlSeconds: 90, now: t0 });
    expect(issuedAt).toEqual(t0);
    expect(expiresAt).toEqual(at(90));
    const r = verifyToken(token, keyring, { now: at(30) });
    expect(r).toMatchObject({ ok: true, kid: signer.kid, issuedAt: t0, expiresAt: at(90) });
    expect(r.ok && r.body.equals(body)).toBe(true);
  });

  it('is compact enough for a QR code: 45 payload bytes + 64 signature bytes', () => {
    const { token } = signToken(signer, body, { ttlSeconds: 90, now: t0 });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(token.length).toBeLessThanOrEqual(Math.ceil((13 + 32) / 3 * 4) + 1 + 86);
  });

  it('names its key by the first 8 hex characters of sha256(public key)', () => {
    expect(signer.kid).toMatch(/^[0-9a-f]{8}$/);
    expect(keyIdOf(signer.publicKey)).toBe(signer.kid);
  });

  it('expires at its expiry time, using the clock it is given', () => {
    const { token } = signToken(signer, body, { ttlSeconds: 90, now: t0 });
    expect(verifyToken(token, keyring, { now: at(89) }).ok).toBe(true);
    expect(verifyToken(token, keyring, { now: at(90) })).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects a tampered payload (including a stretched expiry) as a bad signature', () => {
    const { token } = signToken(signer, body, { ttlSeconds: 90, now: t0 });
    expect(verifyToken(flip(token, 0, 20), keyring, { now: at(1) })).toEqual({ ok: false, reason: 'bad_signature' });
    // byte 12 is the low byte of the expiry
    expect(verifyToken(flip(token, 0, 12), keyring, { now: at(1) })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('rejects a tampered signature', () => {
    const { token } = signToken(signer, body, { ttlSeconds: 90, now: t0 });
    expect(verifyToken(flip(token, 1, 10), keyring, { now: at(1) })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('rejects a second spelling of the same token (spare base64url bits)', () => {
    const { token } = signToken(signer, body, { ttlSeconds: 90, now: t0 });
    const last = token.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = alphabet[alphabet.indexOf(last) ^ 0x01]!; // differs only in a spare bit
    expect(verifyToken(token.slice(0, -1) + sibling, keyring, { now: at(1) }).ok).toBe(false);
  });

  it('rejects a token signed by another key, whether it names its own key id or ours', () => {
    const other = tokenSigner(generateKeyPairSync('ed25519').privateKey);
    const { token } = signToken(other, body, { ttlSeconds: 90, now: t0 });
    expect(verifyToken(token, keyring, { now: at(1) })).toEqual({ ok: false, reason: 'unknown_key' });
    const forged = signToken({ ...other, kid: signer.kid }, body, { ttlSeconds: 90, now: t0 });
    expect(verifyToken(forged.token, keyring, { now: at(1) })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('keeps verifying tokens of a rotated-out key while its public key is in the keyring', () => {
    const next = tokenSigner(generateKeyPairSync('ed25519').privateKey);
    const both = tokenKeyring([next.publicKey, signer.publicKey]);
    expect(verifyToken(signToken(signer, body, { ttlSeconds: 90, now: t0 }).token, both, { now: at(1) }).ok).toBe(true);
    expect(verifyToken(signToken(next, body, { ttlSeconds: 90, now: t0 }).token, both, { now: at(1) }).ok).toBe(true);
  });

  it('calls anything else malformed', () => {
    for (const bad of ['', 'abc', 'a.b.c', 'not base64!.x', `${'A'.repeat(MAX_TOKEN_CHARS)}.A`, 'AQ.AQ']) {
      expect(verifyToken(bad, keyring, { now: at(1) })).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('refuses a key that is not an Ed25519 private key', () => {
    expect(() => tokenSigner(signer.publicKey)).toThrow();
    expect(() => tokenSigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey)).toThrow();
  });
});
