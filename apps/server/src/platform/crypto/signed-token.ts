import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Short-lived Ed25519-signed tokens, compact enough for a QR code.
 *
 * Token = base64url(payload) + '.' + base64url(signature), where payload is binary:
 *
 *   byte 0      format version (1)
 *   bytes 1–4   key id: first 4 bytes of sha256(public key, SPKI DER), i.e. 8 hex characters
 *   bytes 5–8   issued at, unix seconds (uint32, big-endian)
 *   bytes 9–12  expires at, unix seconds (uint32, big-endian)
 *   bytes 13–   body: opaque bytes chosen by the caller
 *
 * The key id lets keys rotate: a verifier keeps the public keys of older signing keys for as long as
 * their tokens may live. The signature covers the whole payload, so no field can be changed.
 */
export const TOKEN_VERSION = 1;
const HEADER_BYTES = 13;
/** a QR-friendly token is a few hundred characters; anything longer is not ours */
export const MAX_TOKEN_CHARS = 1024;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Key id: sha256 of the public key (SPKI DER), first 8 hex characters. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('hex').slice(0, 8);
}

export type TokenSigner = { kid: string; privateKey: KeyObject; publicKey: KeyObject };

export function tokenSigner(privateKey: KeyObject): TokenSigner {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') throw new Error('token signer needs an Ed25519 private key');
  const publicKey = createPublicKey(privateKey);
  return { kid: keyIdOf(publicKey), privateKey, publicKey };
}

/** Public keys a verifier accepts, by key id (the current one plus any still-valid older ones). */
export type TokenKeyring = ReadonlyMap<string, KeyObject>;

export function tokenKeyring(publicKeys: KeyObject[]): TokenKeyring {
  return new Map(publicKeys.map((k) => [keyIdOf(k), k]));
}

export function signToken(signer: TokenSigner, body: Uint8Array, opts: { ttlSeconds: number; now?: Date }): { token: string; issuedAt: Date; expiresAt: Date } {
  const iat = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  const exp = iat + Math.ceil(opts.ttlSeconds);
  const payload = Buffer.alloc(HEADER_BYTES + body.length);
  payload.writeUInt8(TOKEN_VERSION, 0);
  Buffer.from(signer.kid, 'hex').copy(payload, 1);
  payload.writeUInt32BE(iat, 5);
  payload.writeUInt32BE(exp, 9);
  Buffer.from(body).copy(payload, HEADER_BYTES);
  const signature = sign(null, payload, signer.privateKey);
  return { token: `${payload.toString('base64url')}.${signature.toString('base64url')}`, issuedAt: new Date(iat * 1000), expiresAt: new Date(exp * 1000) };
}

export type VerifiedToken = { ok: true; kid: string; issuedAt: Date; expiresAt: Date; body: Buffer };
/**
 * malformed: not a token of this format; unknown_key: signed by a key this verifier does not hold;
 * bad_signature: altered or forged; expired: genuine but past its expiry.
 */
export type TokenFailure = { ok: false; reason: 'malformed' | 'unknown_key' | 'bad_signature' | 'expired' };

/**
 * Check a token. The signature is checked before the expiry, so "expired" is only ever said of a
 * token this system really issued (an altered expiry is a bad signature, not a late one).
 */
export function verifyToken(token: string, keyring: TokenKeyring, opts: { now?: Date } = {}): VerifiedToken | TokenFailure {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_CHARS || !TOKEN_SHAPE.test(token)) return { ok: false, reason: 'malformed' };
  const dot = token.indexOf('.');
  const payload = Buffer.from(token.slice(0, dot), 'base64url');
  const signature = Buffer.from(token.slice(dot + 1), 'base64url');
  // one spelling per token: base64url has spare bits in its last character, which must not make a second valid form
  if (`${payload.toString('base64url')}.${signature.toString('base64url')}` !== token) return { ok: false, reason: 'malformed' };
  if (payload.length < HEADER_BYTES || payload.readUInt8(0) !== TOKEN_VERSION || signature.length !== 64) return { ok: false, reason: 'malformed' };
  const kid = payload.subarray(1, 5).toString('hex');
  const key = keyring.get(kid);
  if (!key) return { ok: false, reason: 'unknown_key' };
  if (!verify(null, payload, key, signature)) return { ok: false, reason: 'bad_signature' };
  const issuedAt = new Date(payload.readUInt32BE(5) * 1000);
  const expiresAt = new Date(payload.readUInt32BE(9) * 1000);
  if ((opts.now ?? new Date()).getTime() >= expiresAt.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, kid, issuedAt, expiresAt, body: payload.subarray(HEADER_BYTES) };
}
