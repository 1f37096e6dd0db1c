import { useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Avatar, Dropdown, Layout, Menu, Space, Tag, Typography, type MenuProps } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  CheckOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  MessageOutlined,
  SwapOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { ROLE_LABELS, ORG_KIND_LABELS, type Me } from '@gonghui/contracts';
import { useLogout, useMe } from '../../lib/auth';
import { t } from '../../lib/i18n';
import { brand } from '../../lib/theme';
import { CURRENT_ROLE_STORAGE, CurrentRoleContext } from './currentRole';
import { BrandMark } from '../../lib/BrandMark';
import './admin-layout.css';

const { Sider, Header, Content, Footer } = Layout;

const MENU: MenuProps['items'] = [
  { key: '/admin/orgs', icon: <ApartmentOutlined />, label: t.admin.menu.orgs },
  { key: '/admin/users', icon: <TeamOutlined />, label: t.admin.menu.users },
  {
    key: 'system',
    type: 'group',
    label: t.admin.menu.system,
    children: [
      { key: '/admin/audit', icon: <AuditOutlined />, label: t.admin.menu.audit },
      { key: '/admin/sms', icon: <MessageOutlined />, label: t.admin.menu.sms },
    ],
  },
];

function pickRole(me: Me, storedId: string | null) {
  return me.roles.find((r) => r.id === storedId) ?? me.roles[0] ?? null;
}

export function AdminLayout() {
  const me = useMe().data!;
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [roleId, setRoleId] = useState<string | null>(() => localStorage.getItem(CURRENT_ROLE_STORAGE));
  const current = useMemo(() => pickRole(me, roleId), [me, roleId]);
  const logout = useLogout(() => navigate('/admin/login', { replace: true }));

  const selected = '/admin/' + (location.pathname.split('/')[2] ?? 'orgs');

  const roleMenu: MenuProps = {
    selectable: false,
    items: [
      { key: 'title', type: 'group', label: t.admin.header.switchRole },
      ...me.roles.map((r) => ({
        key: r.id,
        icon: r.id === current?.id ? <CheckOutlined style={{ color: brand.primary }} /> : <span style={{ width: 14, display: 'inline-block' }} />,
        label: (
          <span>
            {ROLE_LABELS[r.role]} · {r.orgName}
            <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
              {ORG_KIND_LABELS[r.orgKind]}
            </Typography.Text>
          </span>
        ),
      })),
    ],
    onClick: ({ key }) => {
      localStorage.setItem(CURRENT_ROLE_STORAGE, key);
      setRoleId(key);
    },
  };

  const userMenu: MenuProps = {
    items: [{ key: 'logout', icon: <LogoutOutlined />, label: t.common.logout, danger: true }],
    onClick: ({ key }) => {
      if (key === 'logout') logout.mutate();
    },
  };

  return (
    <CurrentRoleContext.Provider value={current}>
      <Layout className="gh-admin" style={{ minHeight: '100vh' }}>
        <Sider className="gh-admin-sider" width={220} collapsible collapsed={collapsed} trigger={null} breakpoint="lg" onBreakpoint={setCollapsed}>
          <div className="gh-admin-logo">
            <BrandMark size={30} />
            {!collapsed && (
              <div className="gh-admin-logo-text">
                <div className="gh-admin-logo-title">{t.product.name}</div>
                <div className="gh-admin-logo-sub">管理平台</div>
              </div>
            )}
          </div>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[selected]}
            items={MENU}
            onClick={({ key }) => navigate(key)}
          />
        </Sider>
        <Layout>
          <Header className="gh-admin-header">
            <span className="gh-admin-trigger" onClick={() => setCollapsed((c) => !c)} role="button" aria-label="折叠菜单">
              {collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            </span>
            <div style={{ flex: 1 }} />
            <Space size={20}>
              {me.roles.length > 1 ? (
                <Dropdown menu={roleMenu} placement="bottomRight" trigger={['click']}>
                  <span className="gh-admin-role" role="button" data-testid="current-role">
                    <RoleBadge me={me} current={current} />
                    <SwapOutlined style={{ color: '#8c8c8c' }} />
                  </span>
                </Dropdown>
              ) : (
                <span className="gh-admin-role" data-testid="current-role">
                  <RoleBadge me={me} current={current} />
                </span>
              )}
              <Dropdown menu={userMenu} placement="bottomRight">
                <span className="gh-admin-user" data-testid="current-user">
                  <Avatar size={30} style={{ background: brand.primary }} icon={<UserOutlined />} />
                  <span className="gh-admin-user-name">{me.user.name}</span>
                </span>
              </Dropdown>
            </Space>
          </Header>
          <Content className="gh-admin-content">
            <Outlet />
          </Content>
          <Footer className="gh-admin-footer">{t.product.copyright}</Footer>
        </Layout>
      </Layout>
    </CurrentRoleContext.Provider>
  );
}

function RoleBadge({ me, current }: { me: Me; current: Me['roles'][number] | null }) {
  if (current) {
    return (
      <>
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          {ROLE_LABELS[current.role]}
        </Tag>
        <span className="gh-admin-role-org">{current.orgName}</span>
      </>
    );
  }
  return <Tag color={me.isSuperAdmin ? 'gold' : 'default'}>{me.isSuperAdmin ? t.admin.header.superAdmin : t.admin.header.noRole}</Tag>;
}
