import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@gonghui/contracts';
import type { Db } from '../../db/connect';
import type { Actor } from '../access/actor';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export async function createSession(
  trx: Db,
  userId: string,
  ttlHours: number,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  await trx
    .insertInto('sessions')
    .values({
      id: sessionIdOf(token),
      user_id: userId,
      csrf_token: csrfToken,
      expires_at: expiresAt,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: new Date() }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

export async function revokeUserSessions(db: Db, userId: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}

/** Resolve the actor behind a session cookie: one indexed read for the session, one for the roles. */
export async function loadActor(db: Db, token: string): Promise<Actor | null> {
  const id = sessionIdOf(token);
  const s = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id', 'sessions.csrf_token', 'sessions.last_seen_at', 'users.id as user_id', 'users.name', 'users.is_super_admin'])
    .where('sessions.id', '=', id)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', new Date())
    .executeTakeFirst();
  if (!s) return null;
  const roles = await db
    .selectFrom('role_assignments')
    .select(['id', 'org_id', 'org_path', 'role'])
    .where('user_id', '=', s.user_id)
    .execute();
  if (Date.now() - new Date(s.last_seen_at).getTime() > 5 * 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: new Date() }).where('id', '=', id).execute();
  }
  return {
    userId: s.user_id,
    name: s.name,
    isSuperAdmin: s.is_super_admin,
    roles: roles.map((r) => ({ assignmentId: r.id, orgId: r.org_id, orgPath: r.org_path, role: r.role as Role })),
    sessionId: s.id,
    csrfToken: s.csrf_token,
  };
}
