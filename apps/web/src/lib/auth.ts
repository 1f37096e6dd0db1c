import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '@gonghui/contracts';
import { api, isApiError } from './api';

export const ME_KEY = ['auth', 'me'] as const;

/** The signed-in user, or `null` when the server answers 401. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/auth/me');
  } catch (e) {
    if (isApiError(e, 'UNAUTHENTICATED') || (isApiError(e) && e.status === 401)) return null;
    throw e;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000 });
}

/** After a login call: put the returned `Me` in the cache so guards let the user through. */
export function useSetMe() {
  const qc = useQueryClient();
  return (me: Me) => {
    qc.setQueryData(ME_KEY, me);
  };
}

export function useLogout(onDone: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/auth/logout'),
    onSettled: () => {
      qc.clear();
      qc.setQueryData(ME_KEY, null);
      onDone();
    },
  });
}

/** Whether the user may use the cadre console at all. */
export function isCadre(me: Me): boolean {
  return me.isSuperAdmin || me.roles.length > 0;
}
