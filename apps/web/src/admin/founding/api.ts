import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CongressInput, FoundingDetail, FoundingListItem, Page } from '@gonghui/contracts';
import { api } from '../../lib/api';

export type FoundingBox = 'pending' | 'congress' | 'done' | 'closed' | 'all';

export const foundingKeys = {
  all: ['founding'] as const,
  list: (box: FoundingBox, orgId?: string) => ['founding', 'list', box, orgId ?? ''] as const,
  detail: (id: string) => ['founding', 'detail', id] as const,
};

export function useFoundingList(box: FoundingBox, orgId?: string) {
  return useInfiniteQuery({
    queryKey: foundingKeys.list(box, orgId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api.get<Page<FoundingListItem>>('/founding', { box, orgId, cursor: pageParam, limit: 30 }),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useFounding(id: string | undefined) {
  return useQuery({ queryKey: foundingKeys.detail(id ?? ''), queryFn: () => api.get<FoundingDetail>(`/founding/${encodeURIComponent(id!)}`), enabled: !!id });
}

/** A decision changes the inbox, the org tree (a new union) and the statistics. */
function useAfterChange() {
  const qc = useQueryClient();
  return (d: FoundingDetail) => {
    qc.setQueryData(foundingKeys.detail(d.id), d);
    void qc.invalidateQueries({ queryKey: ['founding', 'list'] });
    void qc.invalidateQueries({ queryKey: ['orgs'] });
    void qc.invalidateQueries({ queryKey: ['enterprises'] });
    void qc.invalidateQueries({ queryKey: ['applications'] });
  };
}

export function useDecideFounding(id: string) {
  const after = useAfterChange();
  return useMutation({
    mutationFn: (v: { decision: 'approve' | 'reject' | 'return'; reason?: string }) => api.post<FoundingDetail>(`/founding/${encodeURIComponent(id)}/decision`, v),
    onSuccess: after,
  });
}

export function useRecordCongress(id: string) {
  const after = useAfterChange();
  return useMutation({
    mutationFn: (v: CongressInput) => api.post<FoundingDetail>(`/founding/${encodeURIComponent(id)}/congress`, v),
    onSuccess: after,
  });
}
