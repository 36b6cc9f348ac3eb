/** Requests of the caller's department (city roles: all), and one request's case page. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, qs } from '../api/client';
import { useApiErrors } from '../api/form-errors';
import type { Grant, Page, RequestDetail, RequestSummary } from '../api/types';
import { hasRole, useMe } from '../auth/session';
import { BpmnDiagram, type StepState } from '../components/BpmnDiagram';
import { CaseSteps } from '../components/CaseSteps';
import { NextStep } from '../components/NextStep';
import { PrintFormButton } from '../components/PrintFormButton';
import { CaseAttachments } from '../components/CaseAttachments';
import { CaseDeadlines, CaseTimeline } from '../components/CaseTimeline';
import { DeadlineTag } from '../components/DeadlineTag';
import { Loadable } from '../components/Loadable';
import { formatInstant } from '../format';
import { useI18n } from '../i18n/i18n';
import { DisputeButton } from './FormsPages';

/** Statuses in which a request can still be withdrawn: before its decision. */
const UNDECIDED = ['submitted', 'provider_review', 'statutory_review', 'platform_review'];
const CLOSED = ['granted', 'denied', 'withdrawn'];

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

/** The withdraw button while the request is undecided, for a requester of the requesting department. */
function WithdrawButton({ id }: { id: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errors = useApiErrors();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const withdraw = useMutation({
    mutationFn: () =>
      api<RequestDetail>(`/api/requests/${encodeURIComponent(id)}/withdraw`, {
        method: 'POST',
        body: { reason: reason.trim() || undefined },
      }),
    onSuccess: () => {
      message.success(t('withdrawn'));
      qc.invalidateQueries({ queryKey: ['request', id] });
      qc.invalidateQueries({ queryKey: ['requests'] });
    },
    onError: errors.show,
  });
  return (
    <Popconfirm
      title={t('withdraw')}
      description={
        <Space direction="vertical" style={{ maxWidth: 320 }}>
          {t('withdrawConfirm')}
          <Input.TextArea
            rows={2}
            maxLength={2000}
            placeholder={t('reason')}
            aria-label={t('reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Space>
      }
      okText={t('withdraw')}
      okButtonProps={{ danger: true, loading: withdraw.isPending, id: 'withdraw-confirm' }}
      onConfirm={() => withdraw.mutateAsync().catch(() => undefined)}
    >
      <Button danger data-testid="withdraw">
        {t('withdraw')}
      </Button>
    </Popconfirm>
  );
}

/** What a grant gives: its items, its period and end, and how the consumer uses it. */
function GrantDetails({ grant: g }: { grant: NonNullable<Grant> }) {
  const { t, name } = useI18n();
  const how = { api: t('useApi'), verification: t('useVerification'), file: t('useFile') }[g.mode];
  return (
    <Card title={`${t('grantDetails')} ${g.id}`} size="small" data-testid="grant-details">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('status')}>
          <Tag color={g.status === 'active' ? 'green' : 'default'}>{name(g.status)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('items')}>{g.items.join('、')}</Descriptions.Item>
        <Descriptions.Item label={t('usagePeriod')}>
          {g.usageFrom} ~ {g.usageTo}
        </Descriptions.Item>
        <Descriptions.Item label={t('grantExpires')}>
          {g.endedAt ? g.endedAt.slice(0, 10) : g.usageTo}
        </Descriptions.Item>
        <Descriptions.Item label={t('mode')}>{name(g.mode)}</Descriptions.Item>
        <Descriptions.Item label={t('howToUse')}>{how}</Descriptions.Item>
        {g.endReason ? <Descriptions.Item label={t('reason')}>{g.endReason}</Descriptions.Item> : null}
      </Descriptions>
    </Card>
  );
}

export function RequestCase({ request: r }: { request: RequestDetail }) {
  const { t, name, lang, text, holder } = useI18n();
  const me = useMe().data;
  const party = me && [r.consumerDepartment.code, r.providerDepartment.code].includes(me.department.code);
  const closedText =
    r.status === 'granted' && r.grant
      ? t('nextGranted').replace('{mode}', name(r.grant.mode))
      : r.status === 'denied'
        ? r.dispute
          ? t('nextDisputed')
          : t('nextDenied')
        : r.status === 'withdrawn'
          ? t('nextWithdrawn')
          : null;
  const actions = (
    <Space>
      {me &&
      hasRole(me, 'requester') &&
      me.department.code === r.consumerDepartment.code &&
      UNDECIDED.includes(r.status) ? (
        <WithdrawButton id={r.id} />
      ) : null}
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
      <Col span={24}>
        <Card size="small" extra={<PrintFormButton caseType="sharing_request" caseId={r.id} />}>
          <CaseSteps
            process="sharing_request"
            start={{ label: t('stepFiled'), at: r.submittedAt }}
            path={['provider_review', 'platform_review']}
            deadlines={r.deadlines}
            timeline={r.timeline}
            end={{
              label: CLOSED.includes(r.status) ? name(r.status) : t('stepGrant'),
              closed: CLOSED.includes(r.status),
              failed: r.status !== 'granted',
            }}
          />
          <NextStep task={r.currentTask} closedText={closedText} waitingText={t('nextStepRouting')} />
        </Card>
      </Col>
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
      {r.grant ? (
        <Col xs={24} lg={12}>
          <GrantDetails grant={r.grant} />
        </Col>
      ) : null}
      <Col xs={24} lg={12}>
        <CaseDeadlines deadlines={r.deadlines} />
      </Col>
      <Col xs={24} lg={12}>
        <CaseTimeline
          timeline={r.timeline}
          comment={party ? { caseType: 'sharing_request', caseId: r.id } : undefined}
        />
      </Col>
      <Col xs={24} lg={12}>
        <CaseAttachments caseType="sharing_request" caseId={r.id} />
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
