/**
 * The other forms: report an error in shared data (art. 24), contest a denied
 * request (a dispute, art. 21, 25), and — for the LG office — register an
 * institutional reform (art. 9). API validation errors land on their fields;
 * one Idempotency-Key per form where the API takes one.
 */
import { useApiErrors } from '../api/form-errors';
import { useStep } from '../api/processes';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import type { Correction, Dispute, Reform, Resource } from '../api/types';
import { shanghaiToday } from '../format';
import { useI18n } from '../i18n/i18n';

export function CorrectionFormPage() {
  const [params] = useSearchParams();
  const code = params.get('resource') ?? '';
  const grantId = params.get('grant') ?? undefined;
  const { t, lang, name } = useI18n();
  const filing = useStep('correction', 'filing');
  const { message } = App.useApp();
  const errors = useApiErrors();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const [key] = useState(() => crypto.randomUUID());
  const resource = useQuery({
    queryKey: ['resource', code],
    queryFn: () => api<Resource>(`/api/catalogue/resources/${code}`),
    enabled: !!code,
  });
  const file = useMutation({
    mutationFn: (v: { items: string[]; discoveredAt: Dayjs; description: string; evidence?: string }) =>
      api<Correction>('/api/corrections', {
        method: 'POST',
        headers: { 'Idempotency-Key': key },
        body: {
          resourceCode: code,
          grantId,
          items: v.items ?? [],
          discoveredAt: v.discoveredAt?.format(),
          description: v.description ?? '',
          evidence: v.evidence ?? '',
        },
      }),
    onSuccess: (c) => navigate(`/corrections/${c.id}`),
    onError: errors.onForm(
      form,
      (p) => [p.startsWith('items') ? 'items' : p],
      (p) => (p.startsWith('items') ? t('items') : ''),
    ),
  });
  return (
    <Card title={`${t('myRequests')} · ${name('correction')} · ${resource.data?.name ?? code}`}>
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 720 }}
        initialValues={{ discoveredAt: dayjs() }}
        onFinish={(v) => file.mutate(v)}
      >
        <Form.Item name="items" label={t('items')} rules={[{ required: true }]}>
          <Checkbox.Group
            options={(resource.data?.items ?? []).map((i) => ({ label: i.name, value: i.name }))}
          />
        </Form.Item>
        <Form.Item
          name="discoveredAt"
          label={t('discoveredAt')}
          rules={[{ required: true }]}
          extra={
            filing &&
            (lang === 'zh'
              ? `发现之日起${filing.limit.zh}内反馈(${filing.citation.zh});超期仍受理,并标记逾期`
              : `Report within ${filing.limit.en} of the discovery (${filing.citation.en}); a later report is accepted and flagged late`)
          }
        >
          <DatePicker showTime />
        </Form.Item>
        <Form.Item name="description" label={t('problem')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="evidence" label={t('evidence')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={file.isPending}>
          {t('submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** A button that opens a dispute on a subject, asking for the claim. */
export function DisputeButton({
  subjectType,
  subjectId,
}: {
  subjectType: 'request' | 'correction' | 'grant';
  subjectId: string;
}) {
  const navigate = useNavigate();
  const errors = useApiErrors();
  const [open, setOpen] = useState(false);
  const [claim, setClaim] = useState('');
  const openDispute = useMutation({
    mutationFn: () =>
      api<Dispute>('/api/disputes', { method: 'POST', body: { subjectType, subjectId, claim } }),
    onSuccess: (d) => navigate(`/disputes/${d.id}`),
    onError: errors.show,
  });
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="open-dispute">
        提出异议
      </Button>
      <Modal
        open={open}
        title="提出异议(第二十一条、第二十五条)"
        onCancel={() => setOpen(false)}
        onOk={() => openDispute.mutate()}
        confirmLoading={openDispute.isPending}
        okButtonProps={{ disabled: !claim.trim() }}
      >
        <Input.TextArea
          rows={4}
          value={claim}
          onChange={(e) => setClaim(e.target.value)}
          placeholder="异议理由"
        />
      </Modal>
    </>
  );
}

export function ReformFormPage() {
  const { t, lang } = useI18n();
  const update = useStep('catalogue_update', 'update');
  const { message } = App.useApp();
  const errors = useApiErrors();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const [key] = useState(() => crypto.randomUUID());
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: () =>
      api<{ departments: { code: string; name: string; nameEn: string; active: boolean }[] }>(
        '/api/departments',
      ),
  });
  const register = useMutation({
    mutationFn: (v: { title: string; effectiveDate: Dayjs; departments: string[]; description?: string }) =>
      api<Reform>('/api/reforms', {
        method: 'POST',
        headers: { 'Idempotency-Key': key },
        body: {
          title: v.title ?? '',
          effectiveDate: v.effectiveDate?.format('YYYY-MM-DD'),
          departments: v.departments ?? [],
          description: v.description ?? '',
        },
      }),
    onSuccess: (r) => navigate(`/reforms/${r.id}`),
    onError: errors.onForm(form, (p) => [p.startsWith('departments') ? 'departments' : p]),
  });
  return (
    <Card title={`${t('registerReform')}${update ? `(${update.citation[lang]})` : ''}`}>
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 720 }}
        initialValues={{ effectiveDate: shanghaiToday() }}
        onFinish={(v) => register.mutate(v)}
      >
        <Form.Item name="title" label={t('reformTitle')} rules={[{ required: true, whitespace: true }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="effectiveDate"
          label={t('effectiveDate')}
          rules={[{ required: true }]}
          extra={
            update &&
            (lang === 'zh'
              ? `相关部门须在生效之日起${update.limit.zh}内更新目录(${update.citation.zh})`
              : `Each department updates its catalogue within ${update.limit.en} of the effective date (${update.citation.en})`)
          }
        >
          <DatePicker />
        </Form.Item>
        <Form.Item name="departments" label={t('department')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            options={(departments.data?.departments ?? [])
              .filter((d) => d.active)
              .map((d) => ({
                value: d.code,
                label: lang === 'zh' ? d.name : d.nameEn,
              }))}
          />
        </Form.Item>
        <Form.Item name="description" label={t('reformDescription')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={register.isPending}>
          {t('submit')}
        </Button>
      </Form>
    </Card>
  );
}
