import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import {
  type CaseActionInput,
  type CaseAttachment,
  type CaseDetail,
  type CaseIntakeTarget,
  type CaseItem,
  type CaseMeta,
  type PublicCase,
  type CaseSubmitInput,
  type Page,
} from '@gonghui/contracts';
import { api } from '../../lib/api';

/** Shapes of the case API (packages/contracts): one definition for server and pages. */
export type { CaseMeta, PublicCase } from '@gonghui/contracts';
export type CaseTypeMeta = CaseMeta['types'][number];
export type IntakeTarget = CaseIntakeTarget;
export type CaseFile = CaseAttachment;

export const caseKeys = {
  meta: ['case-meta'] as const,
  mine: ['me', 'cases'] as const,
  mineList: ['me', 'cases', 'list'] as const,
  one: (id: string) => ['me', 'cases', 'one', id] as const,
  square: ['public-cases'] as const,
  intake: (token: string) => ['case-intake', token] as const,
};

const PAGE_SIZE = 20;

export function useCaseMeta() {
  return useQuery({ queryKey: caseKeys.meta, queryFn: () => api.get<CaseMeta>('/case-meta'), staleTime: 5 * 60_000 });
}

export function useMyCases(enabled = true) {
  return useInfiniteQuery({
    queryKey: caseKeys.mineList,
    queryFn: ({ pageParam }) => api.get<Page<CaseItem>>('/me/cases', { cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useMyCase(id: string) {
  return useQuery({ queryKey: caseKeys.one(id), queryFn: () => api.get<CaseDetail>(`/me/cases/${encodeURIComponent(id)}`), enabled: !!id });
}

/** After a submission or an action: the detail is what the server said, the lists refetch. */
function useCaseSaved() {
  const qc = useQueryClient();
  return (c: CaseDetail) => {
    qc.setQueryData(caseKeys.one(c.id), c);
    void qc.invalidateQueries({ queryKey: caseKeys.mineList });
    void qc.invalidateQueries({ queryKey: caseKeys.square });
  };
}

export function useSubmitCase(intakeToken?: string) {
  const saved = useCaseSaved();
  return useMutation({
    mutationFn: (body: CaseSubmitInput) =>
      intakeToken ? api.post<CaseDetail>(`/case-intake/${encodeURIComponent(intakeToken)}/cases`, body) : api.post<CaseDetail>('/me/cases', body),
    onSuccess: saved,
  });
}

/** The member's own actions: 评价 / 重新办理 / 撤回. */
export type MemberCaseAction = Extract<CaseActionInput, { action: 'rate' | 'reopen' | 'withdraw' }>;

export function useCaseAction(id: string) {
  const saved = useCaseSaved();
  return useMutation({
    mutationFn: (body: MemberCaseAction) => api.post<CaseDetail>(`/me/cases/${encodeURIComponent(id)}/actions`, body),
    onSuccess: saved,
  });
}

export function usePublicCases() {
  return useInfiniteQuery({
    queryKey: caseKeys.square,
    queryFn: ({ pageParam }) => api.get<Page<PublicCase>>('/public-cases', { cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** 点赞 / 取消: the heart flips at once; the server's count replaces the guess. */
export function useLike() {
  const qc = useQueryClient();
  const patch = (id: string, f: (c: PublicCase) => PublicCase) =>
    qc.setQueryData<InfiniteData<Page<PublicCase>>>(caseKeys.square, (d) =>
      d && { ...d, pages: d.pages.map((p) => ({ ...p, items: p.items.map((c) => (c.id === id ? f(c) : c)) })) },
    );
  return useMutation({
    mutationFn: ({ id, like }: { id: string; like: boolean }) =>
      like
        ? api.post<{ likes: number; liked: boolean }>(`/public-cases/${encodeURIComponent(id)}/like`)
        : api.delete<{ likes: number; liked: boolean }>(`/public-cases/${encodeURIComponent(id)}/like`),
    onMutate: ({ id, like }) => patch(id, (c) => (c.liked === like ? c : { ...c, liked: like, likes: Math.max(0, c.likes + (like ? 1 : -1)) })),
    onSuccess: (r, { id }) => patch(id, (c) => ({ ...c, liked: r.liked, likes: r.likes })),
    onError: (_e, { id, like }) => patch(id, (c) => (c.liked === like ? { ...c, liked: !like, likes: Math.max(0, c.likes + (like ? -1 : 1)) } : c)),
  });
}

export function useIntakeTarget(token: string) {
  return useQuery({
    queryKey: caseKeys.intake(token),
    queryFn: () => api.get<IntakeTarget>(`/case-intake/${encodeURIComponent(token)}`),
    enabled: token.length > 0,
    staleTime: 5 * 60_000,
  });
}

export const caseFileUrl = (id: string) => `/api/case-files/${encodeURIComponent(id)}`;

/** POST /api/case-files (multipart `file`), with the CSRF header every mutation carries. */
export function uploadCaseFile(file: File): Promise<CaseFile> {
  return api.upload<CaseFile>('/case-files', file);
}
