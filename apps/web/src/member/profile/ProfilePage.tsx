import { useNavigate } from 'react-router-dom';
import { Badge, Button, Dialog, DotLoading, ErrorBlock, List, Steps, Tag } from 'antd-mobile';
import {
  BellOutlined,
  FileSearchOutlined,
  InfoCircleOutlined,
  PhoneOutlined,
  SafetyOutlined,
  SwapOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { MEMBER_EVENT_LABELS, MEMBER_STATUS_LABELS, type MemberEvent, type MemberProfile, type MemberStatus } from '@gonghui/contracts';
import { useLogout } from '../../lib/auth';
import { fmtDate } from '../../lib/format';
import { t } from '../../lib/i18n';
import { useProfile } from '../api';
import { useUnreadCount } from '../messages/api';
import './profile.css';

const P = t.member.profile;
const APP_VERSION = '0.1.0';

type Membership = MemberProfile['memberships'][number];

const statusLabel = (status: string) => MEMBER_STATUS_LABELS[status as MemberStatus] ?? P.statuses[status] ?? status;

function Membership({ m }: { m: Membership }) {
  const active = m.status === 'active';
  return (
    <div className="gh-m-membership" data-testid="membership">
      <div className="gh-m-membership-head">
        <div className="gh-m-membership-org">{m.orgName}</div>
        <Tag color={active ? 'success' : 'default'} fill="outline">
          {statusLabel(m.status)}
        </Tag>
      </div>
      {m.orgPathNames.length > 0 && <div className="gh-m-membership-path">{m.orgPathNames.join(' / ')}</div>}
      <List className="gh-m-kv">
        {m.cardNo && <List.Item extra={<span className="gh-m-mono">{m.cardNo}</span>}>会员卡号</List.Item>}
        <List.Item extra={<span className="gh-m-mono">{m.idNumberMasked}</span>}>{P.idNumber}</List.Item>
        <List.Item extra={P.genders[m.gender] ?? m.gender}>{P.gender}</List.Item>
        <List.Item extra={fmtDate(m.birthDate)}>{P.birthDate}</List.Item>
        <List.Item extra={m.employer ?? '—'}>工作单位</List.Item>
        <List.Item extra={m.occupation ?? '—'}>职业/岗位</List.Item>
        <List.Item extra={fmtDate(m.joinedAt)}>{P.joinedAt}</List.Item>
      </List>
    </div>
  );
}

/** Earlier memberships (转出, 退会…): one line each, the file a member carries from union to union. */
function PastMemberships({ list }: { list: Membership[] }) {
  return (
    <List className="gh-m-kv gh-m-past">
      {list.map((m) => (
        <List.Item key={m.id} description={`入会 ${fmtDate(m.joinedAt)}`} extra={<Tag fill="outline">{statusLabel(m.status)}</Tag>}>
          {m.orgName}
        </List.Item>
      ))}
    </List>
  );
}

/** 会籍档案 events, when the profile carries them (newest first). */
function History({ events }: { events: MemberEvent[] }) {
  return (
    <Steps direction="vertical" className="gh-m-history">
      {events.map((e) => (
        <Steps.Step
          key={e.id}
          status="finish"
          title={`${MEMBER_EVENT_LABELS[e.kind] ?? e.kind} · ${e.orgName}`}
          description={[fmtDate(e.at), e.otherOrgName, e.note].filter(Boolean).join(' · ')}
        />
      ))}
    </Steps>
  );
}

export function ProfilePage() {
  const navigate = useNavigate();
  const profile = useProfile();
  const logout = useLogout(() => navigate('/login', { replace: true }));
  const unread = useUnreadCount();

  const onLogout = async () => {
    const ok = await Dialog.confirm({ content: P.logoutConfirm, confirmText: t.common.logout, cancelText: t.common.cancel });
    if (ok) logout.mutate();
  };

  if (profile.isPending) {
    return (
      <div className="gh-m-center">
        <DotLoading color="primary" />
      </div>
    );
  }
  if (profile.isError) return <ErrorBlock status="default" title={profile.error.message} description="" />;
  const { user, memberships } = profile.data;
  const current = memberships.filter((m) => m.status === 'active');
  const past = memberships.filter((m) => m.status !== 'active');
  const history = (profile.data as MemberProfile & { history?: MemberEvent[] }).history ?? [];

  return (
    <div className="gh-m-profile" data-testid="member-profile">
      <div className="gh-m-profile-head">
        <div className="gh-m-avatar">
          <UserOutlined />
        </div>
        <div>
          <div className="gh-m-profile-name">{user.name}</div>
          <div className="gh-m-profile-phone">{user.phoneMasked}</div>
        </div>
      </div>

      <section className="gh-m-section gh-m-overlap">
        <div className="gh-m-section-title">{P.memberships}</div>
        {current.length === 0 ? (
          <div className="gh-m-empty">
            {P.noMembership}
            <Button size="small" color="primary" fill="outline" shape="rounded" onClick={() => navigate('/join')}>
              我要入会
            </Button>
          </div>
        ) : (
          current.map((m) => <Membership key={m.id} m={m} />)
        )}
      </section>

      {(past.length > 0 || history.length > 0) && (
        <section className="gh-m-section">
          <div className="gh-m-section-title">会籍档案</div>
          {past.length > 0 && <PastMemberships list={past} />}
          {history.length > 0 && <History events={history} />}
        </section>
      )}

      <List className="gh-m-more">
        <List.Item prefix={<FileSearchOutlined />} onClick={() => navigate('/progress')}>
          办理进度
        </List.Item>
        {current.length > 0 && (
          <List.Item prefix={<SwapOutlined />} onClick={() => navigate('/transfer')}>
            会籍转移
          </List.Item>
        )}
        <List.Item
          prefix={<BellOutlined />}
          extra={unread.data ? <Badge content={unread.data > 99 ? '99+' : unread.data} /> : undefined}
          onClick={() => navigate('/messages')}
        >
          消息
        </List.Item>
      </List>

      <List className="gh-m-more">
        <List.Item
          prefix={<SafetyOutlined />}
          onClick={() => void Dialog.alert({ title: t.member.login.privacyTitle, content: t.member.login.privacyBody, confirmText: t.common.confirm })}
        >
          {P.privacy}
        </List.Item>
        <List.Item prefix={<PhoneOutlined />} extra="12351" onClick={() => window.location.assign('tel:12351')}>
          {P.hotline}
        </List.Item>
        <List.Item
          prefix={<InfoCircleOutlined />}
          extra={P.version(APP_VERSION)}
          onClick={() => void Dialog.alert({ title: P.about, content: P.aboutBody, confirmText: t.common.confirm })}
        >
          {P.about}
        </List.Item>
      </List>

      <div className="gh-m-logout">
        <Button block shape="rounded" onClick={() => void onLogout()} loading={logout.isPending}>
          {t.common.logout}
        </Button>
      </div>
    </div>
  );
}
