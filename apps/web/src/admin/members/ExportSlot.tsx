import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { t } from '../../lib/i18n';
import type { MemberFilters } from './api';

/**
 * EXPORT SLOT: stands in for the roster helper's `admin/roster/ExportMembersButton` (props: the
 * current filters) until it lands. It downloads GET /api/members/export.xlsx with the same filters.
 */
export function ExportSlot({ filters }: { filters: MemberFilters }) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) qs.set(k, String(v));
  return (
    <Button icon={<DownloadOutlined />} href={`/api/members/export.xlsx?${qs.toString()}`}>
      {t.admin.members.export}
    </Button>
  );
}
