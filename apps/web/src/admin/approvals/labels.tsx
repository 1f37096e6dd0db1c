import { Tag } from 'antd';
import { APPLICATION_KIND_LABELS, APPLICATION_STATUS_LABELS, type ApplicationKind, type ApplicationStatus } from '@gonghui/contracts';

const KIND_COLORS: Record<ApplicationKind, string> = { join: 'blue', transfer: 'purple', founding: 'orange' };
const STATUS_COLORS: Record<ApplicationStatus, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  returned: 'warning',
  withdrawn: 'default',
};

export function KindTag({ kind }: { kind: ApplicationKind }) {
  return (
    <Tag color={KIND_COLORS[kind]} style={{ marginInlineEnd: 0 }}>
      {APPLICATION_KIND_LABELS[kind]}
    </Tag>
  );
}

export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="application-status">
      {APPLICATION_STATUS_LABELS[status]}
    </Tag>
  );
}
