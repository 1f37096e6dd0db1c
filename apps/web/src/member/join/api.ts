import { useQuery } from '@tanstack/react-query';
import type { ApplicationDetail, JoinTarget, RealName } from '@gonghui/contracts';
import { api } from '../../lib/api';

/** What a scanned join code points at (public: shown before login). 404 JOIN_LINK_INVALID when revoked. */
export function useJoinTarget(token: string) {
  return useQuery({
    queryKey: ['join', 'target', token],
    queryFn: () => api.get<JoinTarget>(`/join/${encodeURIComponent(token)}`),
    enabled: token.length > 0,
    staleTime: 5 * 60_000,
  });
}

export type JoinApplicationBody = RealName & { token: string; orgId?: string; consent: true };

export function submitJoinApplication(body: JoinApplicationBody) {
  return api.post<ApplicationDetail>('/join-applications', body);
}
