/** A task: the whole case it belongs to, and the decision buttons (a denial needs a reason). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../api/client';
import { useApiErrors } from '../api/form-errors';
import { errorText } from '../i18n/errors';
import type {
  CatalogueDraft,
  Resource,
  Correction,
  Dispute,
  Reform,
  RequestDetail,
  SecurityIncident,
  DecidedTask,
  Task,
  TaskDetail,
} from '../api/types';
import { DeadlineTag } from '../components/DeadlineTag';
import { Loadable } from '../components/Loadable';
import { useI18n } from '../i18n/i18n';
import { CorrectionCase, DisputeCase, IncidentCase, ReformView } from './CasePages';
import { DraftCase } from './DraftPage';
import { FreshnessCase, freshnessResource } from './FreshnessCase';
import { RequestCase } from './RequestsPage';

/** The whole case a task belongs to, whatever its process. */
function CaseOf({ task }: { task: Task }) {
  const path =
    task.processType === 'sharing_request'
      ? `/api/requests/${task.caseId}`
      : task.processType === 'correction'
        ? `/api/corrections/${task.caseId}`
        : task.processType === 'dispute'
          ? `/api/disputes/${task.caseId}`
          : task.processType === 'security_incident'
            ? `/api/security/incidents/${task.caseId}`
            : task.processType === 'catalogue_entry'
              ? `/api/catalogue/drafts/${task.caseId}`
              : task.processType === 'resource_freshness'
                ? `/api/catalogue/resources/${freshnessResource(task.caseId)}`
                : `/api/reforms/${task.caseId.split('.')[0]}`;
  const q = useQuery({ queryKey: ['case', path], queryFn: () => api<unknown>(path) });
  return (
    <Loadable query={q}>
      {(data) =>
        task.processType === 'sharing_request' ? (
          <RequestCase request={data as RequestDetail} />
        ) : task.processType === 'correction' ? (
          <CorrectionCase c={data as Correction} />
        ) : task.processType === 'dispute' ? (
          <DisputeCase d={data as Dispute} />
        ) : task.processType === 'security_incident' ? (
          <IncidentCase i={data as SecurityIncident} />
        ) : task.processType === 'catalogue_entry' ? (
          <DraftCase d={data as CatalogueDraft} />
        ) : task.processType === 'resource_freshness' ? (
          <FreshnessCase r={data as Resource} />
        ) : (
          <ReformView r={data as Reform} only={task.caseId} />
        )
      }
    </Loadable>
  );
}

export function TaskPage() {
  const { id = '' } = useParams();
  const { t, name, text, lang } = useI18n();
  const reasonText = (reason: string) => errorText({ code: reason, message: '', params: { reason } }, lang);
  const { message } = App.useApp();
  const errors = useApiErrors();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  // The period an order sets (art. 37): working days, or a date; neither means the policy's default.
  const [periodDays, setPeriodDays] = useState<number | null>(null);
  const [periodUntil, setPeriodUntil] = useState<Dayjs | null>(null);
  const [error, setError] = useState<string | null>(null);
  const task = useQuery({
    queryKey: ['task', id],
    queryFn: () => api<TaskDetail>(`/api/tasks/${encodeURIComponent(id)}`),
    retry: false,
  });
  const decide = useMutation({
    mutationFn: (decision: string) =>
      api<DecidedTask>(`/api/tasks/${encodeURIComponent(id)}/complete`, {
        method: 'POST',
        body: {
          decision,
          reason: reason.trim() || undefined,
          data: periodUntil
            ? { period: { until: periodUntil.format('YYYY-MM-DD') } }
            : periodDays
              ? { period: { workingDays: periodDays } }
              : undefined,
        },
      }),
    onSuccess: (decided) => {
      // Say where the case went: the step the decision opened, if any (e.g. the platform's approval).
      const next = decided.opened.map((o) => text(o.stepName)).join('、');
      message.success(next ? t('decisionOpened').replace('{steps}', next) : t('decisionDone'));
      qc.invalidateQueries();
      navigate('/inbox');
    },
    onError: (e) => setError(errors.say(e)),
  });
  return (
    <Loadable query={task}>
      {(x) => (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          {x.actingFor ? (
            <Alert
              type="info"
              showIcon
              data-testid="acting-for"
              message={t('actingForHint').replace('{name}', x.actingForName ?? x.actingFor)}
            />
          ) : null}
          <Card
            title={`${text(x.processName)} · ${text(x.stepName)}`}
            extra={
              <DeadlineTag
                deadline={x.deadline}
                citation={x.citation}
                limit={x.limit}
                provisional={x.provisional}
                breached={x.breached}
                open={x.status === 'open'}
              />
            }
          >
            {x.status === 'open' ? (
              <Form layout="vertical" style={{ maxWidth: 640 }}>
                <Form.Item
                  label={t('reason')}
                  required={x.reasonRequired.length > 0}
                  help={
                    x.reasonRequired.length
                      ? `${x.reasonRequired.map(name).join('/')}: ${t('reasonRequired')}`
                      : undefined
                  }
                >
                  <Input.TextArea
                    rows={3}
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                    data-testid="reason"
                  />
                </Form.Item>
                {x.setsPeriod ? (
                  <Form.Item
                    label={t('rectificationPeriod')}
                    help={`${t('periodDefault')} ${text(x.setsPeriod.default)} · ${text(x.setsPeriod.citation)}`}
                  >
                    <Space wrap>
                      <InputNumber
                        min={x.setsPeriod.minWorkingDays}
                        max={x.setsPeriod.maxWorkingDays}
                        value={periodDays}
                        onChange={(v) => {
                          setPeriodDays(v);
                          if (v) setPeriodUntil(null);
                        }}
                        addonAfter={t('workingDays')}
                        data-testid="period-days"
                      />
                      <DatePicker
                        value={periodUntil}
                        onChange={(d) => {
                          setPeriodUntil(d);
                          if (d) setPeriodDays(null);
                        }}
                        data-testid="period-until"
                      />
                    </Space>
                  </Form.Item>
                ) : null}
                {error ? (
                  <Alert
                    type="error"
                    showIcon
                    message={error}
                    style={{ marginBottom: 12 }}
                    data-testid="decision-error"
                  />
                ) : null}
                <Space wrap>
                  {x.actions
                    .filter((a) => a.allowed)
                    .map(({ decision: d }) => (
                      <Button
                        key={d}
                        type={d === 'approve' ? 'primary' : 'default'}
                        danger={d === 'deny'}
                        loading={decide.isPending}
                        data-testid={`decide-${d}`}
                        onClick={() => {
                          setError(null);
                          if (x.reasonRequired.includes(d) && !reason.trim()) setError(t('reasonRequired'));
                          else decide.mutate(d);
                        }}
                      >
                        {name(d)}
                      </Button>
                    ))}
                </Space>
                {/* What is not offered now, and why: the case would refuse it. */}
                {x.actions
                  .filter((a) => !a.allowed)
                  .map((a) => (
                    <div key={a.decision} data-testid="not-offered">
                      <Typography.Text type="secondary">
                        {name(a.decision)}:{a.reason ? reasonText(a.reason) : ''}
                      </Typography.Text>
                    </div>
                  ))}
              </Form>
            ) : (
              <Alert
                type="info"
                message={`${name(x.status)} · ${name(x.decision)} · ${x.completedBy ?? ''}`}
              />
            )}
          </Card>
          <CaseOf task={x} />
        </Space>
      )}
    </Loadable>
  );
}
