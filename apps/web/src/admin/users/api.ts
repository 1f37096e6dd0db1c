import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Page, Role, RoleAssignment, UserListItem } from '@gonghui/contracts';
import { api } from '../../lib/api';

export type UserFilter = { orgId?: string; q?: string };

export const userKeys = {
  all: ['users'] as const,
  list: (f: UserFilter) => ['users', 'list', f.orgId ?? '', f.q ?? ''] as const,
};

export function useUsers(f: UserFilter) {
  return useInfiniteQuery({
    queryKey: userKeys.list(f),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api.get<Page<UserListItem>>('/users', { orgId: f.orgId, q: f.q, cursor: pageParam, limit: 50 }),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { name: string; phone: string; password?: string; role: Role; orgId: string }) => api.post<UserListItem>('/users', v),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useAssignRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { userId: string; orgId: string; role: Role }) => api.post<RoleAssignment>('/role-assignments', v),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useRevokeRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/role-assignments/${encodeURIComponent(id)}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}
