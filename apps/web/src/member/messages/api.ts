import { useInfiniteQuery, type InfiniteData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Notification } from '@gonghui/contracts';
import { api } from '../../lib/api';

export type NotificationPage = { items: Notification[]; nextCursor: string | null; unread: number };

export const NOTIFICATIONS_KEY = ['me', 'notifications'] as const;
const PAGE_SIZE = 20;

export function useNotifications() {
  return useInfiniteQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'list'],
    queryFn: ({ pageParam }) => api.get<NotificationPage>('/me/notifications', { cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Unread count for badges (home grid); one tiny request. */
export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'unread'],
    queryFn: async () => (await api.get<NotificationPage>('/me/notifications', { limit: 1 })).unread,
    enabled,
    staleTime: 15_000,
  });
}

/** Marks one message read; the dot goes at once, the server's count follows. */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<unknown>(`/me/notifications/${id}/read`),
    onMutate: (id) => {
      const now = new Date().toISOString();
      qc.setQueryData<InfiniteData<NotificationPage>>([...NOTIFICATIONS_KEY, 'list'], (d) =>
        d && {
          ...d,
          pages: d.pages.map((p) => ({
            ...p,
            unread: Math.max(0, p.unread - (p.items.some((n) => n.id === id && !n.readAt) ? 1 : 0)),
            items: p.items.map((n) => (n.id === id && !n.readAt ? { ...n, readAt: now } : n)),
          })),
        },
      );
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<unknown>('/me/notifications/read-all'),
    onSuccess: () => void qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}
