import { Tag } from 'antd';
import { MEMBER_STATUS_LABELS, type MemberStatus } from '@gonghui/contracts';

const COLORS: Record<MemberStatus, string> = {
  active: 'green',
  transferred: 'blue',
  retired: 'gold',
  left: 'default',
  deceased: 'default',
};

export function MemberStatusTag({ status }: { status: MemberStatus }) {
  return (
    <Tag color={COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="member-status">
      {MEMBER_STATUS_LABELS[status]}
    </Tag>
  );
}
