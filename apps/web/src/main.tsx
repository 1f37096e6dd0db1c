import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from './lib/query';
import { PageLoading } from './lib/PageLoading';
import './lib/global.css';

// Two shells, two bundles: a cadre on a PC never downloads antd-mobile, a member on a phone never downloads antd.
const AdminApp = lazy(() => import('./admin/AdminApp'));
const MemberApp = lazy(() => import('./member/MemberApp'));
// 扫码验证: public, opened by any phone camera; its own small chunk (no login, no member shell)
const VerifyApp = lazy(() => import('./verify/VerifyApp'));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Suspense fallback={<PageLoading />}>
          <Routes>
            <Route path="/admin/*" element={<AdminApp />} />
            <Route path="/verify" element={<VerifyApp />} />
            <Route path="/*" element={<MemberApp />} />
          </Routes>
        </Suspense>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
