import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { TabBar } from 'antd-mobile';
import { HomeOutlined, UserOutlined } from '@ant-design/icons';
import { t } from '../../lib/i18n';

const TABS = [
  { key: '/', title: t.member.tabs.home, icon: <HomeOutlined /> },
  { key: '/me', title: t.member.tabs.profile, icon: <UserOutlined /> },
];

export function MemberLayout() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <div className="gh-m-page">
      <div className="gh-m-body">
        <Outlet />
      </div>
      <div className="gh-m-tabbar">
        <TabBar safeArea activeKey={location.pathname === '/me' ? '/me' : '/'} onChange={(k) => navigate(k)}>
          {TABS.map((tab) => (
            <TabBar.Item key={tab.key} icon={tab.icon} title={tab.title} />
          ))}
        </TabBar>
      </div>
    </div>
  );
}
