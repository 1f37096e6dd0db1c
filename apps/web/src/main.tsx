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

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Suspense fallback={<PageLoading />}>
          <Routes>
            <Route path="/admin/*" element={<AdminApp />} />
            <Route path="/*" element={<MemberApp />} />
          </Routes>
        </Suspense>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
