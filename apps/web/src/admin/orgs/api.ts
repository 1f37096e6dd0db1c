import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { OrgDetail, OrgSearchHit, OrgSummary, Page } from '@gonghui/contracts';
import { api } from '../../lib/api';

export const orgKeys = {
  roots: ['orgs', 'roots'] as const,
  detail: (id: string) => ['orgs', 'detail', id] as const,
  search: (q: string) => ['orgs', 'search', q] as const,
};

export const CHILDREN_PAGE = 100;

export const fetchRoots = () => api.get<{ items: OrgSummary[] }>('/orgs/roots');
export const fetchOrg = (id: string) => api.get<OrgDetail>(`/orgs/${encodeURIComponent(id)}`);
export const fetchChildren = (id: string, cursor?: string | null) =>
  api.get<Page<OrgSummary>>(`/orgs/${encodeURIComponent(id)}/children`, { cursor, limit: CHILDREN_PAGE });
export const searchOrgs = (q: string, limit = 20) => api.get<{ items: OrgSearchHit[] }>('/orgs/search', { q, limit });

export function useOrgRoots() {
  return useQuery({ queryKey: orgKeys.roots, queryFn: fetchRoots, staleTime: 5 * 60_000 });
}

export function useOrg(id: string | null | undefined) {
  return useQuery({ queryKey: orgKeys.detail(id ?? ''), queryFn: () => fetchOrg(id!), enabled: !!id });
}

export function useOrgSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: orgKeys.search(term),
    queryFn: () => searchOrgs(term),
    enabled: term.length > 0,
    placeholderData: (prev) => prev,
  });
}

/** Children of one org as a paged list (the detail panel's table; the tree keeps its own state). */
export function useOrgChildren(id: string | null | undefined) {
  return useInfiniteQuery({
    queryKey: ['orgs', 'children', id ?? ''],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => fetchChildren(id!, pageParam),
    getNextPageParam: (last) => last.nextCursor,
    enabled: !!id,
  });
}
