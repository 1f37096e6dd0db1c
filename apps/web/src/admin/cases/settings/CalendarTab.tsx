import { Link } from 'react-router-dom';
import { Button, Result } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import { t } from '../../../lib/i18n';

const s = t.admin.cases.settings.calendar;

/** The working-day calendar is shared by every SLA in the platform; it has its own page. */
export function CalendarTab() {
  return (
    <Result
      icon={<CalendarOutlined style={{ color: '#c8102e' }} />}
      title={s.title}
      subTitle={<div style={{ maxWidth: 560, margin: '0 auto' }}>{s.hint}</div>}
      extra={
        <Link to="/admin/calendar">
          <Button type="primary">{s.open}</Button>
        </Link>
      }
    />
  );
}
