/** The task inbox (待办) and done tasks (已办) across every process: sorted by deadline, filtered, claimable. */
import { useProcesses } from '../api/processes';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, InputNumber, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, qs } from '../api/client';
import { useApiErrors } from '../api/form-errors';
import type { Page, Task, User } from '../api/types';
import { DeadlineTag } from '../components/DeadlineTag';
import { Loadable } from '../components/Loadable';
import { formatInstant } from '../format';
import { useI18n } from '../i18n/i18n';

const DAY = 86_400_000;

export function InboxPage({ user, status }: { user: User; status: 'open' | 'done' }) {
  const { t, name, text, lang, caseName } = useI18n();
  const { message } = App.useApp();
  const errors = useApiErrors();
  const qc = useQueryClient();
  const processes = useProcesses();
  const [mine, setMine] = useState(false);
  const [unclaimed, setUnclaimed] = useState(false);
  const [overdue, setOverdue] = useState(false);
  const [within, setWithin] = useState<number | null>(null);
  const [processType, setProcessType] = useState<string>();
  const [page, setPage] = useState(1);
  const tasks = useQuery({
    queryKey: ['tasks', status, mine, unclaimed, overdue, within, processType, page],
    queryFn: () =>
      api<Page<Task> & { totalCapped?: boolean }>(
        `/api/tasks${qs({ status, mine, unclaimed, overdue, dueWithinWorkingDays: within ?? undefined, processType, page, pageSize: 20 })}`,
      ),
    refetchInterval: 10_000,
  });
  const claim = useMutation({
    mutationFn: ({ id, on }: { id: string; on: boolean }) =>
      api<Task>(`/api/tasks/${encodeURIComponent(id)}/${on ? 'claim' : 'unclaim'}`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['tasks'] }),
    onError: errors.show,
  });
  return (
    <Card title={status === 'open' ? t('inbox') : t('done')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <span>
          {t('mine')} <Switch size="small" checked={mine} onChange={setMine} />
        </span>
        {status === 'open' ? (
          <>
            <span>
              {t('unclaimed')} <Switch size="small" checked={unclaimed} onChange={setUnclaimed} />
            </span>
            <span>
              {t('overdue')} <Switch size="small" checked={overdue} onChange={setOverdue} />
            </span>
            <span>
              <InputNumber
                min={0}
                max={60}
                size="small"
                value={within}
                onChange={setWithin}
                style={{ width: 64 }}
              />{' '}
              {t('dueWithin')}
            </span>
          </>
        ) : null}
        <Select
          allowClear
          placeholder={t('process')}
          style={{ width: 150 }}
          options={processes.map((p) => ({ value: p.name, label: name(p.name) }))}
          onChange={setProcessType}
        />
      </Space>
      <Loadable query={tasks}>
        {(data) => (
          <Table
            rowKey="id"
            data-testid="task-table"
            dataSource={data.items}
            pagination={{
              current: page,
              total: data.total,
              pageSize: 20,
              onChange: setPage,
              showTotal: (n) => `${n}${data.totalCapped ? '+' : ''}`,
            }}
            rowClassName={(x) =>
              x.status !== 'open'
                ? ''
                : x.overdue
                  ? 'gs-row-overdue'
                  : Date.parse(x.deadline) - Date.now() < 2 * DAY
                    ? 'gs-row-due-soon'
                    : ''
            }
            columns={[
              {
                title: t('caseOf'),
                render: (_, x) => (
                  <Link to={`/tasks/${encodeURIComponent(x.id)}`} data-testid="task-link">
                    {caseName(x.caseId, x.department, x.departmentName)}
                  </Link>
                ),
              },
              { title: t('process'), className: 'gs-hide-narrow', render: (_, x) => text(x.processName) },
              { title: t('step'), render: (_, x) => text(x.stepName) },
              {
                title: t('deadline'),
                sorter: (a, b) => Date.parse(a.deadline) - Date.parse(b.deadline),
                defaultSortOrder: 'ascend',
                render: (_, x) => (
                  <DeadlineTag
                    deadline={x.deadline}
                    citation={x.citation}
                    limit={x.limit}
                    provisional={x.provisional}
                    breached={x.breached}
                    open={x.status === 'open'}
                  />
                ),
              },
              status === 'open'
                ? {
                    title: t('claim'),
                    render: (_, x) =>
                      x.claimedBy === user.username ? (
                        <Button size="small" onClick={() => claim.mutate({ id: x.id, on: false })}>
                          {t('unclaim')}
                        </Button>
                      ) : x.claimedBy ? (
                        <Tag>{x.claimedByName ?? x.claimedBy}</Tag>
                      ) : new Set(x.candidates.map((c) => c.department).filter(Boolean)).size > 1 ? (
                        // Both departments hold it (a negotiation): neither can claim it from the other.
                        <Tag>{t('sharedTask')}</Tag>
                      ) : (
                        <Button size="small" onClick={() => claim.mutate({ id: x.id, on: true })}>
                          {t('claim')}
                        </Button>
                      ),
                  }
                : {
                    title: t('decision'),
                    render: (_, x) =>
                      `${name(x.decision ?? x.status)} · ${x.completedByName ?? x.completedBy ?? ''} · ${formatInstant(x.completedAt, lang)}`,
                  },
            ]}
          />
        )}
      </Loadable>
    </Card>
  );
}
