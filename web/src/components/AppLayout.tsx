/** The frame of every signed-in page: menu by role (待办 with its count), language switch, the user and sign-out. */
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Layout, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import type { Page, Task, User } from '../api/types';
import { hasRole, useSignOut } from '../auth/session';
import { useI18n } from '../i18n/i18n';

export function AppLayout({ user, children }: { user: User; children: ReactNode }) {
  const { t, lang, setLang, name } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const signOut = useSignOut();
  // The inbox's count on the menu, refreshed with every task change and every half minute.
  const open = useQuery({
    queryKey: ['tasks', 'count'],
    queryFn: () => api<Page<Task> & { totalCapped?: boolean }>('/api/tasks?pageSize=1'),
    refetchInterval: 30_000,
  });
  const notices = useQuery({
    queryKey: ['notices', 'count'],
    queryFn: () => api<{ unread: number }>('/api/notices?unread=true&pageSize=1'),
    refetchInterval: 30_000,
  });
  const items = [
    {
      key: '/inbox',
      label: (
        <span data-testid="menu-inbox">
          {t('inbox')}{' '}
          <Badge
            count={open.data?.total ?? 0}
            overflowCount={999}
            size="small"
            data-testid="inbox-count"
            style={{ boxShadow: 'none' }}
          />
        </span>
      ),
    },
    { key: '/inbox/done', label: t('done') },
    { key: '/catalogue', label: t('catalogue') },
    { key: '/requests', label: t('myRequests') },
    { key: '/corrections', label: t('corrections') },
    { key: '/disputes', label: t('disputes') },
    ...(hasRole(user, 'supervisor', 'lg_office', 'leading_group', 'admin', 'auditor')
      ? [{ key: '/dashboard', label: t('dashboard') }]
      : []),
    { key: '/reforms', label: t('reforms') },
    ...(hasRole(user, 'admin') ? [{ key: '/calendar', label: t('calendar') }] : []),
    ...(hasRole(user, 'data_steward', 'county_admin', 'provider_reviewer', 'requester')
      ? [{ key: '/security', label: t('security') }]
      : []),
    ...(hasRole(user, 'auditor', 'admin') ? [{ key: '/audit', label: t('audit') }] : []),
    ...(hasRole(user, 'provider_reviewer', 'platform_approver', 'data_steward', 'lg_office', 'leading_group')
      ? [{ key: '/delegations', label: t('delegation') }]
      : []),
  ];
  const selected = items
    .map((i) => i.key)
    .filter((k) => location.pathname === k || location.pathname.startsWith(`${k}/`))
    .sort((a, b) => b.length - a.length)[0];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16 }}>
        <Typography.Text strong style={{ color: '#fff', whiteSpace: 'nowrap' }}>
          {t('appName')}
        </Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={selected ? [selected] : []}
          items={items}
          onClick={(e) => navigate(e.key)}
          style={{ flex: 1, minWidth: 0 }}
        />
        <Space>
          <Button
            type="text"
            size="small"
            style={{ color: '#fff' }}
            onClick={() => navigate('/notices')}
            data-testid="menu-notices"
          >
            {t('notices')}
            <Badge
              count={notices.data?.unread ?? 0}
              overflowCount={99}
              size="small"
              style={{ boxShadow: 'none' }}
            />
          </Button>
          <Typography.Text style={{ color: '#fff' }} data-testid="signed-in-as" className="gs-hide-narrow">
            {user.displayName} · {lang === 'zh' ? user.department.name : user.department.nameEn} ·{' '}
            {user.roles.map((r) => name(r)).join(lang === 'zh' ? '、' : ', ')}
          </Typography.Text>
          <Button size="small" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="language">
            {t('language')}
          </Button>
          <Button size="small" onClick={signOut}>
            {t('signOut')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 16 }}>{children}</Layout.Content>
    </Layout>
  );
}
