import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MemberDetail, MemberListItem, MemberPii, MemberStatus, Page, RealNameInput } from '@gonghui/contracts';
import { api } from '../../lib/api';

/** The roster filters as the page holds them; the same object drives the list and the Excel export. */
export type MemberFilters = {
  orgId?: string;
  status?: MemberStatus;
  occupation?: string;
  employmentForm?: string;
  joinedFrom?: string;
  joinedTo?: string;
  q?: string;
};

export const memberKeys = {
  all: ['members'] as const,
  list: (f: MemberFilters) => ['members', 'list', f] as const,
  detail: (id: string) => ['members', 'detail', id] as const,
};

const enc = encodeURIComponent;

export function useMembers(f: MemberFilters) {
  return useInfiniteQuery({
    queryKey: memberKeys.list(f),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api.get<Page<MemberListItem>>('/members', { ...f, cursor: pageParam, limit: 50 }),
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useMember(id: string) {
  return useQuery({ queryKey: memberKeys.detail(id), queryFn: () => api.get<MemberDetail>(`/members/${enc(id)}`) });
}

export type CreateMemberInput = RealNameInput & { orgId: string; joinedAt?: string };
export type UpdateMemberInput = Partial<Omit<RealNameInput, 'idNumber'>>;

export function useCreateMember() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: CreateMemberInput) => api.post<MemberDetail>('/members', v),
    onSuccess: (m) => {
      qc.setQueryData(memberKeys.detail(m.id), m);
      void qc.invalidateQueries({ queryKey: ['members', 'list'] });
    },
  });
}

function useMemberCommand<V>(id: string, call: (v: V) => Promise<MemberDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (m) => {
      qc.setQueryData(memberKeys.detail(id), m);
      void qc.invalidateQueries({ queryKey: ['members', 'list'] });
    },
  });
}

export function useUpdateMember(id: string) {
  return useMemberCommand(id, (v: UpdateMemberInput) => api.patch<MemberDetail>(`/members/${enc(id)}`, v));
}

export type StatusChange = { status: 'retired' | 'left' | 'deceased' | 'active'; reason: string; date?: string };

export function useChangeStatus(id: string) {
  return useMemberCommand(id, (v: StatusChange) => api.post<MemberDetail>(`/members/${enc(id)}/status`, v));
}

/** Full 身份证号 / phone / address. Never cached: each view is a new, audited request. */
export function useRevealMember(id: string) {
  return useMutation({ mutationFn: () => api.post<MemberPii>(`/members/${enc(id)}/reveal`) });
}
