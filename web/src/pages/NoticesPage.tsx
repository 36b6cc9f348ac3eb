/**
 * The notices centre (消息通知): the notices addressed to the user's groups,
 * newest first, unread ones marked; opening one marks it read and goes to its
 * task; all can be marked read at once.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, List, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, qs } from '../api/client';
import { useApiErrors } from '../api/form-errors';
import type { Notice, NoticeList } from '../api/types';
import { Loadable } from '../components/Loadable';
import { formatInstant } from '../format';
import { useI18n } from '../i18n/i18n';

const PAGE_SIZE = 20;

export function NoticesPage() {
  const { t, text, name, lang } = useI18n();
  const errors = useApiErrors();
  const qc = useQueryClient();
  const [unread, setUnread] = useState(false);
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['notices', unread, page],
    queryFn: () => api<NoticeList>(`/api/notices${qs({ unread, page, pageSize: PAGE_SIZE })}`),
    refetchInterval: 30_000,
  });
  const mark = useMutation({
    mutationFn: (body: { ids: string[] } | { all: true }) =>
      api('/api/notices/read', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['notices'] }),
    onError: errors.show,
  });
  const markOpened = (n: Notice) => {
    if (!n.read) mark.mutate({ ids: [n.id] });
  };
  return (
    <Card
      title={t('notices')}
      extra={
        <Space>
          <span>
            {t('unreadOnly')}{' '}
            <Switch
              size="small"
              checked={unread}
              onChange={(v) => {
                setUnread(v);
                setPage(1);
              }}
            />
          </span>
          <Button onClick={() => mark.mutate({ all: true })} data-testid="notices-read-all">
            {t('markAllRead')}
          </Button>
        </Space>
      }
    >
      <Loadable query={list}>
        {(data) => (
          <List
            data-testid="notice-list"
            dataSource={data.items}
            pagination={{
              current: page,
              total: data.total,
              pageSize: PAGE_SIZE,
              onChange: setPage,
              showTotal: (n) => t('totalOf').replace('{n}', String(n)),
            }}
            renderItem={(n) => (
              <List.Item
                data-testid="notice"
                data-read={n.read}
                actions={
                  n.read
                    ? []
                    : [
                        <Button
                          key="read"
                          size="small"
                          type="link"
                          onClick={() => mark.mutate({ ids: [n.id] })}
                        >
                          {t('markRead')}
                        </Button>,
                      ]
                }
              >
                <List.Item.Meta
                  avatar={<Badge status={n.read ? 'default' : 'processing'} />}
                  title={
                    n.taskId ? (
                      // A real link: reached with Tab, opened with Enter, or in a new tab.
                      <Link
                        to={`/tasks/${encodeURIComponent(n.taskId)}`}
                        onClick={() => markOpened(n)}
                        style={{ fontWeight: n.read ? undefined : 600 }}
                      >
                        {text(n.title)}
                      </Link>
                    ) : (
                      <Typography.Text strong={!n.read}>{text(n.title)}</Typography.Text>
                    )
                  }
                  description={
                    <Space>
                      <Tag>{name(`notice_${n.kind}`)}</Tag>
                      {formatInstant(n.createdAt, lang)}
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Loadable>
    </Card>
  );
}
