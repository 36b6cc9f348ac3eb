/** Requests of the caller's department (city roles: all), and one request's case page. */
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Row, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, qs } from '../api/client';
import type { Page, RequestDetail, RequestSummary } from '../api/types';
import { useMe } from '../auth/session';
import { BpmnDiagram, type StepState } from '../components/BpmnDiagram';
import { CaseDeadlines, CaseTimeline } from '../components/CaseTimeline';
import { DeadlineTag } from '../components/DeadlineTag';
import { Loadable } from '../components/Loadable';
import { formatInstant } from '../format';
import { useI18n } from '../i18n/i18n';
import { DisputeButton } from './FormsPages';

const STATUSES = ['provider_review', 'statutory_review', 'platform_review', 'granted', 'denied', 'withdrawn'];
const STATUS_COLORS: Record<string, string> = {
  granted: 'green',
  denied: 'red',
  withdrawn: 'default',
  provider_review: 'blue',
  statutory_review: 'blue',
  platform_review: 'purple',
};

export function RequestsPage() {
  const { t, name, lang, text, holder } = useI18n();
  const [status, setStatus] = useState<string>();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['requests', status, page],
    queryFn: () => api<Page<RequestSummary>>(`/api/requests${qs({ status, page, pageSize: 10 })}`),
  });
  return (
    <Card
      title={t('myRequests')}
      extra={
        <Select
          allowClear
          placeholder={t('status')}
          style={{ width: 160 }}
          options={STATUSES.map((s) => ({ value: s, label: name(s) }))}
          onChange={setStatus}
        />
      }
    >
      <Loadable query={list}>
        {(data) => (
          <Table
            rowKey="id"
            dataSource={data.items}
            pagination={{ current: page, total: data.total, pageSize: 10, onChange: setPage }}
            columns={[
              { title: 'ID', render: (_, r) => <Link to={`/requests/${r.id}`}>{r.id}</Link> },
              { title: t('resource'), dataIndex: 'resourceName' },
              {
                title: t('status'),
                render: (_, r) => (
                  <Tag color={STATUS_COLORS[r.status]} data-testid="request-status">
                    {name(r.status)}
                  </Tag>
                ),
              },
              {
                title: t('currentHolder'),
                render: (_, r) =>
                  r.currentTask
                    ? `${text(r.currentTask.stepName)} · ${r.currentTask.holders.map(holder).join(' / ')}`
                    : '—',
              },
              {
                title: t('nextDeadline'),
                render: (_, r) =>
                  r.currentTask ? (
                    <DeadlineTag
                      deadline={r.currentTask.deadline}
                      citation={r.currentTask.citation}
                      limit={r.currentTask.limit}
                      provisional={r.currentTask.provisional}
                      breached={r.currentTask.breached}
                    />
                  ) : (
                    '—'
                  ),
              },
              {
                title: t('consumer'),
                className: 'gs-hide-narrow',
                render: (_, r) => (lang === 'zh' ? r.consumerDepartment.name : r.consumerDepartment.nameEn),
              },
              {
                title: t('submittedAt'),
                className: 'gs-hide-narrow',
                render: (_, r) => formatInstant(r.submittedAt, lang),
              },
            ]}
          />
        )}
      </Loadable>
    </Card>
  );
}

export function stepStates(deadlines: RequestDetail['deadlines']): StepState[] {
  return deadlines.map((d) => ({
    step: d.step,
    state: d.status === 'open' ? (d.breached ? 'breached' : 'current') : d.breached ? 'breached' : 'done',
  }));
}

