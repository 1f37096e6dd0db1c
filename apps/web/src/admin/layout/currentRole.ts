import { createContext, useContext } from 'react';
import type { RoleAssignment } from '@gonghui/contracts';

export const CURRENT_ROLE_STORAGE = 'gh.admin.currentRole';

/** The role (and so the org) the cadre is currently acting as; null for a super admin without roles. */
export const CurrentRoleContext = createContext<RoleAssignment | null>(null);

export function useCurrentRole(): RoleAssignment | null {
  return useContext(CurrentRoleContext);
}
