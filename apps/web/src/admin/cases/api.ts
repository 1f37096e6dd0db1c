import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type CaseActionInput,
  type CaseBox,
  type CaseDetail,
  type CaseFileOnBehalfInput,
  type CaseItem,
  type CaseStatus,
  type CaseType,
  type CaseAttachment,
  type CaseCategory,
  type CaseIntakeLink,
  type CaseMeta,
  type CaseRoutingRule,
  type CaseTeam,
  type CaseTypeSetting,
  type Page,
} from '@gonghui/contracts';
import { api } from '../../lib/api';

// the shapes of the case API come from packages/contracts
export type { CaseAttachment, CaseCategory, CaseIntakeLink, CaseMeta, CaseRoutingRule, CaseTeam, CaseTypeSetting } from '@gonghui/contracts';
export type CaseCounts = Record<Exclude<CaseBox, 'all' | 'filed'>, number>;
export type CaseFilters = { box: CaseBox; orgId?: string; type?: CaseType; status?: CaseStatus; q?: string };
export type Assignee = { userId: string; name: string; teamId: string | null; teamName: string | null; openCases: number; onDuty: boolean; partner: boolean };

const enc = encodeURIComponent;

export const caseKeys = {
  all: ['cases'] as const,
  list: (f: CaseFilters) => ['cases', 'list', f] as const,
  counts: (orgId?: string) => ['cases', 'counts', orgId ?? ''] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  assignees: (id: string) => ['cases', 'assignees', id] as const,
  merge: (id: string, q: string) => ['cases', 'merge', id, q] as const,
  meta: ['case-meta'] as const,
  settings: ['case-settings'] as const,
};

