import { useEffect, useState } from 'react';
import { Tag, Tooltip } from 'antd';
import { ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { fmtDateTime } from '../../lib/format';
import { t } from '../../lib/i18n';
import { slaOf } from './sla';

/** Re-render once a minute so the countdown stays true while the page is open. */
function useNow(ms = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

const COLORS = { normal: 'default', warning: 'orange', overdue: 'red' } as const;

export function SlaCountdown({ dueAt, overdue }: { dueAt: string | null; overdue: boolean }) {
  const now = useNow();
  const sla = slaOf(dueAt, overdue, now);
  if (!sla) return <span style={{ color: '#8c8c8c' }}>{t.common.none}</span>;
  return (
    <Tooltip title={t.admin.approvals.dueTooltip(fmtDateTime(dueAt))}>
      <Tag
        color={COLORS[sla.tone]}
        variant={sla.tone === 'normal' ? 'outlined' : 'filled'}
        icon={sla.tone === 'normal' ? <ClockCircleOutlined /> : <ExclamationCircleOutlined />}
        style={{ marginInlineEnd: 0 }}
        data-testid="sla"
        data-tone={sla.tone}
      >
        {sla.text}
      </Tag>
    </Tooltip>
  );
}
