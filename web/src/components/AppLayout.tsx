/** The frame of every signed-in page: menu by role (待办 with its count), language switch, the user and sign-out. */
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Layout, Menu, Space, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import type { Page, Task, User } from '../api/types';
import { hasRole, useSignOut } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

/** Each section's name, for the window title: 待办 · 政务信息资源共享, or SR-… · 共享申请 · 政务信息资源共享. */
const SECTIONS: [string, MessageKey][] = [
  ['/inbox/done', 'done'],
  ['/inbox', 'inbox'],
  ['/tasks', 'inbox'],
  ['/catalogue', 'catalogue'],
  ['/requests', 'myRequests'],
  ['/corrections', 'corrections'],
  ['/disputes', 'disputes'],
  ['/dashboard', 'dashboard'],
  ['/reforms', 'reforms'],
  ['/calendar', 'calendar'],
  ['/directory', 'directory'],
  ['/security', 'security'],
  ['/incidents', 'security'],
  ['/audit', 'audit'],
  ['/delegations', 'delegation'],
  ['/notices', 'notices'],
];

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
    ...(hasRole(user, 'admin', 'county_admin') ? [{ key: '/directory', label: t('directory') }] : []),
    ...(hasRole(user, 'data_steward', 'county_admin', 'provider_reviewer', 'requester')
      ? [{ key: '/security', label: t('security') }]
      : []),
    ...(hasRole(user, 'auditor', 'admin') ? [{ key: '/audit', label: t('audit') }] : []),
    ...(hasRole(user, 'provider_reviewer', 'platform_approver', 'data_steward', 'lg_office', 'leading_group')
      ? [{ key: '/delegations', label: t('delegation') }]
      : []),
  ];
  useEffect(() => {
    const path = location.pathname;
    const section = SECTIONS.find(([p]) => path === p || path.startsWith(`${p}/`));
    const item =
      section && path.length > section[0].length + 1
        ? decodeURIComponent(path.slice(section[0].length + 1).split('/')[0])
        : null;
    document.title = [item, section ? t(section[1]) : null, t('appName')].filter(Boolean).join(' · ');
  }, [location.pathname, t]);
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
