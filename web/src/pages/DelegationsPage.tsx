/**
 * Delegation (代理): before going on leave, hand one of your roles to a
 * colleague of your department who holds it too, for a period; see the
 * delegations you gave and received, and revoke one you gave.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Form, Input, Row, Select, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../api/client';
import { useApiErrors } from '../api/form-errors';
import type { Delegation, DelegationList, User } from '../api/types';
import { Loadable } from '../components/Loadable';
import { shanghaiToday } from '../format';
import { useI18n } from '../i18n/i18n';

interface Values {
  role: string;
  to: string;
  period: [Dayjs, Dayjs];
  reason?: string;
}

const fieldOf = (path: string) => (path === 'from' || path === 'until' ? ['period'] : [path]);

export function DelegationsPage({ user }: { user: User }) {
  const { t, name } = useI18n();
  const { message } = App.useApp();
  const errors = useApiErrors();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);
  const list = useQuery({
    queryKey: ['delegations'],
    queryFn: () => api<DelegationList>('/api/delegations'),
  });
  const colleagues = useQuery({
    queryKey: ['colleagues', role],
    queryFn: () =>
      api<{ items: { username: string; displayName: string }[] }>(`/api/delegations/colleagues?role=${role}`),
    enabled: !!role,
  });
  const create = useMutation({
    mutationFn: (v: Values) =>
      api<Delegation>('/api/delegations', {
        method: 'POST',
        body: {
          role: v.role,
          to: v.to,
          from: v.period?.[0]?.format('YYYY-MM-DD'),
          until: v.period?.[1]?.format('YYYY-MM-DD'),
          reason: v.reason?.trim() || undefined,
        },
      }),
    onSuccess: () => {
      message.success(t('delegated'));
      form.resetFields();
      qc.invalidateQueries({ queryKey: ['delegations'] });
    },
    onError: errors.onForm(form, fieldOf, (p) =>
      p === 'to'
        ? t('delegateTo')
        : p === 'role'
          ? t('role')
          : p === 'from' || p === 'until'
            ? t('period')
            : '',
    ),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api<Delegation>(`/api/delegations/${id}/revoke`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['delegations'] }),
    onError: errors.show,
  });
  const table = (rows: Delegation[], given: boolean) => (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid={given ? 'delegations-given' : 'delegations-received'}
      columns={[
        {
          title: given ? t('delegateTo') : t('delegateFrom'),
          render: (_, d) => (given ? d.toName : d.fromName),
        },
        { title: t('role'), render: (_, d) => name(d.role) },
        { title: t('period'), render: (_, d) => `${d.startsOn} ~ ${d.endsOn}` },
        { title: t('reason'), dataIndex: 'reason' },
        {
          title: t('status'),
          render: (_, d) =>
            d.revokedAt ? (
              <Tag>{t('revoked')}</Tag>
            ) : d.active ? (
              <Tag color="green">{t('inForce')}</Tag>
            ) : (
              <Tag color="blue">{t('upcoming')}</Tag>
            ),
        },
        ...(given
          ? [
              {
                title: '',
                render: (_: unknown, d: Delegation) =>
                  d.revokedAt ? null : (
                    <Button size="small" onClick={() => revoke.mutate(d.id)} data-testid="revoke-delegation">
                      {t('revoke')}
                    </Button>
                  ),
              },
            ]
          : []),
      ]}
    />
  );
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <Card title={t('newDelegation')} size="small">
          <Form
            form={form}
            layout="vertical"
            initialValues={{ period: [shanghaiToday(), shanghaiToday().add(4, 'day')] }}
            onFinish={(v) => create.mutate(v)}
          >
            <Form.Item name="role" label={t('role')} rules={[{ required: true, message: t('role') }]}>
              <Select
                showSearch
                optionFilterProp="label"
                data-testid="delegation-role"
                options={user.roles.map((r) => ({ value: r, label: name(r) }))}
                onChange={() => form.setFieldValue('to', undefined)}
              />
            </Form.Item>
            <Form.Item
              name="to"
              label={t('delegateTo')}
              extra={t('delegateToHint')}
              rules={[{ required: true, message: t('delegateTo') }]}
            >
              <Select
                showSearch
                optionFilterProp="label"
                data-testid="delegation-to"
                disabled={!role}
                options={(colleagues.data?.items ?? []).map((c) => ({
                  value: c.username,
                  label: c.displayName,
                }))}
              />
            </Form.Item>
            <Form.Item name="period" label={t('period')} rules={[{ required: true }]}>
              <DatePicker.RangePicker />
            </Form.Item>
            <Form.Item name="reason" label={t('reason')}>
              <Input maxLength={500} placeholder={t('leaveReason')} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="delegate">
              {t('delegate')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Loadable query={list}>
          {(l) => (
            <>
              <Card title={t('delegationsGiven')} size="small" style={{ marginBottom: 16 }}>
                {table(l.given, true)}
              </Card>
              <Card title={t('delegationsReceived')} size="small">
                {table(l.received, false)}
              </Card>
            </>
          )}
        </Loadable>
      </Col>
    </Row>
  );
}
