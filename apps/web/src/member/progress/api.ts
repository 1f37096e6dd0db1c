import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApplicationDetail } from '@gonghui/contracts';
import { api } from '../../lib/api';

export const MY_APPLICATIONS_KEY = ['me', 'applications'] as const;

/** The logged-in person's join / transfer / founding applications, newest first. */
export function useMyApplications(enabled = true) {
  return useQuery({
    queryKey: MY_APPLICATIONS_KEY,
    queryFn: async () => {
      const r = await api.get<ApplicationDetail[] | { items: ApplicationDetail[] }>('/me/applications');
      return Array.isArray(r) ? r : r.items;
    },
    enabled,
  });
}

export function useWithdrawApplication() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<ApplicationDetail>(`/me/applications/${id}/withdraw`),
    onSuccess: (updated) => {
      qc.setQueryData<ApplicationDetail[]>(MY_APPLICATIONS_KEY, (list) => list?.map((a) => (a.id === updated.id ? updated : a)));
      void qc.invalidateQueries({ queryKey: MY_APPLICATIONS_KEY });
    },
  });
}
