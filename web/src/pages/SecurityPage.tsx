/**
 * A department's security registers: its agreements with technical service
 * units (art. 30), each reminded before it expires as the policy sets, and the
 * yearly risk assessment of its data service node (art. 27). Its data stewards
 * and county administrators record them; the city reads them.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../api/client';
import { useApiErrors } from '../api/form-errors';
import type { DepartmentSecurity, SecurityIncident, User } from '../api/types';
import { hasRole } from '../auth/session';
import { Loadable } from '../components/Loadable';
import { shanghaiToday } from '../format';
import { useI18n } from '../i18n/i18n';

type Agreement = DepartmentSecurity['agreements'][number];
type Assessment = DepartmentSecurity['assessments'][number];
const day = (d: Dayjs | undefined) => d?.format('YYYY-MM-DD');

export function SecurityPage({ user }: { user: User }) {
  const { code = user.department.code } = useParams();
  const { t, lang } = useI18n();
  const register = useQuery({
    queryKey: ['security', code],
    queryFn: () => api<DepartmentSecurity>(`/api/departments/${code}/security`),
  });
  const mayKeep =
    hasRole(user, 'admin') ||
    (user.department.code === code && hasRole(user, 'data_steward', 'county_admin'));
  const [open, setOpen] = useState<'agreement' | 'assessment' | 'incident' | null>(null);
  const mayReport =
    user.department.code === code &&
    hasRole(user, 'data_steward', 'provider_reviewer', 'requester', 'county_admin');
  return (
    <Loadable query={register}>
      {(r) => (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {lang === 'zh' ? r.department.name : r.department.nameEn} · {t('security')}
            </Typography.Title>
            {mayReport ? (
              <Button danger onClick={() => setOpen('incident')} data-testid="report-incident">
                {t('reportIncident')}
              </Button>
            ) : null}
          </Space>
          <Card
            title={t('agreements')}
            extra={
              mayKeep ? (
                <Button onClick={() => setOpen('agreement')} data-testid="add-agreement">
                  {t('addAgreement')}
                </Button>
              ) : null
            }
          >
            {r.reminder ? (
              <Typography.Paragraph type="secondary" data-testid="reminder-rule">
                {lang === 'zh' ? r.reminder.label.zh : r.reminder.label.en}
              </Typography.Paragraph>
            ) : null}
            <Table<Agreement>
              rowKey="id"
              size="small"
              scroll={{ x: true }}
              pagination={false}
              data-testid="agreements"
              dataSource={r.agreements}
              columns={[
                { title: t('serviceUnit'), dataIndex: 'serviceUnit' },
                { title: t('agreementScope'), dataIndex: 'scope', ellipsis: true },
                {
                  title: t('agreementKinds'),
                  render: (_, a) =>
                    a.kinds.map((k) => (
                      <Tag key={k}>{k === 'security' ? t('kindSecurity') : t('kindConfidentiality')}</Tag>
                    )),
                },
                { title: t('signedOn'), dataIndex: 'signedOn' },
                { title: t('expiresOn'), dataIndex: 'expiresOn' },
                { title: t('remindAt'), render: (_, a) => a.remindAt.slice(0, 16).replace('T', ' ') },
                {
                  title: t('status'),
                  render: (_, a) =>
                    a.status === 'in_force' ? (
                      <Tag color="green">{t('inForce')}</Tag>
                    ) : (
                      <Tag color="red">{t('expired')}</Tag>
                    ),
                },
              ]}
            />
          </Card>
          <Card
            title={t('assessments')}
            extra={
              mayKeep && !r.assessedThisYear ? (
                <Button onClick={() => setOpen('assessment')} data-testid="add-assessment">
                  {t('addAssessment')}
                </Button>
              ) : null
            }
          >
            {r.assessedThisYear ? null : (
              <Alert
                type="warning"
                showIcon
                message={t('notAssessedThisYear')}
                style={{ marginBottom: 12 }}
                data-testid="not-assessed"
              />
            )}
            <Table<Assessment>
              rowKey="id"
              size="small"
              scroll={{ x: true }}
              pagination={false}
              data-testid="assessments"
              dataSource={r.assessments}
              columns={[
                { title: t('assessmentYear'), dataIndex: 'year' },
                { title: t('assessedOn'), dataIndex: 'assessedOn' },
                { title: t('node'), dataIndex: 'node' },
                { title: t('assessor'), dataIndex: 'assessor' },
                {
                  title: t('riskLevel'),
                  render: (_, a) => (
                    <Tag
                      color={a.riskLevel === 'high' ? 'red' : a.riskLevel === 'medium' ? 'orange' : 'green'}
                    >
                      {t(
                        a.riskLevel === 'high'
                          ? 'riskHigh'
                          : a.riskLevel === 'medium'
                            ? 'riskMedium'
                            : 'riskLow',
                      )}
                    </Tag>
                  ),
                },
                { title: t('findings'), dataIndex: 'findings', ellipsis: true },
              ]}
            />
          </Card>
          <AgreementModal code={code} open={open === 'agreement'} onClose={() => setOpen(null)} />
          <AssessmentModal code={code} open={open === 'assessment'} onClose={() => setOpen(null)} />
          <IncidentModal code={code} open={open === 'incident'} onClose={() => setOpen(null)} />
        </Space>
      )}
    </Loadable>
  );
}

/** A register's form in a modal: saves through `save`, shows the API's field errors, refreshes the page. */
function RegisterModal<V, R = unknown>({
  code,
  open,
  onClose,
  title,
  save,
  onSaved,
  initialValues,
  field = (p) => [p],
  children,
}: {
  code: string;
  open: boolean;
  onClose: () => void;
  title: string;
  save: (v: V) => Promise<R>;
  onSaved?: (r: R) => void;
  initialValues: Record<string, unknown>;
  field?: (path: string) => (string | number)[];
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errors = useApiErrors();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const mutation = useMutation({
    mutationFn: save,
    onSuccess: (r) => {
      form.resetFields();
      void client.invalidateQueries({ queryKey: ['security', code] });
      onClose();
      onSaved?.(r);
    },
    onError: errors.onForm(form, field),
  });
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('save')}
      confirmLoading={mutation.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v: V) => mutation.mutate(v)}
        initialValues={initialValues}
      >
        {children}
      </Form>
    </Modal>
  );
}

