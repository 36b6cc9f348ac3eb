/** Case pages of corrections, disputes, reforms and security incidents: details, diagram with the steps coloured, deadlines, timeline. */
import { useStep } from '../api/processes';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Row, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/client';
import type { CaseProgress, Correction, Dispute, Reform, SecurityIncident } from '../api/types';
import { BpmnDiagram } from '../components/BpmnDiagram';
import { CaseSteps, type CaseStepsProps } from '../components/CaseSteps';
import { NextStep } from '../components/NextStep';
import { PrintFormButton } from '../components/PrintFormButton';
import { CaseAttachments } from '../components/CaseAttachments';
import { CaseDeadlines, CaseTimeline } from '../components/CaseTimeline';
import { Loadable } from '../components/Loadable';
import { ObligationResources } from '../components/ObligationResources';
import { hasRole, useMe } from '../auth/session';
import { formatInstant } from '../format';
import { useI18n } from '../i18n/i18n';
import { stepStates } from './RequestsPage';

/** A case's progress: the step bar, the diagram with its steps coloured, the deadlines and the timeline. */
export function Progress({
  process,
  caseId,
  p,
  status,
  start,
}: {
  process: string;
  caseId: string;
  p: CaseProgress;
  /** The case's status, and its first step (filed, opened) with its time. */
  status: string;
  start: CaseStepsProps['start'];
}) {
  const { t, name } = useI18n();
  const end = { label: closed(status) ? name(status) : t('stepClosed'), closed: closed(status) };
  return (
    <>
      <Col span={24}>
        <Card size="small" extra={<PrintFormButton caseType={process} caseId={caseId} />}>
          <CaseSteps
            process={process}
            deadlines={p.deadlines}
            timeline={p.timeline}
            start={start}
            end={end}
          />
          <NextStep
            task={p.currentTask}
            closedText={end.closed ? t('nextClosed') : null}
            waitingText={t('nextStepRouting')}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <BpmnDiagram process={process} steps={stepStates(p.deadlines)} />
      </Col>
      <Col xs={24} lg={12}>
        <CaseDeadlines deadlines={p.deadlines} />
      </Col>
      <Col xs={24} lg={12}>
        <CaseTimeline timeline={p.timeline} comment={{ caseType: process, caseId }} />
      </Col>
      {ATTACHABLE.has(process) ? (
        <Col xs={24} lg={12}>
          <CaseAttachments caseType={process} caseId={caseId} />
        </Col>
      ) : null}
    </>
  );
}

/** The processes whose cases take attachments (letters, evidence); requests show theirs on their own page. */
const ATTACHABLE = new Set(['correction', 'dispute']);

/** The statuses that end a case of these processes (a correction, a dispute, an obligation, an incident, a catalogue draft). */
const CLOSED = new Set(['accepted', 'resolved', 'upheld', 'ruled', 'met', 'published', 'withdrawn']);
const closed = (status: string) => CLOSED.has(status);

