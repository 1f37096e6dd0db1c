import { Tag } from 'antd';
import { CASE_STATUS_LABELS, CASE_TYPE_LABELS, OPEN_CASE_STATUSES, type CaseStatus, type CaseType } from '@gonghui/contracts';

const TYPE_COLORS: Record<CaseType, string> = {
  appeal: 'blue',
  legal_consult: 'geekblue',
  legal_aid: 'purple',
  counselling: 'cyan',
  injury_visit: 'volcano',
  mediation: 'gold',
  wage_arrears: 'red',
  suggestion: 'green',
};

export const CASE_STATUS_COLORS: Record<CaseStatus, string> = {
  submitted: 'orange',
  accepted: 'gold',
  assigned: 'processing',
  in_progress: 'blue',
  resolved: 'success',
  closed: 'default',
  rejected: 'error',
  withdrawn: 'default',
};

export function CaseTypeTag({ type }: { type: CaseType }) {
  return (
    <Tag color={TYPE_COLORS[type]} style={{ marginInlineEnd: 0 }}>
      {CASE_TYPE_LABELS[type]}
    </Tag>
  );
}

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  return (
    <Tag color={CASE_STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="case-status">
      {CASE_STATUS_LABELS[status]}
    </Tag>
  );
}

export function isOpenStatus(s: CaseStatus): boolean {
  return OPEN_CASE_STATUSES.includes(s);
}
