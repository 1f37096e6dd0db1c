import { ConfigProvider, unstableSetRender } from 'antd-mobile';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { createRoot, type Root } from 'react-dom/client';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import type { ReactNode } from 'react';
import { ErrorBlock, Button } from 'antd-mobile';
import '../lib/format';
import { useMe } from '../lib/auth';
import { t } from '../lib/i18n';
import { PageLoading } from '../lib/PageLoading';
import { MemberLayout } from './layout/MemberLayout';
import { MemberLoginPage } from './auth/MemberLoginPage';
import { HomePage } from './home/HomePage';
import { ProfilePage } from './profile/ProfilePage';
import { JoinGuidePage } from './join/JoinGuidePage';
import { JoinPage } from './join/JoinPage';
import { ProgressPage } from './progress/ProgressPage';
import { TransferPage } from './transfer/TransferPage';
import { MessagesPage } from './messages/MessagesPage';
import { CardPage } from './card/CardPage';
import { FoundPage } from './found/FoundPage';
import { CaseListPage } from './cases/CaseListPage';
import { CaseNewPage } from './cases/CaseNewPage';
import { CaseDetailPage } from './cases/CaseDetailPage';
import { CaseSquarePage } from './cases/CaseSquarePage';
import { IntakePage } from './cases/IntakePage';
import './member.css';

// antd-mobile 5 renders Toast/Dialog with the legacy ReactDOM.render; React 19 needs createRoot.
type Container = (Element | DocumentFragment) & { __ghRoot?: Root };
unstableSetRender((node, container: Container) => {
  container.__ghRoot ??= createRoot(container);
  const root = container.__ghRoot;
  root.render(node);
  return async () => {
    await new Promise((r) => setTimeout(r, 0));
    root.unmount();
    delete container.__ghRoot;
  };
});

function RequireMember({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoading />;
  if (me.isError) {
    return (
      <ErrorBlock status="disconnected" title={me.error.message} description={t.common.networkError}>
        <Button color="primary" onClick={() => void me.refetch()}>
          {t.common.retry}
        </Button>
      </ErrorBlock>
    );
  }
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  return children;
}

export default function MemberApp() {
  return (
    <ConfigProvider locale={zhCN}>
      <div className="gh-m-stage">
        <div className="gh-m-shell">
          <Routes>
            <Route path="login" element={<MemberLoginPage />} />
            {/* 一码入会: public, the page itself asks for the SMS login before the form */}
            <Route path="join" element={<JoinGuidePage />} />
            <Route path="join/:token" element={<JoinPage />} />
            <Route path="progress" element={<RequireMember><ProgressPage /></RequireMember>} />
            <Route path="transfer" element={<RequireMember><TransferPage /></RequireMember>} />
            <Route path="messages" element={<RequireMember><MessagesPage /></RequireMember>} />
            <Route path="found" element={<RequireMember><FoundPage /></RequireMember>} />
            {/* 诉求: 扫码入口 is public (the page verifies the phone itself); the rest need a login */}
            <Route path="c/:token" element={<IntakePage />} />
            <Route path="cases" element={<RequireMember><CaseListPage /></RequireMember>} />
            <Route path="cases/new" element={<RequireMember><CaseNewPage /></RequireMember>} />
            <Route path="cases/square" element={<RequireMember><CaseSquarePage /></RequireMember>} />
            <Route path="cases/:id" element={<RequireMember><CaseDetailPage /></RequireMember>} />
            <Route
              path="card"
              element={
                <RequireMember>
                  <CardPage />
                </RequireMember>
              }
            />
            <Route
              element={
                <RequireMember>
                  <MemberLayout />
                </RequireMember>
              }
            >
              <Route index element={<HomePage />} />
              <Route path="me" element={<ProfilePage />} />
            </Route>
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </div>
      </div>
    </ConfigProvider>
  );
}
