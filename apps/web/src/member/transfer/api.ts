import { useQuery } from '@tanstack/react-query';
import type { ApplicationDetail } from '@gonghui/contracts';
import { api } from '../../lib/api';

/** A union a member may move to (enterprise / industry / joint / community / park unions). */
export type TransferTarget = { orgId: string; orgName: string; orgPathNames: string[] };

export function useTransferTargets(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: ['join', 'orgs', query],
    queryFn: () => api.get<TransferTarget[]>('/join/orgs', { q: query }),
    enabled: query.length >= 2,
  });
}

/** 会籍转移: the new union is named by id (search) or by its join-link token (scan / paste). */
export type TransferBody = { memberId: string; reason: string; toOrgId?: string; token?: string };

export function submitTransfer(body: TransferBody) {
  return api.post<ApplicationDetail>('/transfers', body);
}
