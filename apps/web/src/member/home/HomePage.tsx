import { Toast } from 'antd-mobile';
import {
  CalendarOutlined,
  CommentOutlined,
  GiftOutlined,
  HeartOutlined,
  IdcardOutlined,
  PhoneOutlined,
  SolutionOutlined,
  NotificationOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useMe } from '../../lib/auth';
import { dayPart } from '../../lib/format';
import { t } from '../../lib/i18n';
import { useProfile } from '../api';

const H = t.member.home;

const ENTRIES: { key: keyof typeof H.entries; icon: ReactNode; color: string }[] = [
  { key: 'card', icon: <IdcardOutlined />, color: '#c8102e' },
  { key: 'join', icon: <SolutionOutlined />, color: '#d46b08' },
  { key: 'appeal', icon: <CommentOutlined />, color: '#1677ff' },
  { key: 'benefits', icon: <GiftOutlined />, color: '#eb2f96' },
  { key: 'aid', icon: <HeartOutlined />, color: '#cf1322' },
  { key: 'activity', icon: <CalendarOutlined />, color: '#389e0d' },
];

export function HomePage() {
  const me = useMe().data;
  const profile = useProfile();
  const name = me?.user.name ?? '';
  const membership = profile.data?.memberships[0];

  return (
    <div className="gh-m-home" data-testid="member-home">
      <div className="gh-m-banner">
        <div className="gh-m-banner-deco" aria-hidden="true" />
        <div className="gh-m-greeting">{H.greeting(H.dayParts[dayPart()], name)}</div>
        <div className="gh-m-banner-sub">
          {membership ? H.orgLine(membership.orgName) : profile.isSuccess ? H.notMember : '\u00a0'}
        </div>
        <div className="gh-m-banner-slogan">{H.slogan}</div>
      </div>

      <section className="gh-m-section gh-m-services">
        <div className="gh-m-section-title">{H.services}</div>
        <div className="gh-m-grid">
          {ENTRIES.map((e) => (
            <button
              key={e.key}
              type="button"
              className="gh-m-entry"
              onClick={() => Toast.show({ content: H.comingToast })}
              aria-label={`${H.entries[e.key]}（${t.common.comingSoon}）`}
            >
              <span className="gh-m-entry-icon" style={{ color: e.color, background: `${e.color}14` }}>
                {e.icon}
              </span>
              <span className="gh-m-entry-label">{H.entries[e.key]}</span>
              <span className="gh-m-entry-badge">{t.common.comingSoon}</span>
            </button>
          ))}
        </div>
      </section>

      <section className="gh-m-section">
        <div className="gh-m-section-title">
          <NotificationOutlined style={{ color: '#c8102e', marginRight: 6 }} />
          {H.news}
        </div>
        <div className="gh-m-empty">
          <svg width="72" height="56" viewBox="0 0 72 56" aria-hidden="true">
            <rect x="8" y="6" width="56" height="40" rx="6" fill="#fdecee" />
            <rect x="16" y="16" width="28" height="4" rx="2" fill="#f4a7b3" />
            <rect x="16" y="25" width="40" height="4" rx="2" fill="#f9cdd4" />
            <rect x="16" y="34" width="22" height="4" rx="2" fill="#f9cdd4" />
          </svg>
          <div>{H.newsEmpty}</div>
        </div>
      </section>

      <a className="gh-m-hotline" href="tel:12351">
        <PhoneOutlined /> {H.hotline}
      </a>
    </div>
  );
}
