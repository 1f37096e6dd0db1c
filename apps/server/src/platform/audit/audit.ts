import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/connect';

/** Advisory-lock key that serialises appends, so the chain never forks. */
const AUDIT_LOCK_KEY = 7_428_001;
export const GENESIS_HASH = '0'.repeat(64);

export type AuditEntry = {
  actorId: string | null;
  orgId?: string | null;
  orgPath?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown> | null;
};

type ChainFields = {
  seq: number;
  at: string;
  actor_id: string | null;
  org_id: string | null;
  org_path: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: unknown;
};

/** JSON with sorted keys, so the hash does not depend on how jsonb orders them. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

export function chainHash(prevHash: string, f: ChainFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(f)).digest('hex');
}

/**
 * Append one audit row inside the caller's transaction (so it commits or rolls back with the change).
 * Details must never contain raw PII: pass masked values.
 */
export async function recordAudit(trx: Db, entry: AuditEntry): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const fields: ChainFields = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    actor_id: entry.actorId,
    org_id: entry.orgId ?? null,
    org_path: entry.orgPath ?? null,
    action: entry.action,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId ?? null,
    ip: entry.ip ?? null,
    details: entry.details ?? null,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await trx
    .insertInto('audit_log')
    .values({
      ...fields,
      details: fields.details === null ? null : JSON.stringify(fields.details),
      prev_hash: prevHash,
      hash: chainHash(prevHash, fields),
    })
    .execute();
}

export type ChainStatus = { ok: boolean; checked: number; firstBrokenSeq: number | null };

/** Walk the whole chain in order, recomputing each hash from the row's own fields. */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<ChainStatus> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return { ok: true, checked, firstBrokenSeq: null };
    for (const r of rows) {
      const fields: ChainFields = {
        seq: Number(r.seq),
        at: new Date(r.at).toISOString(),
        actor_id: r.actor_id,
        org_id: r.org_id,
        org_path: r.org_path,
        action: r.action,
        target_type: r.target_type,
        target_id: r.target_id,
        ip: r.ip,
        details: r.details,
      };
      // a gap (deleted row), a wrong link or a changed field all break the chain here
      if (fields.seq !== expectedSeq || r.prev_hash !== prevHash || chainHash(prevHash, fields) !== r.hash) {
        return { ok: false, checked, firstBrokenSeq: fields.seq === expectedSeq ? fields.seq : expectedSeq };
      }
      prevHash = r.hash;
      expectedSeq++;
      checked++;
    }
  }
}
