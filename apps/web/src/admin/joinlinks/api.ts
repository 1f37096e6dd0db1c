import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { JoinLink } from '@gonghui/contracts';
import { api } from '../../lib/api';

const enc = encodeURIComponent;
export const joinLinkKeys = { org: (orgId: string) => ['join-links', orgId] as const };

export function useJoinLinks(orgId: string) {
  return useQuery({ queryKey: joinLinkKeys.org(orgId), queryFn: () => api.get<JoinLink[]>(`/orgs/${enc(orgId)}/join-links`) });
}

/** Generates a new code; the server revokes the previous active one (= 重新生成). */
export function useGenerateJoinLink(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<JoinLink>(`/orgs/${enc(orgId)}/join-links`),
    onSuccess: () => qc.invalidateQueries({ queryKey: joinLinkKeys.org(orgId) }),
  });
}

export function useRevokeJoinLink(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<JoinLink>(`/join-links/${enc(id)}/revoke`),
    onSuccess: () => qc.invalidateQueries({ queryKey: joinLinkKeys.org(orgId) }),
  });
}
