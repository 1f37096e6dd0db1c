import { useNavigate } from 'react-router-dom';
import { Button, Dialog, DotLoading, ErrorBlock, List, Tag } from 'antd-mobile';
import { InfoCircleOutlined, PhoneOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import type { MemberProfile } from '@gonghui/contracts';
import { useLogout } from '../../lib/auth';
import { fmtDate } from '../../lib/format';
import { t } from '../../lib/i18n';
import { useProfile } from '../api';

const P = t.member.profile;
const APP_VERSION = '0.1.0';

function Membership({ m }: { m: MemberProfile['memberships'][number] }) {
  const active = m.status === 'active';
  return (
    <div className="gh-m-membership" data-testid="membership">
      <div className="gh-m-membership-head">
        <div className="gh-m-membership-org">{m.orgName}</div>
        <Tag color={active ? 'success' : 'default'} fill="outline">
          {P.statuses[m.status] ?? m.status}
        </Tag>
      </div>
      {m.orgPathNames.length > 0 && <div className="gh-m-membership-path">{m.orgPathNames.join(' / ')}</div>}
      <List className="gh-m-kv">
        <List.Item extra={<span className="gh-m-mono">{m.idNumberMasked}</span>}>{P.idNumber}</List.Item>
        <List.Item extra={P.genders[m.gender] ?? m.gender}>{P.gender}</List.Item>
        <List.Item extra={fmtDate(m.birthDate)}>{P.birthDate}</List.Item>
        <List.Item extra={fmtDate(m.joinedAt)}>{P.joinedAt}</List.Item>
      </List>
    </div>
  );
}

export function ProfilePage() {
  const navigate = useNavigate();
  const profile = useProfile();
  const logout = useLogout(() => navigate('/login', { replace: true }));

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
        {memberships.length === 0 ? (
          <div className="gh-m-empty">{P.noMembership}</div>
        ) : (
          memberships.map((m) => <Membership key={m.id} m={m} />)
        )}
      </section>

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
