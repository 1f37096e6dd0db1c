import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CaseStats, CaseType } from '@gonghui/contracts';
import { api } from '../../../lib/api';

export type CaseStatsFilter = { orgId?: string; from?: string; to?: string; type?: CaseType };

export function useCaseStats(f: CaseStatsFilter) {
  return useQuery({
    queryKey: ['cases', 'stats', f.orgId ?? '', f.from ?? '', f.to ?? '', f.type ?? ''],
    queryFn: () => api.get<CaseStats>('/cases/stats', { orgId: f.orgId, from: f.from, to: f.to, type: f.type }),
    // switching org or period keeps the old figures on screen until the new ones arrive
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
