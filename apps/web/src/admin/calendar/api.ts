import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarDay } from '@gonghui/contracts';
import { api } from '../../lib/api';

export const calendarKeys = { all: ['calendar'] as const, year: (y: number) => ['calendar', y] as const };

/** The overrides of one year (weekends need none: they are non-working by default). */
export function useCalendar(year: number) {
  return useQuery({ queryKey: calendarKeys.year(year), queryFn: () => api.get<CalendarDay[]>('/calendar', { year }) });
}

export function useSaveDays() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (days: CalendarDay[]) => api.put<unknown>('/calendar/days', { days }),
    onSuccess: () => qc.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}

export function useDeleteDay() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (day: string) => api.delete<unknown>(`/calendar/days/${encodeURIComponent(day)}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}
