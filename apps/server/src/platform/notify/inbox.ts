import { ROLES } from '@gonghui/contracts';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/connect';
import { roleGrants, type Permission } from '../access/permissions';
import type { PiiCipher } from '../crypto/pii';
import type { SmsProvider } from './sms';

/**
 * Tell a person something: an in-app message (站内信) always, and an SMS through the provider
 * when asked. Runs inside the caller's transaction, so a rolled-back decision sends nothing.
 */
export type Notice = {
  userId: string;
  kind: string; // e.g. join_approved, application_reminder
  title: string;
  body: string;
  link?: string | null;
  /** also send an SMS (template + params); the phone is read from the user's account */
  sms?: { template: string; params: Record<string, string> };
  /** the recipient's phone (encrypted), when the caller already read it: saves a lookup */
  phoneEnc?: string;
};

export async function notify(trx: Db, deps: { cipher: PiiCipher; sms: SmsProvider }, notice: Notice): Promise<void> {
  await trx
    .insertInto('notifications')
    .values({ id: uuidv7(), user_id: notice.userId, kind: notice.kind, title: notice.title, body: notice.body, link: notice.link ?? null })
    .execute();
  if (notice.sms) {
    const user = notice.phoneEnc ? { phone_enc: notice.phoneEnc } : await trx.selectFrom('users').select('phone_enc').where('id', '=', notice.userId).executeTakeFirst();
    if (user) await deps.sms.send(trx, { phone: deps.cipher.decrypt(user.phone_enc), template: notice.sms.template, params: notice.sms.params });
  }
}

/** Everyone holding `permission` through a post at exactly this org (the roles come from the permission table). */
export async function reviewersAt(trx: Db, orgId: string, permission: Permission = 'application.review'): Promise<string[]> {
  const roles = ROLES.filter((r) => roleGrants(r, permission));
  const rows = await trx.selectFrom('role_assignments').select('user_id').distinct().where('org_id', '=', orgId).where('role', 'in', roles).execute();
  return rows.map((r) => r.user_id);
}
