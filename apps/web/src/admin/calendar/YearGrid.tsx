import { useMemo } from 'react';
import { Tooltip } from 'antd';
import dayjs from 'dayjs';
import type { CalendarDay } from '@gonghui/contracts';
import { t } from '../../lib/i18n';

const c = t.admin.calendar;
const WEEK = ['一', '二', '三', '四', '五', '六', '日'];

/** Twelve month grids; holidays red (休), make-up workdays blue (班), weekends grey. */
export function YearGrid({ year, days, onPick }: { year: number; days: CalendarDay[]; onPick?: (day: string) => void }) {
  const byDay = useMemo(() => new Map(days.map((d) => [d.day, d])), [days]);
  const today = dayjs().format('YYYY-MM-DD');
  return (
    <div className="gh-cal-year" data-testid="calendar-year">
      {Array.from({ length: 12 }, (_, m) => {
        const first = dayjs(new Date(year, m, 1));
        const lead = (first.day() + 6) % 7; // Monday first
        const count = first.daysInMonth();
        return (
          <div key={m} className="gh-cal-month">
            <div className="gh-cal-month-title">{c.month(m + 1)}</div>
            <div className="gh-cal-grid">
              {WEEK.map((w, i) => (
                <div key={w} className={`gh-cal-head${i >= 5 ? ' gh-cal-weekend' : ''}`}>
                  {w}
                </div>
              ))}
              {Array.from({ length: lead }, (_, i) => (
                <div key={`b${i}`} />
              ))}
              {Array.from({ length: count }, (_, i) => {
                const d = first.add(i, 'day');
                const key = d.format('YYYY-MM-DD');
                const o = byDay.get(key);
                const weekend = d.day() === 0 || d.day() === 6;
                const cls = ['gh-cal-day'];
                if (o) cls.push(o.isWorkday ? 'gh-cal-makeup' : 'gh-cal-holiday');
                else if (weekend) cls.push('gh-cal-weekend');
                if (key === today) cls.push('gh-cal-today');
                const cell = (
                  <button type="button" key={key} className={cls.join(' ')} onClick={onPick && (() => onPick(key))} disabled={!onPick} aria-label={key}>
                    {i + 1}
                    {o && <span className="gh-cal-mark">{o.isWorkday ? c.markWork : c.markRest}</span>}
                  </button>
                );
                return o ? (
                  <Tooltip key={key} title={`${key} ${o.isWorkday ? c.makeup : c.holiday}${o.note ? ` · ${o.note}` : ''}`}>
                    {cell}
                  </Tooltip>
                ) : (
                  cell
                );
              })}
            </div>
          </div>
        );
      })}
    </div>
  );
}
