import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApplicationDetail, ApplicationItem, ApplicationKind, Page } from '@gonghui/contracts';
import { api } from '../../lib/api';

export type Box = 'todo' | 'escalated' | 'done';
export type ApplicationFilters = { box: Box; kind?: ApplicationKind };

export const applicationKeys = {
  all: ['applications'] as const,
  list: (f: ApplicationFilters) => ['applications', 'list', f] as const,
  detail: (id: string) => ['applications', 'detail', id] as const,
  pending: ['applications', 'pending-count'] as const,
};

const enc = encodeURIComponent;

export function useApplications(f: ApplicationFilters) {
  return useInfiniteQuery({
    queryKey: applicationKeys.list(f),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api.get<Page<ApplicationItem>>('/applications', { ...f, cursor: pageParam, limit: 50 }),
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useApplication(id: string | null) {
  return useQuery({
    queryKey: applicationKeys.detail(id ?? ''),
    queryFn: () => api.get<ApplicationDetail>(`/applications/${enc(id!)}`),
    enabled: !!id,
  });
}

export const PENDING_PAGE = 100;

/**
 * The menu badge: the API has no count endpoint, so one page of the todo box is counted;
 * a full page with more behind it shows as "99+".
 */
export function usePendingCount(enabled: boolean) {
  return useQuery({
    queryKey: applicationKeys.pending,
    queryFn: async () => {
      const p = await api.get<Page<ApplicationItem>>('/applications', { box: 'todo', limit: PENDING_PAGE });
      return p.nextCursor ? PENDING_PAGE : p.items.length;
    },
    enabled,
    staleTime: 60_000,
    refetchInterval: 120_000,
    retry: false,
  });
}

export type Decision = { decision: 'approve' | 'reject' | 'return'; reason?: string };

export function useDecide(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: Decision) => api.post<ApplicationDetail>(`/applications/${enc(id)}/decision`, v),
    onSuccess: (a) => {
      qc.setQueryData(applicationKeys.detail(id), a);
      void qc.invalidateQueries({ queryKey: ['applications', 'list'] });
      void qc.invalidateQueries({ queryKey: applicationKeys.pending });
      // an approved join creates a member record
      void qc.invalidateQueries({ queryKey: ['members'] });
    },
  });
}