type AgreementForm = {
  serviceUnit: string;
  scope: string;
  kinds: string[];
  signedOn: Dayjs;
  expiresOn: Dayjs;
};

function AgreementModal({ code, open, onClose }: { code: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <RegisterModal<AgreementForm>
      code={code}
      open={open}
      onClose={onClose}
      title={t('addAgreement')}
      initialValues={{ kinds: ['security', 'confidentiality'] }}
      field={(p) => [p.startsWith('kinds') ? 'kinds' : p]}
      save={(v) =>
        api('/api/security/agreements', {
          method: 'POST',
          body: { ...v, signedOn: day(v.signedOn), expiresOn: day(v.expiresOn), department: code },
        })
      }
    >
      <Form.Item name="serviceUnit" label={t('serviceUnit')} rules={[{ required: true, whitespace: true }]}>
        <Input data-testid="agreement-unit" />
      </Form.Item>
      <Form.Item name="scope" label={t('agreementScope')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea rows={2} data-testid="agreement-scope" />
      </Form.Item>
      <Form.Item name="kinds" label={t('agreementKinds')} rules={[{ required: true }]}>
        <Checkbox.Group
          options={[
            { value: 'security', label: t('kindSecurity') },
            { value: 'confidentiality', label: t('kindConfidentiality') },
          ]}
        />
      </Form.Item>
      <Form.Item name="signedOn" label={t('signedOn')} rules={[{ required: true }]}>
        <DatePicker data-testid="agreement-signed" disabledDate={(d) => d.isAfter(shanghaiToday(), 'day')} />
      </Form.Item>
      <Form.Item name="expiresOn" label={t('expiresOn')} rules={[{ required: true }]}>
        <DatePicker data-testid="agreement-expires" />
      </Form.Item>
    </RegisterModal>
  );
}

type AssessmentForm = {
  year: number;
  assessedOn: Dayjs;
  node: string;
  assessor: string;
  riskLevel: string;
  findings: string;
};

function AssessmentModal({ code, open, onClose }: { code: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <RegisterModal<AssessmentForm>
      code={code}
      open={open}
      onClose={onClose}
      title={t('addAssessment')}
      initialValues={{ year: shanghaiToday().year(), riskLevel: 'low' }}
      save={(v) =>
        api(`/api/departments/${code}/assessments`, {
          method: 'POST',
          body: { ...v, assessedOn: day(v.assessedOn) },
        })
      }
    >
      <Form.Item name="year" label={t('assessmentYear')} rules={[{ required: true }]}>
        <InputNumber min={2000} max={2100} />
      </Form.Item>
      <Form.Item name="assessedOn" label={t('assessedOn')} rules={[{ required: true }]}>
        <DatePicker data-testid="assessment-date" disabledDate={(d) => d.isAfter(shanghaiToday(), 'day')} />
      </Form.Item>
      <Form.Item name="node" label={t('node')} rules={[{ required: true, whitespace: true }]}>
        <Input data-testid="assessment-node" />
      </Form.Item>
      <Form.Item name="assessor" label={t('assessor')} rules={[{ required: true, whitespace: true }]}>
        <Input data-testid="assessment-assessor" />
      </Form.Item>
      <Form.Item name="riskLevel" label={t('riskLevel')} rules={[{ required: true }]}>
        <Select
          options={[
            { value: 'low', label: t('riskLow') },
            { value: 'medium', label: t('riskMedium') },
            { value: 'high', label: t('riskHigh') },
          ]}
        />
      </Form.Item>
      <Form.Item name="findings" label={t('findings')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea rows={3} data-testid="assessment-findings" />
      </Form.Item>
    </RegisterModal>
  );
}

type IncidentForm = { title: string; severity: string; occurredAt: Dayjs; description: string };

function IncidentModal({ code, open, onClose }: { code: string; open: boolean; onClose: () => void }) {
  const { t, name } = useI18n();
  const navigate = useNavigate();
  const [key] = useState(() => crypto.randomUUID());
  return (
    <RegisterModal<IncidentForm, SecurityIncident>
      code={code}
      open={open}
      onClose={onClose}
      title={t('reportIncident')}
      initialValues={{ severity: 'medium' }}
      onSaved={(i) => navigate(`/incidents/${i.id}`)}
      save={(v) =>
        api<SecurityIncident>('/api/security/incidents', {
          method: 'POST',
          headers: { 'Idempotency-Key': key },
          body: { ...v, occurredAt: v.occurredAt.format() },
        })
      }
    >
      <Form.Item name="title" label={t('incidentTitle')} rules={[{ required: true, whitespace: true }]}>
        <Input data-testid="incident-title" />
      </Form.Item>
      <Form.Item name="severity" label={t('severity')} rules={[{ required: true }]}>
        <Select options={['low', 'medium', 'high'].map((v) => ({ value: v, label: name(v) }))} />
      </Form.Item>
      <Form.Item name="occurredAt" label={t('occurredAt')} rules={[{ required: true }]}>
        <DatePicker
          showTime
          data-testid="incident-occurred"
          disabledDate={(d) => d.isAfter(shanghaiToday(), 'day')}
        />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('incidentDescription')}
        rules={[{ required: true, whitespace: true }]}
      >
        <Input.TextArea rows={3} data-testid="incident-description" />
      </Form.Item>
    </RegisterModal>
  );
}
