/**
 * The request form: items, purpose, basis, usage period and the resource's
 * condition questions as fields. The API's validation errors land on their
 * fields; one Idempotency-Key per form, so a double click or a retry never
 * files twice.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../api/client';
import { useApiErrors } from '../api/form-errors';
import type { RequestDetail, Resource } from '../api/types';
import { useMe } from '../auth/session';
import { Loadable } from '../components/Loadable';
import { shanghaiToday } from '../format';
import { useI18n } from '../i18n/i18n';

interface Values {
  items: string[];
  purpose: string;
  basis?: string;
  period: [Dayjs, Dayjs];
  answers?: Record<string, string>;
}

/** The API names fields like "answers.scope" or "items[1]"; the form names them ['answers','scope'], ['items']. */
function fieldOf(path: string): (string | number)[] {
  if (path === 'usageFrom' || path === 'usageTo') return ['period'];
  if (path.startsWith('items')) return ['items'];
  return path.split('.');
}

export function RequestFormPage() {
  const { code } = useParams();
  const { t } = useI18n();
  const me = useMe().data;
  const { message } = App.useApp();
  const errors = useApiErrors();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [key] = useState(() => crypto.randomUUID());
  const resource = useQuery({
    queryKey: ['resource', code],
    queryFn: () => api<Resource>(`/api/catalogue/resources/${code}`),
  });
  const submit = useMutation({
    mutationFn: (v: Values) =>
      api<RequestDetail>('/api/requests', {
        method: 'POST',
        headers: { 'Idempotency-Key': key },
        body: {
          resourceCode: code,
          items: v.items ?? [],
          purpose: v.purpose ?? '',
          basis: v.basis ?? '',
          usageFrom: v.period?.[0]?.format('YYYY-MM-DD'),
          usageTo: v.period?.[1]?.format('YYYY-MM-DD'),
          answers: v.answers ?? {},
        },
      }),
    onSuccess: (r) => {
      message.success(t('submitted'));
      navigate(`/requests/${r.id}`);
    },
    onError: errors.onForm(form, fieldOf, (p) => {
      if (p.startsWith('answers.'))
        return resource.data?.conditions.find((c) => c.id === p.slice(8))?.question ?? '';
      const field = fieldOf(p)[0];
      return field === 'period'
        ? t('usagePeriod')
        : field === 'items' || field === 'purpose' || field === 'basis'
          ? t(field)
          : '';
    }),
  });
  return (
    <Loadable query={resource}>
      {(r) => (
        <Card title={`${t('apply')} · ${r.name}`}>
          <Form
            form={form}
            layout="vertical"
            style={{ maxWidth: 720 }}
            initialValues={{ period: [shanghaiToday(), shanghaiToday().add(6, 'month')] }}
            onFinish={(v) => submit.mutate(v)}
          >
            <Form.Item name="items" label={t('items')} rules={[{ required: true, message: t('items') }]}>
              <Checkbox.Group
                options={r.items.map((i) => ({ label: i.name, value: i.name }))}
                data-testid="items"
              />
            </Form.Item>
            <Form.Item
              name="purpose"
              label={t('purpose')}
              rules={[{ required: true, whitespace: true, message: t('purpose') }]}
            >
              <Input.TextArea rows={2} data-testid="purpose" />
            </Form.Item>
            {(() => {
              // A department the law names as a recipient is entitled to the data, and cites the law (art. 21).
              const entitled =
                r.shareType !== 'unconditional' &&
                !!me &&
                r.statutoryRecipients.some((d) => d.code === me.department.code);
              return (
                <Form.Item
                  name="basis"
                  label={t('basis')}
                  rules={entitled ? [{ required: true, whitespace: true, message: t('statutoryBasis') }] : []}
                  extra={entitled ? t('statutoryBasis') : undefined}
                >
                  <Input data-testid="basis" />
                </Form.Item>
              );
            })()}
            <Form.Item name="period" label={t('usagePeriod')} rules={[{ required: true }]}>
              <DatePicker.RangePicker />
            </Form.Item>
            {r.conditions.map((c) => (
              <Form.Item
                key={c.id}
                name={['answers', c.id]}
                label={c.question}
                rules={[{ required: true, whitespace: true, message: c.question }]}
              >
                <Input.TextArea rows={2} data-testid={`answer-${c.id}`} />
              </Form.Item>
            ))}
            <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="submit">
              {t('submit')}
            </Button>
          </Form>
        </Card>
      )}
    </Loadable>
  );
}
