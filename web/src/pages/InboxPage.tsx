/**
 * The task inbox (待办) and the department's done tasks (已办) across every
 * process: each row says who asked, for what, since when, the step with its
 * basis and the working days left; searchable, filtered, claimable, and alike
 * tasks approvable in one go.
 */
import { useProcesses } from '../api/processes';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, qs } from '../api/client';
import { useApiErrors } from '../api/form-errors';
import type { InboxTask, Page, User } from '../api/types';
import { DeadlineTag } from '../components/DeadlineTag';
import { Loadable } from '../components/Loadable';
import { BulkApprove, bulkApprovable } from '../components/BulkApprove';
import { WorkingDaysLeft } from '../components/WorkingDaysLeft';
import { formatDate, formatInstant } from '../format';
import { useI18n } from '../i18n/i18n';

const DAY = 86_400_000;
const PAGE_SIZE = 20;

export function InboxPage({ user, status }: { user: User; status: 'open' | 'done' }) {
  const { t, name, text, lang, caseName, dept } = useI18n();
  const errors = useApiErrors();
  const qc = useQueryClient();
  const processes = useProcesses();
  // The search is kept in the address, so a link or a reload shows the same list.
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [mine, setMine] = useState(false);
  const [unclaimed, setUnclaimed] = useState(false);
  const [overdue, setOverdue] = useState(false);
  const [within, setWithin] = useState<number | null>(null);
  const [processType, setProcessType] = useState<string>();
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<InboxTask[]>([]);
  const tasks = useQuery({
    queryKey: ['tasks', status, mine, unclaimed, overdue, within, processType, q, page],
    queryFn: () =>
      api<Page<InboxTask> & { totalCapped?: boolean }>(
        `/api/tasks${qs({ status, mine, unclaimed, overdue, dueWithinWorkingDays: within ?? undefined, processType, q: q || undefined, page, pageSize: PAGE_SIZE })}`,
      ),
    refetchInterval: 10_000,
  });
  const claim = useMutation({
    mutationFn: ({ id, on }: { id: string; on: boolean }) =>
      api<InboxTask>(`/api/tasks/${encodeURIComponent(id)}/${on ? 'claim' : 'unclaim'}`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['tasks'] }),
    onError: errors.show,
  });
  const bulk = status === 'open' && bulkApprovable(user);
  const filtered = (f: () => void) => {
    f();
    setPage(1);
  };
  return (
    <Card title={status === 'open' ? t('inbox') : t('done')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          defaultValue={q}
          placeholder={t('searchTasks')}
          aria-label={t('searchTasks')}
          data-testid="task-search"
          style={{ width: 280 }}
          onSearch={(v) =>
            filtered(() =>
              setParams(
                (p) => {
                  if (v.trim()) p.set('q', v.trim());
                  else p.delete('q');
                  return p;
                },
                { replace: true },
              ),
            )
          }
        />
        <span>
          {t('mine')} <Switch size="small" checked={mine} onChange={(v) => filtered(() => setMine(v))} />
        </span>
        {status === 'open' ? (
          <>
            <span>
              {t('unclaimed')}{' '}
              <Switch size="small" checked={unclaimed} onChange={(v) => filtered(() => setUnclaimed(v))} />
            </span>
            <span>
              {t('overdue')}{' '}
              <Switch size="small" checked={overdue} onChange={(v) => filtered(() => setOverdue(v))} />
            </span>
            <span>
              <InputNumber
                min={0}
                max={60}
                size="small"
                value={within}
                aria-label={t('dueWithin')}
                onChange={(v) => filtered(() => setWithin(v))}
                style={{ width: 64 }}
              />{' '}
              {t('dueWithin')}
            </span>
          </>
        ) : null}
        <Select
          allowClear
          placeholder={t('process')}
          aria-label={t('process')}
          style={{ width: 150 }}
          options={processes.map((p) => ({ value: p.name, label: name(p.name) }))}
          onChange={(v) => filtered(() => setProcessType(v))}
        />
        {bulk ? <BulkApprove tasks={selected} onDone={() => setSelected([])} /> : null}
      </Space>
      <Loadable query={tasks}>
        {(data) => (
          <Table
            rowKey="id"
            data-testid="task-table"
            dataSource={data.items}
            scroll={{ x: 'max-content' }}
            rowSelection={
              bulk
                ? {
                    selectedRowKeys: selected.map((x) => x.id),
                    onChange: (_, rows) => setSelected(rows),
                    getCheckboxProps: (x) => ({
                      disabled:
                        !x.decisions.includes('approve') ||
                        (x.claimedBy !== null && x.claimedBy !== user.username && x.actingFor === null) ||
                        x.setsPeriod !== null,
                    }),
                  }
                : undefined
            }
            pagination={{
              current: page,
              total: data.total,
              pageSize: PAGE_SIZE,
              onChange: setPage,
              showTotal: (n) => t('totalOf').replace('{n}', `${n}${data.totalCapped ? '+' : ''}`),
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
                  <Space direction="vertical" size={0}>
                    <Link to={`/tasks/${encodeURIComponent(x.id)}`} data-testid="task-link">
                      {caseName(x.caseId, x.department, x.departmentName)}
                    </Link>
                    <Typography.Text type="secondary">{text(x.processName)}</Typography.Text>
                  </Space>
                ),
              },
              {
                title: t('requestedBy'),
                render: (_, x) =>
                  x.case ? dept(x.case.requesterDepartment, x.case.requesterDepartmentName) : '',
              },
              {
                title: t('taskSubject'),
                className: 'gs-hide-narrow',
                render: (_, x) =>
                  x.case ? (
                    <span data-testid="task-subject">
                      {x.case.subjectTitle ?? x.case.subject}
                      {x.case.subjectTitle && x.case.subject ? (
                        <Typography.Text type="secondary"> {x.case.subject}</Typography.Text>
                      ) : null}
                    </span>
                  ) : (
                    ''
                  ),
              },
              {
                title: t('openedOn'),
                className: 'gs-hide-narrow',
                render: (_, x) => formatDate(x.case?.openedAt, lang),
              },
              {
                title: t('step'),
                render: (_, x) => (
                  <Space direction="vertical" size={0}>
                    {text(x.stepName)}
                    <Typography.Text type="secondary" data-testid="task-basis">
                      {text(x.limit)} · {text(x.citation)}
                    </Typography.Text>
                  </Space>
                ),
              },
              status === 'open'
                ? {
                    title: t('timeLeft'),
                    sorter: (a, b) => Date.parse(a.deadline) - Date.parse(b.deadline),
                    defaultSortOrder: 'ascend',
                    render: (_, x) => (
                      <Space direction="vertical" size={0}>
                        <WorkingDaysLeft days={x.workingDaysLeft} breached={x.breached} />
                        <DeadlineTag
                          deadline={x.deadline}
                          provisional={x.provisional}
                          breached={x.breached}
                          open
                        />
                      </Space>
                    ),
                  }
                : {
                    title: t('decision'),
                    render: (_, x) =>
                      `${name(x.decision ?? x.status)} · ${x.completedByName ?? x.completedBy ?? ''}${
                        x.completedFor
                          ? `(${t('actingFor').replace('{name}', x.completedForName ?? x.completedFor)})`
                          : ''
                      } · ${formatInstant(x.completedAt, lang)}`,
                  },
              ...(status === 'open'
                ? [
                    {
                      title: t('claim'),
                      render: (_: unknown, x: InboxTask) =>
                        x.actingFor ? (
                          <Tag color="blue" data-testid="acting-for">
                            {t('actingFor').replace('{name}', x.actingForName ?? x.actingFor)}
                          </Tag>
                        ) : x.claimedBy === user.username ? (
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
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Loadable>
    </Card>
  );
}
