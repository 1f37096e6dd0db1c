import { App as AntApp, ConfigProvider, Result, Button, theme as antdTheme } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Suspense, lazy, type ReactNode } from 'react';
import '../lib/format'; // dayjs zh-cn
import { brand } from '../lib/theme';
import { t } from '../lib/i18n';
import { isCadre, useMe } from '../lib/auth';
import { hasPermission } from './layout/access';
import { PageLoading } from '../lib/PageLoading';
import { AdminLayout } from './layout/AdminLayout';
import { AdminLoginPage } from './auth/AdminLoginPage';

const OrgsPage = lazy(() => import('./orgs/OrgsPage'));
const UsersPage = lazy(() => import('./users/UsersPage'));
const SmsOutboxPage = lazy(() => import('./sms/SmsOutboxPage'));
const AuditPage = lazy(() => import('./audit/AuditPage'));
const MembersPage = lazy(() => import('./members/MembersPage'));
const MemberDetailPage = lazy(() => import('./members/MemberDetailPage'));
const ApprovalsPage = lazy(() => import('./approvals/ApprovalsPage'));
const CalendarPage = lazy(() => import('./calendar/CalendarPage'));
const FoundingListPage = lazy(() => import('./founding/FoundingListPage'));
const FoundingDetailPage = lazy(() => import('./founding/FoundingDetailPage'));
const EnterprisesPage = lazy(() => import('./enterprises/EnterprisesPage'));
const RosterImportPage = lazy(() => import('./roster/RosterImportPage'));
const CasesPage = lazy(() => import('./cases/CasesPage'));
const CaseNewPage = lazy(() => import('./cases/CaseNewPage'));
const CaseDetailPage = lazy(() => import('./cases/CaseDetailPage'));
const CaseSettingsPage = lazy(() => import('./cases/settings/CaseSettingsPage'));
const CaseStatsPage = lazy(() => import('./cases/stats/CaseStatsPage'));

function RequireCadre({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoading />;
  if (me.isError) {
    return (
      <Result
        status="error"
        title={me.error.message}
        extra={<Button onClick={() => void me.refetch()}>{t.common.retry}</Button>}
      />
    );
  }
  if (!me.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/admin/login?next=${next}`} replace />;
  }
  if (!isCadre(me.data)) {
    return (
      <Result
        status="403"
        title={t.admin.forbidden.title}
        subTitle={t.admin.forbidden.subtitle}
        extra={
          <Button type="primary" href="/">
            {t.admin.forbidden.toMember}
          </Button>
        }
      />
    );
  }
  return children;
}

export default function AdminApp() {
  return (
    <ConfigProvider
      locale={zhCN}
      theme={{
        algorithm: antdTheme.defaultAlgorithm,
        token: { colorPrimary: brand.primary, colorLink: brand.primary, borderRadius: 6 },
        components: {
          Layout: { siderBg: brand.siderBg, headerBg: '#ffffff', headerPadding: '0 24px', bodyBg: '#f3f4f6' },
          Menu: { darkItemBg: brand.siderBg, darkSubMenuItemBg: '#14161c', darkItemSelectedBg: brand.primary },
        },
      }}
    >
      <AntApp>
        <Routes>
          <Route path="login" element={<AdminLoginPage />} />
          <Route
            element={
              <RequireCadre>
                <AdminLayout />
              </RequireCadre>
            }
          >
            <Route index element={<AdminHome />} />
            <Route path="orgs" element={<Lazy><OrgsPage /></Lazy>} />
            <Route path="users" element={<Lazy><UsersPage /></Lazy>} />
            <Route path="sms" element={<Lazy><SmsOutboxPage /></Lazy>} />
            <Route path="audit" element={<Lazy><AuditPage /></Lazy>} />
            <Route path="members" element={<Lazy><MembersPage /></Lazy>} />
            <Route path="members/:id" element={<Lazy><MemberDetailPage /></Lazy>} />
            <Route path="approvals" element={<Lazy><ApprovalsPage /></Lazy>} />
            <Route path="calendar" element={<Lazy><CalendarPage /></Lazy>} />
            <Route path="founding" element={<Lazy><FoundingListPage /></Lazy>} />
            <Route path="founding/:id" element={<Lazy><FoundingDetailPage /></Lazy>} />
            <Route path="enterprises" element={<Lazy><EnterprisesPage /></Lazy>} />
            <Route path="roster" element={<Navigate to="import" replace />} />
            <Route path="roster/import" element={<Lazy><RosterImportPage /></Lazy>} />
            <Route path="cases" element={<Lazy><CasesPage /></Lazy>} />
            <Route path="cases/new" element={<Lazy><CaseNewPage /></Lazy>} />
            <Route path="cases/settings" element={<Lazy><CaseSettingsPage /></Lazy>} />
            <Route path="cases/stats" element={<Lazy><CaseStatsPage /></Lazy>} />
            <Route path="cases/:id" element={<Lazy><CaseDetailPage /></Lazy>} />
            <Route path="*" element={<Result status="404" title="404" subTitle={t.admin.notFound} />} />
          </Route>
        </Routes>
      </AntApp>
    </ConfigProvider>
  );
}

/** The landing page: the org tree for cadres, the case queue for partners and hotline operators. */
function AdminHome() {
  const me = useMe();
  if (!me.data) return null;
  return <Navigate to={hasPermission(me.data, 'org.read') && hasPermission(me.data, 'member.read') ? 'orgs' : 'cases'} replace />;
}

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageLoading />}>{children}</Suspense>;
}
