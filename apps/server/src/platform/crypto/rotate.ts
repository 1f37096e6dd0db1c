import { sql } from 'kysely';
import type { Db } from '../../db/connect';
import type { PiiCipher } from './pii';

/**
 * Key rotation: every encrypted PII column, re-encrypted with the active key. Rows written with an
 * older key id are found by their prefix, re-encrypted in batches and updated by primary key, so
 * the command can be stopped and run again at any time (it only ever touches stale rows).
 */
export const ENCRYPTED_COLUMNS: Array<{ table: string; key: string[]; columns: string[] }> = [
  { table: 'users', key: ['id'], columns: ['phone_enc'] },
  { table: 'members', key: ['id'], columns: ['id_no_enc', 'phone_enc', 'address_enc'] },
  { table: 'applications', key: ['id'], columns: ['id_no_enc', 'phone_enc', 'address_enc'] },
  { table: 'enterprises', key: ['id'], columns: ['contact_phone_enc'] },
  { table: 'sms_outbox', key: ['id'], columns: ['phone_enc'] },
  { table: 'roster_import_issues', key: ['import_id', 'row_no'], columns: ['cells_enc'] },
];

export type RotationProgress = { table: string; column: string; rewritten: number };

export async function rotatePiiKeys(
  db: Db, cipher: PiiCipher, activeKeyId: string, opts: { batchSize?: number; onProgress?: (p: RotationProgress) => void } = {},
): Promise<number> {
  const batch = opts.batchSize ?? 2000;
  const activePrefix = `${activeKeyId}:%`;
  let total = 0;
  for (const t of ENCRYPTED_COLUMNS) {
    const exists = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = ${t.table}`.execute(db);
    if (exists.rows[0]!.n === 0) continue;
    for (const column of t.columns) {
      let rewritten = 0;
      for (;;) {
        const keyCols = sql.join(t.key.map((k) => sql.ref(k)));
        const rows = await sql<Record<string, string>>`
          SELECT ${keyCols}, ${sql.ref(column)} AS value FROM ${sql.table(t.table)}
           WHERE ${sql.ref(column)} IS NOT NULL AND ${sql.ref(column)} NOT LIKE ${activePrefix}
           LIMIT ${batch}`.execute(db);
        if (rows.rows.length === 0) break;
        await db.transaction().execute(async (trx) => {
          for (const row of rows.rows) {
            const fresh = cipher.encrypt(cipher.decrypt(row.value!));
            const where = sql.join(t.key.map((k) => sql`${sql.ref(k)} = ${row[k]}`), sql` AND `);
            await sql`UPDATE ${sql.table(t.table)} SET ${sql.ref(column)} = ${fresh} WHERE ${where}`.execute(trx);
          }
        });
        rewritten += rows.rows.length;
        opts.onProgress?.({ table: t.table, column, rewritten });
      }
      total += rewritten;
    }
  }
  return total;
}
