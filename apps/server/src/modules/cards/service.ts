import { MEMBER_STATUS_LABELS, type CardVerifyResult, type MemberCard, type MemberStatus } from '@gonghui/contracts';
import type { AppConfig } from '../../config';
import type { Actor } from '../../platform/access/actor';
import { maskName } from '../../platform/crypto/pii';
import { signToken, tokenKeyring, tokenSigner, verifyToken, type TokenKeyring, type TokenSigner } from '../../platform/crypto/signed-token';
import type { AppDeps, RequestMeta } from '../../platform/http/context';
import { AppError, errors } from '../../platform/http/errors';
import { ancestorNames } from '../orgs/service';
import * as repo from './repo';
import { decodeCardClaims, encodeCardClaims } from './token';

/**
 * Electronic member card (电子会员卡). The QR code carries a signed token that names the member and
 * lives 90 s; the member page fetches a new one every 60 s, so a photographed or forwarded code is
 * useless within a minute and a half, and a scan a few seconds after a refresh still passes.
 */
export const CARD_TOKEN = { ttlSeconds: 90, refreshInSeconds: 60 };

/**
 * Verification is public, so it is rate-limited per IP. A venue gate scanning a queue does about one
 * member every 2–3 s; 60 a minute leaves room for that and stops anyone probing the database.
 */
export const CARD_LIMITS = { verifyPerIp: { limit: 60, windowSeconds: 60 } };

type CardKeys = { signer: TokenSigner; keyring: TokenKeyring };
const keysByConfig = new WeakMap<AppConfig, CardKeys>();

/** The signing key from config; the keyring holds its public key (older keys would join it on rotation). */
function cardKeys(deps: AppDeps): CardKeys {
  let k = keysByConfig.get(deps.config);
  if (!k) {
    const signer = tokenSigner(deps.config.cardSigningKey);
    k = { signer, keyring: tokenKeyring([signer.publicKey]) };
    keysByConfig.set(deps.config, k);
  }
  return k;
}

export function issueCardToken(deps: AppDeps, claims: { memberId: string; orgId: string }, now = new Date()) {
  return signToken(cardKeys(deps).signer, encodeCardClaims(claims), { ttlSeconds: CARD_TOKEN.ttlSeconds, now });
}

/** C00000012345 → C000****2345: enough for the venue to match a paper list, not enough to copy */
export function maskCardNo(cardNo: string): string {
  return cardNo.length > 8 ? `${cardNo.slice(0, 4)}${'*'.repeat(cardNo.length - 8)}${cardNo.slice(-4)}` : cardNo;
}

export const notAMember = () => new AppError('NOT_A_MEMBER', 404, '您还不是工会会员，入会后即可领取电子会员卡');

/** The logged-in member's card with a fresh token. Full name: the member is looking at their own card. */
export async function getMyCard(deps: AppDeps, actor: Actor, now = new Date()): Promise<MemberCard> {
  const m = await repo.findActiveCardOfUser(deps.database.db, actor.userId);
  if (!m) throw notAMember();
  const names = await ancestorNames(deps, [m.org_path]);
  const { token, expiresAt } = issueCardToken(deps, { memberId: m.id, orgId: m.org_id }, now);
  return {
    cardNo: m.card_no,
    name: m.name,
    orgName: m.org_name,
    orgPathNames: names.get(m.org_path) ?? [],
    joinedAt: String(m.joined_at),
    status: m.status as MemberStatus,
    token,
    expiresAt: expiresAt.toISOString(),
    refreshInSeconds: CARD_TOKEN.refreshInSeconds,
  };
}

type Outcome = 'valid' | 'malformed' | 'unknown_key' | 'bad_signature' | 'expired' | 'not_found' | 'inactive' | 'changed';
const REASONS: Record<Exclude<Outcome, 'valid' | 'inactive'>, string> = {
  malformed: '无法识别的会员码，请扫描会员卡上的二维码',
  unknown_key: '签名无效',
  bad_signature: '签名无效',
  expired: '二维码已过期，请让会员刷新',
  not_found: '会员记录不存在',
  changed: '会籍信息已变更，请让会员刷新二维码',
};

/**
 * Check a scanned code: signature, expiry, then the member's status *now* (a card shown after a
 * transfer or leaving is refused even within its 90 s).
 *
 * Not written to the audit chain: scans at venue gates are a hot path and reveal only masked data,
 * so each one is a single info log line `{ cardVerify: <outcome>, kid }` with no member id, name or
 * token, which log tooling can count per outcome.
 */
export async function verifyCard(
  deps: AppDeps,
  token: string,
  meta: RequestMeta,
  opts: { now?: Date; log?: { info(o: object, m: string): void } } = {},
): Promise<CardVerifyResult> {
  const r = await deps.limiter.hit(`cardverify:ip:${meta.ip ?? 'unknown'}`, CARD_LIMITS.verifyPerIp.limit, CARD_LIMITS.verifyPerIp.windowSeconds);
  if (!r.allowed) throw errors.rateLimited(r.retryAfterSeconds);
  const now = opts.now ?? new Date();
  const checkedAt = now.toISOString();
  const done = (outcome: Outcome, result: CardVerifyResult, kid: string | null = null): CardVerifyResult => {
    opts.log?.info({ cardVerify: outcome, kid }, 'member card verification');
    return result;
  };
  const refuse = (outcome: Exclude<Outcome, 'valid' | 'inactive'>, kid: string | null = null) =>
    done(outcome, { valid: false, reason: REASONS[outcome], status: null, checkedAt }, kid);

  const v = verifyToken(token.trim(), cardKeys(deps).keyring, { now });
  if (!v.ok) return refuse(v.reason);
  const claims = decodeCardClaims(v.body);
  if (!claims) return refuse('malformed', v.kid);
  const m = await repo.findMemberForVerify(deps.database.db, claims.memberId);
  if (!m) return refuse('not_found', v.kid);
  const label = MEMBER_STATUS_LABELS[m.status as MemberStatus] ?? m.status;
  if (m.status !== 'active') {
    return done('inactive', { valid: false, reason: `该会员${label}，会员卡已失效`, status: label, checkedAt }, v.kid);
  }
  if (m.org_id !== claims.orgId) return refuse('changed', v.kid);
  return done('valid', { valid: true, nameMasked: maskName(m.name), orgName: m.org_name, status: label, cardNoMasked: maskCardNo(m.card_no), checkedAt }, v.kid);
}