export function CorrectionCase({ c }: { c: Correction }) {
  const { t, name, lang, dept } = useI18n();
  const filing = useStep('correction', 'filing');
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={`${name('correction')} ${c.id}`} size="small">
          {c.late ? (
            <Alert
              type="warning"
              showIcon
              message={
                lang === 'zh'
                  ? `逾期反馈:超过发现之日起${filing?.limit.zh ?? '规定期限'}(${filing?.citation.zh ?? ''})`
                  : `Filed late: more than ${filing?.limit.en ?? 'the set period'} after the discovery (${filing?.citation.en ?? ''})`
              }
              style={{ marginBottom: 12 }}
              data-testid="late"
            />
          ) : null}
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('resource')}>
              {c.resourceName} ({c.resourceCode})
            </Descriptions.Item>
            {c.requestId ? (
              <Descriptions.Item label={t('ofRequest')}>
                <Link to={`/requests/${c.requestId}`} data-testid="request-link">
                  {c.requestId}
                </Link>
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('status')}>
              <Tag data-testid="case-status">{name(c.status)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('consumer')}>
              {dept(c.consumerDepartment, c.consumerDepartmentName)}
            </Descriptions.Item>
            <Descriptions.Item label={t('provider')}>
              {dept(c.providerDepartment, c.providerDepartmentName)}
            </Descriptions.Item>
            <Descriptions.Item label={t('items')}>{c.items.join('、')}</Descriptions.Item>
            <Descriptions.Item label={t('discoveredAt')}>
              {formatInstant(c.discoveredAt, lang)}
            </Descriptions.Item>
            <Descriptions.Item label={t('submittedAt')}>{formatInstant(c.filedAt, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('problem')}>{c.description}</Descriptions.Item>
            {c.evidence ? <Descriptions.Item label={t('evidence')}>{c.evidence}</Descriptions.Item> : null}
            {c.reply ? (
              <Descriptions.Item label="提供部门回复">
                {name(c.reply.decision)}:{c.reply.text}
              </Descriptions.Item>
            ) : null}
            {c.dispute ? (
              <Descriptions.Item label={name('dispute')}>
                <Link to={`/disputes/${c.dispute.id}`}>{c.dispute.id}</Link> · {name(c.dispute.status)}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        </Card>
      </Col>
      <Progress
        process="correction"
        caseId={c.id}
        p={c}
        status={c.status}
        start={{ label: t('stepFiled'), at: c.filedAt }}
      />
    </Row>
  );
}

export function DisputeCase({ d }: { d: Dispute }) {
  const { t, name, dept } = useI18n();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={`${name('dispute')} ${d.id}`} size="small">
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('caseOf')}>
              {d.subjectType === 'request' || d.subjectType === 'correction' ? (
                <Link to={`/${d.subjectType === 'request' ? 'requests' : 'corrections'}/${d.subjectId}`}>
                  {d.subjectId}
                </Link>
              ) : (
                // A grant or an exchange has no page of its own yet: its id, as the parties know it.
                d.subjectId
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('status')}>
              <Tag data-testid="case-status">{name(d.status)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('provider')}>
              {dept(d.providerDepartment, d.providerDepartmentName)}
            </Descriptions.Item>
            <Descriptions.Item label={t('consumer')}>
              {dept(d.consumerDepartment, d.consumerDepartmentName)}
            </Descriptions.Item>
            {d.subjectRecord?.report ? (
              <Descriptions.Item label={t('originalReport')}>
                <span data-testid="original-report">{d.subjectRecord.report}</span>
              </Descriptions.Item>
            ) : null}
            {d.subjectRecord?.answer ? (
              <Descriptions.Item label={t('providerAnswer')}>
                <span data-testid="provider-answer">
                  {d.subjectRecord.answerDecision ? `${name(d.subjectRecord.answerDecision)}:` : ''}
                  {d.subjectRecord.answer}
                </span>
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('disputeClaim')}>{d.claim}</Descriptions.Item>
            {d.proposal ? (
              <Descriptions.Item label={t('proposal')}>
                {d.proposal.text}({d.proposal.byName ?? d.proposal.by})
              </Descriptions.Item>
            ) : null}
            {d.outcome ? (
              <Descriptions.Item label={t('decision')}>
                {name(d.outcome.stage)} · {name(d.outcome.decision)}:{d.outcome.text}({d.outcome.by})
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        </Card>
      </Col>
      <Progress
        process="dispute"
        caseId={d.id}
        p={d}
        status={d.status}
        start={{ label: t('stepOpened'), at: d.openedAt }}
      />
    </Row>
  );
}

export function ReformView({ r, only }: { r: Reform; only?: string }) {
  const { t, name, lang, dept } = useI18n();
  const user = useMe().data;
  const steward = (department: string) =>
    Boolean(user && hasRole(user, 'data_steward') && user.department.code === department);
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card title={`${r.title}(${r.id})`} size="small">
          <Tag>{name(r.trigger)}</Tag>
          {t('effectiveDate')} {r.effectiveDate} · {r.registeredByName ?? r.registeredBy} ·{' '}
          {formatInstant(r.registeredAt, lang)}
          {r.description ? <div>{r.description}</div> : null}
          {r.late ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 8 }}
              data-testid="reform-late"
              message={
                lang === 'zh'
                  ? `逾期登记:登记时目录更新期限已过${r.daysLate}日,各部门直接进入责令改正程序`
                  : `Registered late: ${r.daysLate} days after the update period ended; each department goes straight to a rectification order`
              }
            />
          ) : null}
        </Card>
      </Col>
      {r.obligations
        .filter((o) => !only || o.id === only)
        .map((o) => (
          <Col span={24} key={o.id}>
            <Card
              title={`${dept(o.department, o.departmentName)} · ${name(o.status)}`}
              size="small"
              data-testid={`obligation-${o.department}`}
            >
              {o.sanctions.map((s) => (
                <Tag key={s.id} color={s.liftedAt ? 'default' : 'red'}>
                  {name(s.kind)}
                  {s.liftedAt ? (lang === 'zh' ? '(已解除)' : ' (lifted)') : ''}
                </Tag>
              ))}
              <ObligationResources
                reformId={r.id}
                o={o}
                mayDecide={steward(o.department) && o.status !== 'met'}
              />
              <Row gutter={[16, 16]}>
                <Progress
                  process="catalogue_update"
                  caseId={o.id}
                  p={{ currentTask: o.currentTasks[0] ?? null, deadlines: o.deadlines, timeline: o.timeline }}
                  status={o.status}
                  start={{ label: t('stepOpened'), at: r.registeredAt }}
                />
              </Row>
            </Card>
          </Col>
        ))}
    </Row>
  );
}

