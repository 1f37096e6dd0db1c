import { useQuery } from '@tanstack/react-query';
import type { MemberProfile } from '@gonghui/contracts';
import { api } from '../lib/api';

export function useProfile() {
  return useQuery({ queryKey: ['me', 'profile'], queryFn: () => api.get<MemberProfile>('/me/profile') });
}
