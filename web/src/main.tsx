/** The browser app: Chinese by default (Ant Design zh_CN), English when switched; over the API only. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { RequireUser } from './auth/session';
import { AppLayout } from './components/AppLayout';
import { I18nProvider, useI18n } from './i18n/i18n';
import { AuthCallbackPage } from './pages/AuthCallbackPage';
import { AuditPage } from './pages/AuditPage';
import { SecurityPage } from './pages/SecurityPage';
import { CalendarPage } from './pages/CalendarPage';
import { CorrectionPage, DisputePage, IncidentPage, ReformPage } from './pages/CasePages';
import { CataloguePage, ResourcePage } from './pages/CataloguePage';
import { DraftPage } from './pages/DraftPage';
import { DashboardPage } from './pages/DashboardPage';
import { CorrectionFormPage, ReformFormPage } from './pages/FormsPages';
import { CorrectionsPage, DisputesPage, ReformsPage } from './pages/CaseListsPages';
import { InboxPage } from './pages/InboxPage';
import { NoticesPage } from './pages/NoticesPage';
import { DelegationsPage } from './pages/DelegationsPage';
import { DirectoryPage } from './pages/DirectoryPage';
import { RequestFormPage } from './pages/RequestFormPage';
import { RequestPage, RequestsPage } from './pages/RequestsPage';
import { SignInPage } from './pages/SignInPage';
import { PublicOpenDataPage } from './pages/OpenDataPage';
import { TaskPage } from './pages/TaskPage';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

function Localized() {
  const { lang } = useI18n();
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS}>
      <AntApp>
        <BrowserRouter>
          <Routes>
            <Route path="/sign-in" element={<SignInPage />} />
            <Route path="/auth/callback" element={<AuthCallbackPage />} />
            <Route path="/open-data" element={<PublicOpenDataPage />} />
            <Route
              path="/*"
              element={
                <RequireUser>
                  {(user) => (
                    <AppLayout user={user}>
                      <Routes>
                        <Route
                          path="/"
                          element={
                            <Navigate
                              to={
                                user.roles.some((r) =>
                                  ['supervisor', 'lg_office', 'leading_group'].includes(r),
                                )
                                  ? '/dashboard'
                                  : user.roles.includes('auditor')
                                    ? '/audit'
                                    : user.roles.every((r) => r === 'requester')
                                      ? '/requests'
                                      : '/inbox'
                              }
                              replace
                            />
                          }
                        />
                        <Route path="/catalogue" element={<CataloguePage user={user} />} />
                        <Route path="/catalogue/drafts/:id" element={<DraftPage />} />
                        <Route path="/catalogue/:code" element={<ResourcePage user={user} />} />
                        <Route path="/catalogue/:code/apply" element={<RequestFormPage />} />
                        <Route path="/requests" element={<RequestsPage />} />
                        <Route path="/requests/:id" element={<RequestPage />} />
                        <Route path="/inbox" element={<InboxPage user={user} status="open" />} />
                        <Route path="/inbox/done" element={<InboxPage user={user} status="done" />} />
                        <Route path="/tasks/:id" element={<TaskPage />} />
                        <Route path="/notices" element={<NoticesPage />} />
                        <Route path="/delegations" element={<DelegationsPage user={user} />} />
                        <Route path="/dashboard" element={<DashboardPage user={user} />} />
                        <Route path="/corrections/new" element={<CorrectionFormPage />} />
                        <Route path="/corrections" element={<CorrectionsPage />} />
                        <Route path="/corrections/:id" element={<CorrectionPage />} />
                        <Route path="/disputes" element={<DisputesPage />} />
                        <Route path="/reforms" element={<ReformsPage user={user} />} />
                        <Route path="/disputes/:id" element={<DisputePage />} />
                        <Route path="/reforms/new" element={<ReformFormPage />} />
                        <Route path="/reforms/:id" element={<ReformPage />} />
                        <Route path="/calendar" element={<CalendarPage />} />
                        <Route path="/directory" element={<DirectoryPage user={user} />} />
                        <Route path="/audit" element={<AuditPage user={user} />} />
                        <Route path="/security" element={<SecurityPage user={user} />} />
                        <Route path="/incidents/:id" element={<IncidentPage />} />
                        <Route path="/departments/:code/security" element={<SecurityPage user={user} />} />
                        <Route path="*" element={<Navigate to="/" replace />} />
                      </Routes>
                    </AppLayout>
                  )}
                </RequireUser>
              }
            />
          </Routes>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Localized />
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
