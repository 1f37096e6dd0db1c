import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FoundingApplication, FoundingParent, FoundingResubmitInput } from '@gonghui/contracts';
import { api } from '../../lib/api';

export const MY_FOUNDING_KEY = ['founding', 'mine'] as const;

export function useMyFounding() {
  return useQuery({
    queryKey: MY_FOUNDING_KEY,
    queryFn: async () => (await api.get<{ items: FoundingApplication[] }>('/founding/mine')).items,
  });
}

export function useFoundingParents(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: ['founding', 'parents', term],
    queryFn: async () => (await api.get<{ items: FoundingParent[] }>('/founding/parents', { q: term })).items,
    enabled: term.length > 0,
    placeholderData: (prev) => prev,
  });
}

/** Submit a new application, or (id given) resubmit a returned one. */
export function useSubmitFounding() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string | undefined; input: FoundingResubmitInput }) =>
      v.id ? api.put<FoundingApplication>(`/founding/${encodeURIComponent(v.id)}`, v.input) : api.post<FoundingApplication>('/founding', v.input),
    onSuccess: () =>
      Promise.all([qc.invalidateQueries({ queryKey: MY_FOUNDING_KEY }), qc.invalidateQueries({ queryKey: ['me', 'applications'] })]),
  });
}
