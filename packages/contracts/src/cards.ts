import { z } from 'zod';
import { memberStatusSchema } from './members';

/**
 * Electronic member card (电子会员卡, DOMAIN §4.1): the member shows a rotating QR code; a venue or
 * merchant scans it with any phone camera, which opens the public verify page.
 */

/** GET /api/me/card: the member's own card, with a fresh token (full name: it is their own). */
export const memberCardSchema = z.object({
  cardNo: z.string(),
  name: z.string(),
  orgName: z.string(),
  orgPathNames: z.array(z.string()),
  joinedAt: z.string(),
  status: memberStatusSchema,
  /** the QR content is `${origin}/verify#${token}` (see cardVerifyUrl) */
  token: z.string(),
  expiresAt: z.string(),
  /** fetch a new token after this many seconds; the token stays valid a little longer */
  refreshInSeconds: z.number().int().positive(),
});
export type MemberCard = z.infer<typeof memberCardSchema>;

/** POST /api/cards/verify (public). Length is checked by the server's token rules, not here. */
export const cardVerifyInputSchema = z.object({ token: z.string().max(4096) });
export type CardVerifyInput = z.infer<typeof cardVerifyInputSchema>;

/** What a verifier learns: only masked identity and membership state, never 身份证号 or phone. */
export const cardVerifyResultSchema = z.discriminatedUnion('valid', [
  z.object({
    valid: z.literal(true),
    nameMasked: z.string(),
    orgName: z.string(),
    /** MEMBER_STATUS_LABELS.active: 在籍 */
    status: z.string(),
    cardNoMasked: z.string(),
    checkedAt: z.string(),
  }),
  z.object({
    valid: z.literal(false),
    /** Chinese, shown as is */
    reason: z.string(),
    /** the membership status label when that is the reason (已转出, 已退会 …) */
    status: z.string().nullable(),
    checkedAt: z.string(),
  }),
]);
export type CardVerifyResult = z.infer<typeof cardVerifyResultSchema>;

export const CARD_VERIFY_PATH = '/verify';

/** The absolute URL a member QR code encodes; the token rides in the hash so it never reaches server logs. */
export function cardVerifyUrl(origin: string, token: string): string {
  return `${origin}${CARD_VERIFY_PATH}#${token}`;
}

/** The token inside whatever was scanned or pasted: a verify URL, or the bare token. */
export function extractCardToken(text: string): string | null {
  const s = text.trim();
  const hash = s.indexOf('#');
  const candidate = hash >= 0 ? s.slice(hash + 1) : s;
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(candidate) ? candidate : null;
}
