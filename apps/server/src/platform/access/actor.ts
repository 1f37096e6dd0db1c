import type { Role } from '@gonghui/contracts';

export type ActorRole = { assignmentId: string; orgId: string; orgPath: string; role: Role };

/** Who is acting: resolved from the session on every request. */
export type Actor = {
  userId: string;
  name: string;
  isSuperAdmin: boolean;
  roles: ActorRole[];
  sessionId: string;
  csrfToken: string;
};