/** A submission/payment key, made once per form so a double click or a retry is the same request. */
export function newClientKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID().replace(/-/g, '');
  // randomUUID needs a secure context; getRandomValues does not (plain-http intranet deployments)
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Integer fen → "1,234.50" (never through floating arithmetic beyond the final division). */
export function fmtYuan(fen: number): string {
  const neg = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100).toLocaleString('zh-CN');
  return `${neg ? '-' : ''}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;
const CHINA_MS = 8 * 3_600_000;

/**
 * SLA deadlines fall at 00:00 China time of the day after the last working day; people read that
 * as "by the end of <last day>", so a midnight deadline is shown as that day's 24:00.
 */
export function fmtDeadline(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = new Date(iso).getTime() + CHINA_MS;
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  if (ms % DAY_MS === 0) {
    const prev = new Date(ms - DAY_MS);
    return `${prev.getUTCFullYear()}-${p2(prev.getUTCMonth() + 1)}-${p2(prev.getUTCDate())} 24:00`;
  }
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
}

/** The last day a deadline allows (a midnight deadline belongs to the day before). */
export function fmtDeadlineDay(iso: string | null | undefined): string {
  return fmtDeadline(iso).slice(0, 10);
}

/** 元 as typed (number with ≤ 2 decimals) → integer fen. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

export function useCaseMeta() {
  return useQuery({ queryKey: caseKeys.meta, queryFn: () => api.get<CaseMeta>('/case-meta'), staleTime: 5 * 60_000 });
}

export function useCases(f: CaseFilters) {
  return useInfiniteQuery({
    queryKey: caseKeys.list(f),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api.get<Page<CaseItem>>('/cases', { ...f, cursor: pageParam, limit: 30 }),
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useCaseCounts(orgId?: string) {
  return useQuery({
    queryKey: caseKeys.counts(orgId),
    queryFn: () => api.get<CaseCounts>('/cases/counts', { orgId }),
    refetchInterval: 120_000,
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: string | undefined) {
  return useQuery({ queryKey: caseKeys.detail(id ?? ''), queryFn: () => api.get<CaseDetail>(`/cases/${enc(id!)}`), enabled: !!id });
}

/** Any change to a case moves it between queues and changes the counts. */
function useAfterCaseChange() {
  const qc = useQueryClient();
  return (d: CaseDetail) => {
    qc.setQueryData(caseKeys.detail(d.id), d);
    void qc.invalidateQueries({ queryKey: ['cases', 'list'] });
    void qc.invalidateQueries({ queryKey: ['cases', 'counts'] });
    void qc.invalidateQueries({ queryKey: ['cases', 'assignees'] });
  };
}

export function useCaseAction(id: string) {
  const after = useAfterCaseChange();
  return useMutation({
    mutationFn: (v: CaseActionInput) => api.post<CaseDetail>(`/cases/${enc(id)}/actions`, v),
    onSuccess: after,
  });
}

export function useFollowup(id: string) {
  const after = useAfterCaseChange();
  return useMutation({
    mutationFn: (v: { result: string; satisfied: boolean }) => api.post<CaseDetail>(`/case-followups/${enc(id)}`, v),
    onSuccess: after,
  });
}

export function useFileCase() {
  const after = useAfterCaseChange();
  return useMutation({
    mutationFn: (v: CaseFileOnBehalfInput) => api.post<CaseDetail>('/cases', v),
    onSuccess: after,
  });
}

export function useRevealContact(id: string) {
  return useMutation({ mutationFn: () => api.post<{ name: string; phone: string }>(`/cases/${enc(id)}/contact`) });
}

export function useAssignees(id: string, enabled: boolean) {
  return useQuery({ queryKey: caseKeys.assignees(id), queryFn: () => api.get<Assignee[]>(`/cases/${enc(id)}/assignees`), enabled, staleTime: 0 });
}

export function useMergeCandidates(id: string, q: string, enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.merge(id, q),
    queryFn: () => api.get<CaseItem[]>(`/cases/${enc(id)}/merge-candidates`, { q }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export const caseFileUrl = (id: string) => `/api/case-files/${enc(id)}`;

export const CASE_FILE_MAX_BYTES = 10 * 1024 * 1024;
export const CASE_FILE_TYPES = ['image/jpeg', 'image/png', 'application/pdf'];

/** POST /api/case-files (multipart `file`); the server checks the type by content, this only by name/mime. */
export function uploadCaseFile(file: File): Promise<CaseAttachment> {
  return api.upload<CaseAttachment>('/case-files', file);
}

// ---------------------------------------------------------------------------------------------
// Settings (工单设置)

function useInvalidate(...keys: (readonly unknown[])[]) {
  const qc = useQueryClient();
  return () => {
    for (const k of keys) void qc.invalidateQueries({ queryKey: k });
  };
}

export function useTypeSettings() {
  return useQuery({ queryKey: [...caseKeys.settings, 'types'], queryFn: () => api.get<CaseTypeSetting[]>('/case-settings/types'), retry: false });
}

export function useSaveTypeSetting() {
  const done = useInvalidate([...caseKeys.settings, 'types'], caseKeys.meta);
  return useMutation({
    mutationFn: ({ type, ...v }: CaseTypeSetting) => api.put<CaseTypeSetting>(`/case-settings/types/${enc(type)}`, v),
    onSuccess: done,
  });
}

export function useCategories(type: CaseType) {
  return useQuery({
    queryKey: [...caseKeys.settings, 'categories', type],
    queryFn: () => api.get<CaseCategory[]>('/case-settings/categories', { type }),
    retry: false,
  });
}

export function useCreateCategory() {
  const done = useInvalidate([...caseKeys.settings, 'categories'], caseKeys.meta);
  return useMutation({ mutationFn: (v: { type: CaseType; name: string; sort?: number; enabled?: boolean }) => api.post<CaseCategory>('/case-settings/categories', v), onSuccess: done });
}

export function useUpdateCategory() {
  const done = useInvalidate([...caseKeys.settings, 'categories'], caseKeys.meta);
  return useMutation({
    mutationFn: ({ id, ...v }: { id: string; name?: string; sort?: number; enabled?: boolean }) => api.patch<CaseCategory>(`/case-settings/categories/${enc(id)}`, v),
    onSuccess: done,
  });
}

const teamsKey = (orgId?: string) => [...caseKeys.settings, 'teams', orgId ?? ''] as const;

export function useTeams(orgId: string | undefined) {
  return useQuery({ queryKey: teamsKey(orgId), queryFn: () => api.get<CaseTeam[]>('/case-teams', { orgId }), enabled: !!orgId, retry: false });
}

export function useTeamMutations() {
  const done = useInvalidate([...caseKeys.settings, 'teams'], ['cases', 'assignees']);
  return {
    create: useMutation({ mutationFn: (v: { orgId: string; name: string; skill: CaseTeam['skill'] }) => api.post<CaseTeam>('/case-teams', v), onSuccess: done }),
    remove: useMutation({ mutationFn: (id: string) => api.delete<unknown>(`/case-teams/${enc(id)}`), onSuccess: done }),
    addMember: useMutation({
      mutationFn: ({ teamId, ...v }: { teamId: string; userId: string; onDuty: boolean; isLeader: boolean }) => api.post<unknown>(`/case-teams/${enc(teamId)}/members`, v),
      onSuccess: done,
    }),
    updateMember: useMutation({
      mutationFn: ({ teamId, userId, ...v }: { teamId: string; userId: string; onDuty?: boolean; isLeader?: boolean }) =>
        api.patch<unknown>(`/case-teams/${enc(teamId)}/members/${enc(userId)}`, v),
      onSuccess: done,
    }),
    removeMember: useMutation({
      mutationFn: ({ teamId, userId }: { teamId: string; userId: string }) => api.delete<unknown>(`/case-teams/${enc(teamId)}/members/${enc(userId)}`),
      onSuccess: done,
    }),
  };
}

export function useRoutingRules(orgId: string | undefined) {
  return useQuery({
    queryKey: [...caseKeys.settings, 'rules', orgId ?? ''],
    queryFn: () => api.get<CaseRoutingRule[]>('/case-routing-rules', { orgId }),
    enabled: !!orgId,
    retry: false,
  });
}

export function useRuleMutations() {
  const done = useInvalidate([...caseKeys.settings, 'rules']);
  return {
    create: useMutation({
      mutationFn: (v: { orgId: string; caseType: CaseType; categoryId?: string | null; targetKind: CaseRoutingRule['targetKind']; teamSkill?: CaseTeam['skill'] | null; enabled: boolean }) =>
        api.post<CaseRoutingRule>('/case-routing-rules', v),
      onSuccess: done,
    }),
    toggle: useMutation({ mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) => api.patch<CaseRoutingRule>(`/case-routing-rules/${enc(id)}`, { enabled }), onSuccess: done }),
    remove: useMutation({ mutationFn: (id: string) => api.delete<unknown>(`/case-routing-rules/${enc(id)}`), onSuccess: done }),
  };
}

export function useIntakeLinks(orgId: string | undefined) {
  return useQuery({
    queryKey: [...caseKeys.settings, 'intake', orgId ?? ''],
    queryFn: () => api.get<CaseIntakeLink[]>('/case-intake-links', { orgId }),
    enabled: !!orgId,
    retry: false,
  });
}

export function useIntakeMutations() {
  const done = useInvalidate([...caseKeys.settings, 'intake']);
  return {
    create: useMutation({ mutationFn: (v: { orgId: string; purpose: CaseIntakeLink['purpose']; label: string }) => api.post<CaseIntakeLink>('/case-intake-links', v), onSuccess: done }),
    revoke: useMutation({ mutationFn: (id: string) => api.post<CaseIntakeLink>(`/case-intake-links/${enc(id)}/revoke`), onSuccess: done }),
  };
}
