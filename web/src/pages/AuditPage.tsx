/**
 * The auditor's page (art. 32, 33): search the audit trail by user,
 * department, entity, action, outcome and days; download what was found;
 * verify both logs' hash chains and see their latest signed checkpoints and
 * how long the policy keeps them. Auditors read; the administrator may sign a
 * checkpoint now.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, qs } from '../api/client';
import { useApiErrors } from '../api/form-errors';
import { download } from '../api/download';
import type { AuditEntry, AuditVerification, Page, User } from '../api/types';
import { hasRole } from '../auth/session';
import { useI18n } from '../i18n/i18n';

interface Filter {
  actor?: string;
  department?: string;
  entityId?: string;
  action?: string;
  outcome?: 'ok' | 'refused';
  from?: string;
  to?: string;
}

export function AuditPage({ user }: { user: User }) {
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {hasRole(user, 'auditor') ? <AuditSearch /> : null}
      <Integrity maySign={hasRole(user, 'admin')} />
    </Space>
  );
}

function AuditSearch() {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Filter>({});
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState(1);
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: () => api<{ departments: { code: string; name: string; nameEn: string }[] }>('/api/departments'),
  });
  const query = qs({ ...filter });
  const entries = useQuery({
    queryKey: ['audit', query, page],
    queryFn: () => api<Page<AuditEntry>>(`/api/audit${qs({ ...filter, page, pageSize: 20 })}`),
  });
  const search = () => {
    setPage(1);
    setFilter({
      ...Object.fromEntries(Object.entries(draft).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])),
      from: range?.[0].format('YYYY-MM-DD'),
      to: range?.[1].format('YYYY-MM-DD'),
    });
  };
  const set = (k: keyof Filter) => (v: string | undefined) =>
    setDraft((d) => ({ ...d, [k]: v || undefined }));
  return (
    <Card title={t('audit')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input
          allowClear
          placeholder={t('auditActor')}
          style={{ width: 140 }}
          onChange={(e) => set('actor')(e.target.value)}
          data-testid="audit-actor"
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('department')}
          style={{ width: 180 }}
          options={(departments.data?.departments ?? []).map((d) => ({ value: d.code, label: d.name }))}
          onChange={set('department')}
        />
        <Input
          allowClear
          placeholder={t('auditEntity')}
          style={{ width: 180 }}
          onChange={(e) => set('entityId')(e.target.value)}
        />
        <Input
          allowClear
          placeholder={t('auditAction')}
          style={{ width: 180 }}
          onChange={(e) => set('action')(e.target.value)}
        />
        <Select
          allowClear
          placeholder={t('auditOutcome')}
          style={{ width: 110 }}
          options={[
            { value: 'ok', label: t('outcomeOk') },
            { value: 'refused', label: t('outcomeRefused') },
          ]}
          onChange={set('outcome')}
          data-testid="audit-outcome"
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)}
        />
        <Button type="primary" onClick={search} data-testid="audit-search">
          {t('auditSearch')}
        </Button>
        <Button
          onClick={() => download(`/api/audit/export.csv${query}`, 'audit.csv')}
          data-testid="audit-csv"
        >
          {t('exportCsv')}
        </Button>
        <Button onClick={() => download(`/api/audit/export.xlsx${query}`, 'audit.xlsx')}>
          {t('exportXlsx')}
        </Button>
      </Space>
      <AuditTable
        entries={entries.data}
        loading={entries.isFetching}
        error={entries.error}
        page={page}
        setPage={setPage}
      />
    </Card>
  );
}

function AuditTable({
  entries,
  loading,
  error,
  page,
  setPage,
}: {
  entries: Page<AuditEntry> | undefined;
  loading: boolean;
  error: Error | null;
  page: number;
  setPage: (p: number) => void;
}) {
  const { t, lang, dept } = useI18n();
  return (
    <>
      {error ? <Typography.Text type="danger">{error.message}</Typography.Text> : null}
      <Table<AuditEntry>
        rowKey="pos"
        size="small"
        loading={loading}
        data-testid="audit-table"
        dataSource={entries?.items ?? []}
        scroll={{ x: true }}
        pagination={{
          current: page,
          pageSize: 20,
          total: entries?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (n) => t('auditEntries').replace('{n}', String(n)),
        }}
        columns={[
          { title: t('time'), dataIndex: 'at', render: (v: string) => v.slice(0, 19).replace('T', ' ') },
          {
            title: t('auditActor'),
            render: (_, e) =>
              e.actor ? (
                <span title={`${e.actor}${e.actorDepartment ? `@${e.actorDepartment}` : ''}`}>
                  {e.actorName ?? e.actor}
                  {e.actorDepartment ? `(${dept(e.actorDepartment, e.actorDepartmentName)})` : ''}
                </span>
              ) : (
                t('systemActor')
              ),
          },
          { title: t('auditActionColumn'), dataIndex: 'action' },
          { title: t('auditEntity'), render: (_, e) => `${e.entityType} ${e.entityId}` },
          { title: t('auditAddress'), dataIndex: 'ip', render: (v: string | null) => v ?? '' },
          {
            title: t('auditOutcome'),
            dataIndex: 'outcome',
            render: (v: string) =>
              v === 'refused' ? (
                <Tag color="red">{t('outcomeRefused')}</Tag>
              ) : (
                <Tag color="green">{t('outcomeOk')}</Tag>
              ),
          },
          {
            title: t('auditDetail'),
            render: (_, e) => (
              <Typography.Text
                ellipsis={{ tooltip: JSON.stringify(e.detail) }}
                style={{ maxWidth: 260 }}
                data-testid="audit-detail"
              >
                {e.detail ? JSON.stringify(e.detail) : ''}
              </Typography.Text>
            ),
          },
        ]}
        locale={lang === 'zh' ? undefined : { emptyText: 'No entries' }}
      />
    </>
  );
}

function Integrity({ maySign }: { maySign: boolean }) {
  const { t, text } = useI18n();
  const { message } = App.useApp();
  const errors = useApiErrors();
  const verification = useQuery({
    queryKey: ['audit-verify'],
    queryFn: () => api<AuditVerification>('/api/audit/verify'),
    enabled: false,
  });
  const sign = useMutation({
    mutationFn: () => api<unknown>('/api/audit/checkpoints', { method: 'POST', body: {} }),
    onSuccess: () => verification.refetch(),
    onError: errors.show,
  });
  const v = verification.data;
  return (
    <Card
      title={t('integrity')}
      extra={
        <Space>
          {maySign ? (
            <Button onClick={() => sign.mutate()} loading={sign.isPending} data-testid="audit-sign">
              {t('signNow')}
            </Button>
          ) : null}
          <Button
            type="primary"
            onClick={() => verification.refetch()}
            loading={verification.isFetching}
            data-testid="audit-verify"
          >
            {t('verify')}
          </Button>
        </Space>
      }
    >
      {verification.error ? (
        <Typography.Text type="danger">{verification.error.message}</Typography.Text>
      ) : null}
      {v ? (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="audit-integrity">
          {v.retention ? (
            <Typography.Text data-testid="audit-retention">{text(v.retention.label)}</Typography.Text>
          ) : null}
          <Typography.Text type={v.protection.complete ? undefined : 'warning'}>
            {v.protection.complete ? t('protectedByDb') : t('notProtectedByDb')}
          </Typography.Text>
          {v.logs.map((l) => (
            <Descriptions
              key={l.log}
              size="small"
              bordered
              column={1}
              title={
                <Space>
                  {l.log === 'audit' ? t('auditLogName') : t('exchangeLogName')}
                  <Tag color={l.ok ? 'green' : 'red'} data-testid={`chain-${l.log}`}>
                    {l.ok ? t('chainIntact') : t('chainBroken')}
                  </Tag>
                  <Typography.Text type="secondary">
                    {l.rows} {t('chainRows')}
                  </Typography.Text>
                </Space>
              }
              items={[
                ...(l.firstBroken
                  ? [
                      {
                        key: 'broken',
                        label: t('firstBroken'),
                        children: `#${l.firstBroken.pos} ${l.firstBroken.message}`,
                      },
                    ]
                  : []),
                ...(l.archived.rows
                  ? [
                      {
                        key: 'archived',
                        label: t('archived'),
                        children: `${l.archived.rows} ${t('chainRows')} (#1–#${l.archived.toPos})`,
                      },
                    ]
                  : []),
                {
                  key: 'checkpoint',
                  label: t('latestCheckpoint'),
                  children: l.latestCheckpoint
                    ? `#${l.latestCheckpoint.pos} · ${l.latestCheckpoint.at.slice(0, 16).replace('T', ' ')} · ${l.latestCheckpoint.hash.slice(0, 16)}…`
                    : t('noCheckpoint'),
                },
              ]}
            />
          ))}
          <Typography.Text type="secondary" copyable={{ text: v.signingKey.publicKeyPem }}>
            {t('signingKey')}: {v.signingKey.keyId.slice(0, 16)}…
          </Typography.Text>
        </Space>
      ) : null}
    </Card>
  );
}