export function RequestCase({ request: r }: { request: RequestDetail }) {
  const { t, name, lang, text, holder } = useI18n();
  const me = useMe().data;
  const party = me && [r.consumerDepartment.code, r.providerDepartment.code].includes(me.department.code);
  const actions = (
    <Space>
      {party && r.status === 'denied' && !r.dispute ? (
        <DisputeButton subjectType="request" subjectId={r.id} />
      ) : null}
      {party && r.grant?.status === 'revoked' && r.grant.part === 'main' ? (
        // Art. 25: a revocation can be disputed like a denial.
        <DisputeButton subjectType="grant" subjectId={r.grant.id} />
      ) : null}
      {me?.department.code === r.consumerDepartment.code && r.grant ? (
        <Link to={`/corrections/new?resource=${r.resourceCode}&grant=${r.grant.id}`}>
          <Button data-testid="report-error">{t('reportError')}</Button>
        </Link>
      ) : null}
    </Space>
  );
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={`${t('caseOf')} ${r.id}`} size="small" extra={actions}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('resource')}>
              {r.resourceName} ({r.resourceCode})
            </Descriptions.Item>
            <Descriptions.Item label={t('status')}>
              <Tag color={STATUS_COLORS[r.status]} data-testid="case-status">
                {name(r.status)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('consumer')}>
              {lang === 'zh' ? r.consumerDepartment.name : r.consumerDepartment.nameEn}
            </Descriptions.Item>
            <Descriptions.Item label={t('provider')}>
              {lang === 'zh' ? r.providerDepartment.name : r.providerDepartment.nameEn}
            </Descriptions.Item>
            <Descriptions.Item label={t('items')}>{r.items.join('、')}</Descriptions.Item>
            <Descriptions.Item label={t('purpose')}>{r.purpose}</Descriptions.Item>
            {r.basis ? <Descriptions.Item label={t('basis')}>{r.basis}</Descriptions.Item> : null}
            <Descriptions.Item label={t('usagePeriod')}>
              {r.usageFrom} ~ {r.usageTo}
            </Descriptions.Item>
            {r.conditions.map((c) => (
              <Descriptions.Item key={c.id} label={c.question}>
                <span data-testid="condition-answer">{c.answer}</span>
              </Descriptions.Item>
            ))}
            {r.currentTask ? (
              <Descriptions.Item label={t('currentHolder')}>
                {text(r.currentTask.stepName)} · {r.currentTask.holders.map(holder).join(' / ')}{' '}
                <DeadlineTag
                  deadline={r.currentTask.deadline}
                  citation={r.currentTask.citation}
                  limit={r.currentTask.limit}
                  provisional={r.currentTask.provisional}
                  breached={r.currentTask.breached}
                />
              </Descriptions.Item>
            ) : null}
            {r.decisionReason ? (
              <Descriptions.Item label={t('reason')}>{r.decisionReason}</Descriptions.Item>
            ) : null}
            {r.grant ? (
              <Descriptions.Item label={t('grant')}>
                <Tag color={r.grant.status === 'active' ? 'green' : 'default'}>
                  {r.grant.id} · {name(r.grant.status)}
                </Tag>
              </Descriptions.Item>
            ) : null}
            {r.baseGrant ? (
              <Descriptions.Item label={t('baseGrant')}>
                <Tag color={r.baseGrant.status === 'active' ? 'green' : 'default'} data-testid="base-grant">
                  {r.baseGrant.id} · {r.baseGrant.items.join('、')} · {name(r.baseGrant.status)}
                </Tag>
              </Descriptions.Item>
            ) : null}
            {r.dispute || r.corrections.length ? (
              <Descriptions.Item label={t('related')}>
                <Space wrap data-testid="related-cases">
                  {r.dispute ? (
                    <Link to={`/disputes/${r.dispute.id}`}>
                      {name('dispute')} {r.dispute.id} · {name(r.dispute.status)}
                    </Link>
                  ) : null}
                  {r.corrections.map((c) => (
                    <Link key={c.id} to={`/corrections/${c.id}`}>
                      {name('correction')} {c.id} · {name(c.status)}
                    </Link>
                  ))}
                </Space>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <BpmnDiagram process="sharing_request" steps={stepStates(r.deadlines)} />
      </Col>
      <Col xs={24} lg={12}>
        <CaseDeadlines deadlines={r.deadlines} />
      </Col>
      <Col xs={24} lg={12}>
        <CaseTimeline timeline={r.timeline} />
      </Col>
    </Row>
  );
}

export function RequestPage() {
  const { id } = useParams();
  const request = useQuery({
    queryKey: ['request', id],
    queryFn: () => api<RequestDetail>(`/api/requests/${id}`),
    refetchInterval: (q) =>
      q.state.data &&
      ['submitted', 'provider_review', 'statutory_review', 'platform_review'].includes(q.state.data.status)
        ? 5000
        : false,
  });
  return <Loadable query={request}>{(r) => <RequestCase request={r} />}</Loadable>;
}
