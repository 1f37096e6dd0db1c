import { APPLICATION_STAGE_LABELS, APPLICATION_STATUS_LABELS } from '@gonghui/contracts';

export const STATUS_COLORS: Record<string, string> = { pending: 'processing', approved: 'success', rejected: 'error', returned: 'warning', withdrawn: 'default' };

/** One label for status and stage: an approved founding reads 待召开会员大会 / 已完成. */
export function statusText(d: { status: string; stage: string }): string {
  if (d.status === 'approved') return APPLICATION_STAGE_LABELS[d.stage] ?? APPLICATION_STATUS_LABELS.approved;
  return APPLICATION_STATUS_LABELS[d.status as keyof typeof APPLICATION_STATUS_LABELS] ?? d.status;
}
