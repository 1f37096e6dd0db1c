import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

dayjs.locale('zh-cn');

export function fmtDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—';
}

export function fmtDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD') : '—';
}

/** 12345 -> "12,345" (zh-CN grouping). */
export function fmtInt(n: number): string {
  return n.toLocaleString('zh-CN');
}

export function dayPart(d = new Date()): 'morning' | 'noon' | 'afternoon' | 'evening' {
  const h = d.getHours();
  if (h < 11) return 'morning';
  if (h < 13) return 'noon';
  if (h < 18) return 'afternoon';
  return 'evening';
}
