import { useQuery } from '@tanstack/react-query';
import type { MemberCard } from '@gonghui/contracts';
import { api } from '../../lib/api';

/**
 * The member's card. Never cached as fresh: every mount and every return to the page fetches a new
 * token, and the page refetches when the countdown (refreshInSeconds) runs out.
 */
export function useMemberCard() {
  return useQuery({
    queryKey: ['me', 'card'],
    queryFn: () => api.get<MemberCard>('/me/card'),
    staleTime: 0,
    gcTime: 0,
    refetchOnWindowFocus: 'always',
    refetchOnReconnect: 'always',
  });
}
