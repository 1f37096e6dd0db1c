import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/connect';
import { maskPhone, type PiiCipher } from '../crypto/pii';
import { hashPassword } from './password';

/** User accounts (login identities). Phone is PII: encrypted, found by blind index, shown masked. */
export async function findUserByPhone(db: Db, cipher: PiiCipher, phone: string) {
  return db.selectFrom('users').selectAll().where('phone_hash', '=', cipher.blindIndex('phone', phone)).executeTakeFirst();
}

export async function insertUser(
  trx: Db,
  cipher: PiiCipher,
  u: { name: string; phone: string; password?: string | undefined },
): Promise<{ id: string }> {
  const id = uuidv7();
  await trx
    .insertInto('users')
    .values({
      id,
      name: u.name,
      phone_enc: cipher.encrypt(u.phone),
      phone_hash: cipher.blindIndex('phone', u.phone),
      phone_masked: maskPhone(u.phone),
      password_hash: u.password ? await hashPassword(u.password) : null,
      locked_until: null,
    })
    .execute();
  return { id };
}

/** Password rule for cadre accounts: 8–64 chars with letters and digits. */
export function passwordProblem(pw: string): string | null {
  if (pw.length < 8 || pw.length > 64) return '密码长度需为 8–64 位';
  if (!/[A-Za-z]/.test(pw) || !/\d/.test(pw)) return '密码需同时包含字母和数字';
  return null;
}
