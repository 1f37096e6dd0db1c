import { useState } from 'react';
import { App, Button, Popconfirm } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { MemberExportQuery } from '@gonghui/contracts';
import { errorMessage } from '../../lib/api';
import { downloadFile } from './api';
import { R } from './strings';

/**
 * 导出 Excel for the member roster: downloads GET /api/members/export.xlsx with the page's current
 * filters (the same object the list uses). The server masks what the user may not see and audits
 * the export; the confirmation says so before anything leaves.
 */
export function ExportMembersButton({ filters, disabled }: { filters: MemberExportQuery; disabled?: boolean }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
    setBusy(true);
    try {
      await downloadFile(`/api/members/export.xlsx?${qs.toString()}`, '会员名册.xlsx');
      message.success(R.export.done);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popconfirm title={R.export.confirmTitle} description={<div style={{ maxWidth: 320 }}>{R.export.confirm}</div>} okText={R.export.ok} onConfirm={() => void run()} disabled={disabled || busy}>
      <Button icon={<DownloadOutlined />} loading={busy} disabled={disabled} data-testid="export-members">
        {R.export.button}
      </Button>
    </Popconfirm>
  );
}

export default ExportMembersButton;
