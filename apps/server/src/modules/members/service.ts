import type { MemberProfile } from '@gonghui/contracts';
import type { Actor } from '../../platform/access/actor';
import type { AppDeps } from '../../platform/http/context';
import { ancestorNames } from '../orgs/service';

/** A member's own record, masked: the member app never needs the full 身份证号 back. */
export async function getMyProfile(deps: AppDeps, actor: Actor): Promise<MemberProfile> {
  const { db } = deps.database;
  const user = await db.selectFrom('users').select(['id', 'name', 'phone_masked']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('members')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .select(['members.id', 'members.org_id', 'orgs.name as org_name', 'orgs.path', 'members.status', 'members.id_no_masked', 'members.gender', 'members.birth_date', 'members.joined_at'])
    .where('members.user_id', '=', actor.userId)
    .orderBy('members.joined_at', 'desc')
    .execute();
  const names = await ancestorNames(deps, rows.map((r) => r.path));
  return {
    user: { id: user.id, name: user.name, phoneMasked: user.phone_masked },
    memberships: rows.map((r) => ({
      id: r.id,
      orgId: r.org_id,
      orgName: r.org_name,
      orgPathNames: names.get(r.path) ?? [],
      status: r.status,
      idNumberMasked: r.id_no_masked,
      gender: r.gender,
      birthDate: String(r.birth_date),
      joinedAt: String(r.joined_at),
    })),
  };
}