export function CorrectionPage() {
  const { id } = useParams();
  const q = useQuery({
    queryKey: ['correction', id],
    queryFn: () => api<Correction>(`/api/corrections/${id}`),
  });
  return <Loadable query={q}>{(c) => <CorrectionCase c={c} />}</Loadable>;
}

export function DisputePage() {
  const { id } = useParams();
  const q = useQuery({ queryKey: ['dispute', id], queryFn: () => api<Dispute>(`/api/disputes/${id}`) });
  return <Loadable query={q}>{(d) => <DisputeCase d={d} />}</Loadable>;
}

export function ReformPage() {
  const { id } = useParams();
  const q = useQuery({ queryKey: ['reform', id], queryFn: () => api<Reform>(`/api/reforms/${id}`) });
  return <Loadable query={q}>{(r) => <ReformView r={r} />}</Loadable>;
}

export function IncidentCase({ i }: { i: SecurityIncident }) {
  const { t, name, lang, dept } = useI18n();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={`${name('security_incident')} ${i.id}`} size="small">
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('incidentTitle')}>{i.title}</Descriptions.Item>
            <Descriptions.Item label={t('status')}>
              <Tag data-testid="case-status">{name(i.status)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('department')}>
              {dept(i.department, i.departmentName)}
            </Descriptions.Item>
            <Descriptions.Item label={t('severity')}>{name(i.severity)}</Descriptions.Item>
            <Descriptions.Item label={t('occurredAt')}>{formatInstant(i.occurredAt, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('submittedAt')}>
              {formatInstant(i.reportedAt, lang)}
            </Descriptions.Item>
            <Descriptions.Item label={t('incidentDescription')}>{i.description}</Descriptions.Item>
            {i.resolution ? (
              <Descriptions.Item label={t('resolution')}>
                <span data-testid="resolution">{i.resolution}</span>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        </Card>
      </Col>
      <Progress
        process="security_incident"
        caseId={i.id}
        p={i}
        status={i.status}
        start={{ label: t('stepOpened'), at: i.reportedAt }}
      />
    </Row>
  );
}

export function IncidentPage() {
  const { id } = useParams();
  const q = useQuery({
    queryKey: ['incident', id],
    queryFn: () => api<SecurityIncident>(`/api/security/incidents/${id}`),
  });
  return <Loadable query={q}>{(i) => <IncidentCase i={i} />}</Loadable>;
}
