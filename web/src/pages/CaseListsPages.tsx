/** Lists of corrections, disputes and reforms: the caller's department's (city roles: all), newest first. */
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, qs } from '../api/client';
import type { CorrectionSummary, DisputeSummary, Page, ReformSummary, User } from '../api/types';
import { hasRole } from '../auth/session';
import { Loadable } from '../components/Loadable';
import { formatInstant } from '../format';
import { useI18n } from '../i18n/i18n';

const CORRECTION_STATUSES: CorrectionSummary['status'][] = [
  'provider_reply',
  'consumer_review',
  'accepted',
  'disputed',
  'resolved',
  'upheld',
];
const DISPUTE_STATUSES: DisputeSummary['status'][] = [
  'negotiation',
  'coordination',
  'ruling',
  'resolved',
  'ruled',
];

/** One list page: a title, the endpoint, its status filter (if any) and its columns. */
function CaseList<T extends { id: string }>({
  title,
  path,
  statuses,
  columns,
  extra,
  testId,
}: {
  title: string;
  path: string;
  statuses?: readonly string[];
  columns: ColumnsType<T>;
  extra?: ReactNode;
  testId: string;
}) {
  const { t, name } = useI18n();
  const [status, setStatus] = useState<string>();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: [path, status, page],
    queryFn: () => api<Page<T>>(`${path}${qs({ status, page, pageSize: 20 })}`),
  });
  return (
    <Card
      title={title}
      extra={
        <>
          {statuses ? (
            <Select
              allowClear
              placeholder={t('status')}
              style={{ width: 180 }}
              options={statuses.map((s) => ({ value: s, label: name(s) }))}
              onChange={(s) => {
                setStatus(s);
                setPage(1);
              }}
            />
          ) : null}
          {extra}
        </>
      }
    >
      <Loadable query={list}>
        {(data) => (
          <Table
            rowKey="id"
            data-testid={testId}
            dataSource={data.items}
            pagination={{
              current: page,
              total: data.total,
              pageSize: 20,
              onChange: setPage,
              showTotal: (n) => t('totalOf').replace('{n}', String(n)),
            }}
            columns={columns}
          />
        )}
      </Loadable>
    </Card>
  );
}

export function CorrectionsPage() {
  const { t, name, lang, dept } = useI18n();
  return (
    <CaseList<CorrectionSummary>
      title={t('corrections')}
      path="/api/corrections"
      statuses={CORRECTION_STATUSES}
      testId="correction-list"
      columns={[
        { title: 'ID', render: (_, c) => <Link to={`/corrections/${c.id}`}>{c.id}</Link> },
        { title: t('resource'), dataIndex: 'resourceName' },
        { title: t('status'), render: (_, c) => <Tag>{name(c.status)}</Tag> },
        { title: t('consumer'), render: (_, c) => dept(c.consumerDepartment, c.consumerDepartmentName) },
        { title: t('provider'), render: (_, c) => dept(c.providerDepartment, c.providerDepartmentName) },
        {
          title: t('submittedAt'),
          className: 'gs-hide-narrow',
          render: (_, c) => (
            <>
              {formatInstant(c.filedAt, lang)} {c.late ? <Tag color="orange">{t('late')}</Tag> : null}
            </>
          ),
        },
      ]}
    />
  );
}

export function DisputesPage() {
  const { t, name, lang, dept } = useI18n();
  return (
    <CaseList<DisputeSummary>
      title={t('disputes')}
      path="/api/disputes"
      statuses={DISPUTE_STATUSES}
      testId="dispute-list"
      columns={[
        { title: 'ID', render: (_, d) => <Link to={`/disputes/${d.id}`}>{d.id}</Link> },
        { title: t('subject'), render: (_, d) => `${name(d.subjectType)} ${d.subjectId}` },
        { title: t('status'), render: (_, d) => <Tag>{name(d.status)}</Tag> },
        { title: t('provider'), render: (_, d) => dept(d.providerDepartment, d.providerDepartmentName) },
        { title: t('consumer'), render: (_, d) => dept(d.consumerDepartment, d.consumerDepartmentName) },
        {
          title: t('openedAt'),
          className: 'gs-hide-narrow',
          render: (_, d) => formatInstant(d.openedAt, lang),
        },
      ]}
    />
  );
}

export function ReformsPage({ user }: { user: User }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  return (
    <CaseList<ReformSummary>
      title={t('reforms')}
      path="/api/reforms"
      testId="reform-list"
      extra={
        hasRole(user, 'lg_office', 'admin') ? (
          <Button type="primary" onClick={() => navigate('/reforms/new')} data-testid="register-reform">
            {t('registerReform')}
          </Button>
        ) : null
      }
      columns={[
        { title: 'ID', render: (_, r) => <Link to={`/reforms/${r.id}`}>{r.id}</Link> },
        { title: t('reform'), dataIndex: 'title' },
        { title: t('effectiveDate'), dataIndex: 'effectiveDate' },
        { title: t('progress'), render: (_, r) => `${r.met} / ${r.departments}` },
        {
          title: t('submittedAt'),
          className: 'gs-hide-narrow',
          render: (_, r) => formatInstant(r.registeredAt, lang),
        },
      ]}
    />
  );
}
