import { Badge, Button, Dialog, Toast } from 'antd-mobile';
import {
  BankOutlined,
  BellOutlined,
  CalendarOutlined,
  FileSearchOutlined,
  GiftOutlined,
  HeartOutlined,
  IdcardOutlined,
  PhoneOutlined,
  SolutionOutlined,
  SwapOutlined,
  NotificationOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { MEMBER_STATUS_LABELS, type MemberStatus } from '@gonghui/contracts';
import { useMe } from '../../lib/auth';
import { dayPart } from '../../lib/format';
import { t } from '../../lib/i18n';
import { useProfile } from '../api';
import { CaseServices } from '../cases/CaseServices';
import { ScanJoinCodeButton } from '../join/ScanButton';
import { useUnreadCount } from '../messages/api';
import { useMyApplications } from '../progress/api';
import './home.css';

const H = t.member.home;

type EntryKey = 'join' | 'card' | 'progress' | 'transfer' | 'messages' | 'found' | 'profile';
const ENTRIES: { key: EntryKey; label: string; to: string; icon: ReactNode; color: string }[] = [
  { key: 'join', label: '入会', to: '/join', icon: <SolutionOutlined />, color: '#d46b08' },
  { key: 'card', label: '会员卡', to: '/card', icon: <IdcardOutlined />, color: '#c8102e' },
  { key: 'progress', label: '办理进度', to: '/progress', icon: <FileSearchOutlined />, color: '#1677ff' },
  { key: 'transfer', label: '会籍转移', to: '/transfer', icon: <SwapOutlined />, color: '#08979c' },
  { key: 'messages', label: '消息', to: '/messages', icon: <BellOutlined />, color: '#fa541c' },
  { key: 'found', label: '建会申请', to: '/found', icon: <BankOutlined />, color: '#722ed1' },
  { key: 'profile', label: '我的资料', to: '/me', icon: <UserOutlined />, color: '#389e0d' },
];

/** Services of later issues, shown so members know what is coming. */
const COMING: { key: 'benefits' | 'aid' | 'activity'; icon: ReactNode; color: string }[] = [
  { key: 'benefits', icon: <GiftOutlined />, color: '#eb2f96' },
  { key: 'aid', icon: <HeartOutlined />, color: '#cf1322' },
  { key: 'activity', icon: <CalendarOutlined />, color: '#389e0d' },
];

const count = (n: number | undefined) => (n && n > 0 ? (n > 99 ? '99+' : n) : null);

/**
 * Not a member yet: say plainly how joining works. A join always goes through a union's code
 * (the code names the union that reviews it), so there is no "join" button without one.
 */
function JoinPrompt() {
  const navigate = useNavigate();
  const apps = useMyApplications();
  const pending = apps.data?.find((a) => a.status === 'pending' && a.kind === 'join');
  if (pending) {
    return (
      <section className="gh-m-section gh-m-join-prompt is-pending" data-testid="home-join-pending">
        <div className="gh-m-join-prompt-title">您的入会申请正在审核中</div>
        <div className="gh-m-join-prompt-text">
          {pending.targetOrgName}
          {pending.dueAt && ` · 预计 ${dayjs(pending.dueAt).format('M 月 D 日')}前办结`}
        </div>
        <Button color="primary" fill="outline" shape="rounded" size="small" onClick={() => navigate('/progress')}>
          查看办理进度
        </Button>
      </section>
    );
  }
  return (
    <section className="gh-m-section gh-m-join-prompt" data-testid="home-join-prompt">
      <div className="gh-m-join-prompt-title">加入工会，享受会员服务</div>
      <div className="gh-m-join-prompt-text">
        请扫描所在单位工会（或行业工会）的入会二维码，填写实名信息后提交入会申请。没有二维码？请向单位工会索取，或联系所在街道（乡镇）工会、拨打 12351。
      </div>
      <div className="gh-m-join-prompt-actions">
        <ScanJoinCodeButton color="primary" shape="rounded" onToken={(token) => navigate(`/join/${token}`)}>
          扫码入会
        </ScanJoinCodeButton>
        <Button shape="rounded" onClick={() => navigate('/join')}>
          入会指引
        </Button>
      </div>
    </section>
  );
}

export function HomePage() {
  const navigate = useNavigate();
  const me = useMe().data;
  const profile = useProfile();
  const unread = useUnreadCount(!!me);
  const apps = useMyApplications(!!me);
  const name = me?.user.name ?? '';
  const membership = profile.data?.memberships.find((m) => m.status === 'active');
  const pendingCount = apps.data?.filter((a) => a.status === 'pending').length;
  const badges: Partial<Record<EntryKey, ReturnType<typeof count>>> = { messages: count(unread.data), progress: count(pendingCount) };

  const open = (e: (typeof ENTRIES)[number]) => {
    if (e.key === 'join' && membership) {
      void Dialog.confirm({
        content: `您已是「${membership.orgName}」的会员。如已更换工作单位，请办理会籍转移。`,
        confirmText: '会籍转移',
        cancelText: t.common.cancel,
      }).then((ok) => ok && navigate('/transfer'));
      return;
    }
    navigate(e.to);
  };

  return (
    <div className="gh-m-home" data-testid="member-home">
      <div className="gh-m-banner">
        <div className="gh-m-banner-deco" aria-hidden="true" />
        <div className="gh-m-greeting">{H.greeting(H.dayParts[dayPart()], name)}</div>
        <div className="gh-m-banner-sub">
          {membership ? (
            <>
              {H.orgLine(membership.orgName)}
              <span className="gh-m-banner-tag">{MEMBER_STATUS_LABELS[membership.status as MemberStatus] ?? membership.status}</span>
            </>
          ) : profile.isSuccess ? (
            H.notMember
          ) : (
            '\u00a0'
          )}
        </div>
        <div className="gh-m-banner-slogan">{H.slogan}</div>
      </div>

      {profile.isSuccess && !membership && <JoinPrompt />}

      <section className={profile.isSuccess && !membership ? 'gh-m-section' : 'gh-m-section gh-m-services'}>
        <div className="gh-m-section-title">{H.services}</div>
        <div className="gh-m-grid gh-m-grid-4">
          {ENTRIES.map((e) => (
            <button key={e.key} type="button" className="gh-m-entry" onClick={() => open(e)} data-testid={`entry-${e.key}`}>
              <Badge content={badges[e.key] ?? null} style={{ '--right': '2px', '--top': '2px' }}>
                <span className="gh-m-entry-icon" style={{ color: e.color, background: `${e.color}14` }}>
                  {e.icon}
                </span>
              </Badge>
              <span className="gh-m-entry-label">{e.label}</span>
            </button>
          ))}
        </div>
      </section>

      <CaseServices />

      <section className="gh-m-section">
        <div className="gh-m-section-title">更多服务</div>
        <div className="gh-m-grid gh-m-grid-4">
          {COMING.map((e) => (
            <button
              key={e.key}
              type="button"
              className="gh-m-entry is-coming"
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
