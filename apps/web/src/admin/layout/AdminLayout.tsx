import { useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Avatar, Badge, Dropdown, Layout, Menu, Space, Tag, Typography, type MenuProps } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CustomerServiceOutlined,
  SettingOutlined,
  ShopOutlined,
  CalendarOutlined,
  CloudUploadOutlined,
  FileDoneOutlined,
  IdcardOutlined,
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
import { usePendingCount } from '../approvals/api';
import { hasPermission, hasRootPermission } from './access';
import './admin-layout.css';

const { Sider, Header, Content, Footer } = Layout;

const MENU: MenuProps['items'] = [
  { key: '/admin/orgs', icon: <ApartmentOutlined />, label: t.admin.menu.orgs },
  { key: '/admin/members', icon: <IdcardOutlined />, label: t.admin.menu.members },
  { key: '/admin/roster', icon: <CloudUploadOutlined />, label: '名册导入' },
  { key: '/admin/approvals', icon: <FileDoneOutlined />, label: t.admin.menu.approvals },
  { key: '/admin/founding', icon: <BankOutlined />, label: '建会申请' },
  { key: '/admin/enterprises', icon: <ShopOutlined />, label: '企业名录' },
  { key: '/admin/users', icon: <TeamOutlined />, label: t.admin.menu.users },
  {
    key: 'cases',
    type: 'group',
    label: t.admin.menu.casesGroup,
    children: [
      { key: '/admin/cases', icon: <CustomerServiceOutlined />, label: t.admin.menu.cases },
      { key: '/admin/cases/stats', icon: <BarChartOutlined />, label: t.admin.menu.caseStats },
      { key: '/admin/cases/settings', icon: <SettingOutlined />, label: t.admin.menu.caseSettings },
    ],
  },
  {
    key: 'system',
    type: 'group',
    label: t.admin.menu.system,
    children: [
      { key: '/admin/audit', icon: <AuditOutlined />, label: t.admin.menu.audit },
      { key: '/admin/sms', icon: <MessageOutlined />, label: t.admin.menu.sms },
      { key: '/admin/calendar', icon: <CalendarOutlined />, label: t.admin.menu.calendar },
    ],
  },
];

/** Entries a user may lack: hidden unless the check passes (the server still enforces every route). */
const MENU_ACCESS: Record<string, (me: Me) => boolean> = {
  '/admin/orgs': (me) => hasPermission(me, 'org.read'),
  '/admin/founding': (me) => hasPermission(me, 'founding.review'),
  '/admin/enterprises': (me) => hasPermission(me, 'enterprise.manage'),
  '/admin/users': (me) => hasPermission(me, 'user.read'),
  '/admin/audit': (me) => hasPermission(me, 'audit.read'),
  '/admin/members': (me) => hasPermission(me, 'member.read'),
  '/admin/roster': (me) => hasPermission(me, 'member.import'),
  '/admin/approvals': (me) => hasPermission(me, 'application.review') || hasPermission(me, 'founding.review'),
  // platform-wide pages: the API allows them at the root (province) node only
  '/admin/calendar': (me) => hasRootPermission(me, 'org.manage'),
  '/admin/sms': (me) => hasRootPermission(me, 'sms.outbox.read'),
  '/admin/cases': (me) => hasPermission(me, 'case.work'),
  '/admin/cases/stats': (me) => hasPermission(me, 'case.supervise'),
  '/admin/cases/settings': (me) => hasPermission(me, 'case.configure'),
};

const SUB_MENU_KEYS = ['/admin/cases/stats', '/admin/cases/settings'];

type MenuItems = NonNullable<MenuProps['items']>;

function visibleMenu(items: MenuItems, me: Me, labels: Record<string, React.ReactNode>): MenuItems {
  const out: MenuItems = [];
  for (const item of items) {
    if (!item) continue;
    const key = String(item.key);
    if (MENU_ACCESS[key] && !MENU_ACCESS[key](me)) continue;
    if ('children' in item && item.children) {
      const children = visibleMenu(item.children, me, labels);
      if (children.length > 0) out.push({ ...item, children } as MenuItems[number]);
    } else {
      out.push((labels[key] ? { ...item, label: labels[key] } : item) as MenuItems[number]);
    }
  }
  return out;
}

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
  const canReview = MENU_ACCESS['/admin/approvals']!(me);
  const pending = usePendingCount(canReview).data ?? 0;
  const menu = useMemo(
    () =>
      visibleMenu(MENU!, me, {
        '/admin/approvals': (
          <span className="gh-menu-badge">
            {t.admin.menu.approvals}
            <Badge count={pending} overflowCount={99} size="small" data-testid="approvals-pending" />
          </span>
        ),
      }),
    [me, pending],
  );

  // sub-pages with their own menu entry (工单 statistics/settings) select that entry, not their section
  const selected = SUB_MENU_KEYS.find((k) => location.pathname.startsWith(k)) ?? '/admin/' + (location.pathname.split('/')[2] ?? 'orgs');

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
            items={menu}
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
