import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrgStats } from '@gonghui/contracts';
import { api } from '../../lib/api';

export const statsKeys = {
  stats: (id: string) => ['orgs', 'stats', id] as const,
};

export function useOrgStats(id: string | null | undefined) {
  return useQuery({
    queryKey: statsKeys.stats(id ?? ''),
    queryFn: () => api.get<OrgStats>(`/orgs/${encodeURIComponent(id!)}/stats`, { days: 90, top: 10 }),
    enabled: !!id,
  });
}

/** PATCH the node's own headcount; every ancestor's 入会率 changes, so all stats are refetched. */
export function useSetEmployees() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { orgId: string; employees: number }) =>
      api.patch<{ employees: number; employeesTotal: number }>(`/orgs/${encodeURIComponent(v.orgId)}/employees`, { employees: v.employees }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['orgs', 'stats'] }),
  });
}

/** 0.8123 → "81.2%"; null (nothing to divide by) → "—". */
export function fmtRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}
