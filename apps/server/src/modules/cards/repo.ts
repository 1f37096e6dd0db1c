import type { Db } from '../../db/connect';

/** The member's own active membership, newest first (one indexed lookup by user_id). */
export async function findActiveCardOfUser(db: Db, userId: string) {
  return db
    .selectFrom('members')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .select(['members.id', 'members.org_id', 'members.name', 'members.card_no', 'members.status', 'members.joined_at', 'orgs.name as org_name', 'orgs.path as org_path'])
    .where('members.user_id', '=', userId)
    .where('members.status', '=', 'active')
    .orderBy('members.joined_at', 'desc')
    .orderBy('members.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** What a verification needs to know about the member now (primary-key lookup; no PII columns read). */
export async function findMemberForVerify(db: Db, memberId: string) {
  return db
    .selectFrom('members')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .select(['members.org_id', 'members.name', 'members.card_no', 'members.status', 'orgs.name as org_name'])
    .where('members.id', '=', memberId)
    .executeTakeFirst();
}
