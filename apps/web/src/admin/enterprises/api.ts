import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Enterprise, EnterpriseSummary, Page } from '@gonghui/contracts';
import { api } from '../../lib/api';

export type EnterpriseFilter = { orgId?: string | undefined; hasUnion?: boolean | undefined; mustUnionise?: boolean | undefined; q?: string | undefined };

/** Form values sent to the server; optional text is null when cleared. */
export type EnterpriseValues = {
  areaOrgId: string;
  name: string;
  uscc: string;
  headcount: number;
  industry?: string | null;
  address?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  unionOrgId?: string | null;
};

export const enterpriseKeys = {
  all: ['enterprises'] as const,
  list: (f: EnterpriseFilter) => ['enterprises', 'list', f.orgId ?? '', String(f.hasUnion ?? ''), String(f.mustUnionise ?? ''), f.q ?? ''] as const,
  summary: (orgId: string) => ['enterprises', 'summary', orgId] as const,
};

export function useEnterprises(f: EnterpriseFilter) {
  return useInfiniteQuery({
    queryKey: enterpriseKeys.list(f),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<Page<Enterprise>>('/enterprises', { orgId: f.orgId, hasUnion: f.hasUnion, mustUnionise: f.mustUnionise, q: f.q, cursor: pageParam, limit: 50 }),
    getNextPageParam: (last) => last.nextCursor,
    enabled: !!f.orgId,
  });
}

export function useEnterpriseSummary(orgId: string | undefined) {
  return useQuery({
    queryKey: enterpriseKeys.summary(orgId ?? ''),
    queryFn: () => api.get<EnterpriseSummary>('/enterprises/summary', { orgId }),
    enabled: !!orgId,
  });
}

/** Register changes move 建会率 everywhere above: refetch the register and all org statistics. */
function useInvalidate() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: enterpriseKeys.all }), qc.invalidateQueries({ queryKey: ['orgs', 'stats'] })]);
}

export function useSaveEnterprise() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id?: string | undefined; values: Partial<EnterpriseValues> }) =>
      v.id ? api.patch<Enterprise>(`/enterprises/${encodeURIComponent(v.id)}`, v.values) : api.post<Enterprise>('/enterprises', v.values),
    onSuccess: invalidate,
  });
}

export function useDeleteEnterprise() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/enterprises/${encodeURIComponent(id)}`),
    onSuccess: invalidate,
  });
}
