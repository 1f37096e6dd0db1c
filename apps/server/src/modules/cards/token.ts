/**
 * The body of a member-card token: a purpose byte, then member id and org id as 16 raw bytes each
 * (33 bytes), so the whole token stays about 150 characters and the QR code stays coarse enough for
 * cheap cameras. The purpose byte keeps a future token signed with the same key from passing as a card.
 */
const PURPOSE = 0x43; // 'C'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type CardClaims = { memberId: string; orgId: string };

function uuidBytes(id: string): Buffer {
  if (!UUID.test(id)) throw new Error('card token ids must be UUIDs');
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function uuidString(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function encodeCardClaims(c: CardClaims): Buffer {
  return Buffer.concat([Buffer.of(PURPOSE), uuidBytes(c.memberId), uuidBytes(c.orgId)]);
}

/** null when the body is not a card body (a token of this format issued for something else) */
export function decodeCardClaims(body: Buffer): CardClaims | null {
  if (body.length !== 33 || body[0] !== PURPOSE) return null;
  return { memberId: uuidString(body.subarray(1, 17)), orgId: uuidString(body.subarray(17, 33)) };
}
