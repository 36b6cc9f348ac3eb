/**
 * The resources a reform obligation lists (art. 9), each with its decision; the department's data
 * steward keeps, transfers (to the department taking the duty over) or retires each one still open.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { useApiErrors } from '../api/form-errors';
import type { Reform } from '../api/types';
import { useI18n } from '../i18n/i18n';

type Obligation = Reform['obligations'][number];
type Listed = Obligation['resources'][number];

export function ObligationResources({
  reformId,
  o,
  mayDecide,
}: {
  reformId: string;
  o: Obligation;
  /** The caller is this department's data steward and the obligation is not met. */
  mayDecide: boolean;
}) {
  const { t, name, dept } = useI18n();
  if (o.resources.length === 0) return null;
  return (
    <Table<Listed>
      size="small"
      rowKey="code"
      pagination={false}
      data-testid={`obligation-resources-${o.department}`}
      dataSource={o.resources}
      columns={[
        { title: t('resourceCode'), dataIndex: 'code' },
        { title: t('resourceName'), dataIndex: 'name' },
        {
          title: t('resourceDecision'),
          render: (_, r) =>
            r.decision ? (
              <Space direction="vertical" size={0}>
                <Tag color={r.decision === 'retire' ? 'red' : r.decision === 'transfer' ? 'orange' : 'green'}>
                  {name(r.decision)}
                  {r.successor ? ` → ${dept(r.successor, null)}` : ''}
                </Tag>
                <span>{r.reason}</span>
              </Space>
            ) : mayDecide ? (
              <DecideResource reformId={reformId} department={o.department} code={r.code} />
            ) : (
              <Tag>{t('undecided')}</Tag>
            ),
        },
      ]}
    />
  );
}

function DecideResource({
  reformId,
  department,
  code,
}: {
  reformId: string;
  department: string;
  code: string;
}) {
  const { t, name, lang } = useI18n();
  const { message } = App.useApp();
  const errors = useApiErrors();
  const queryClient = useQueryClient();
  const [decision, setDecision] = useState<'keep' | 'transfer' | 'retire'>('keep');
  const [successor, setSuccessor] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: () => api<{ departments: { code: string; name: string; nameEn: string }[] }>('/api/departments'),
  });
  const decide = useMutation({
    mutationFn: () =>
      api(`/api/reforms/${reformId}/obligations/${department}/decisions`, {
        method: 'POST',
        body: { resourceCode: code, decision, ...(decision === 'transfer' ? { successor } : {}), reason },
      }),
    onSuccess: () => {
      void message.success(t('resourceDecided'));
      void queryClient.invalidateQueries({ queryKey: ['reform', reformId] });
    },
    onError: (e: Error) => errors.show(e),
  });
  return (
    <Space wrap data-testid={`decide-${code}`}>
      <Select
        data-testid={`decision-${code}`}
        value={decision}
        style={{ width: 100 }}
        onChange={setDecision}
        options={(['keep', 'transfer', 'retire'] as const).map((d) => ({ value: d, label: name(d) }))}
      />
      {decision === 'transfer' ? (
        <Select
          showSearch
          optionFilterProp="label"
          data-testid={`successor-${code}`}
          placeholder={t('successorDepartment')}
          style={{ width: 180 }}
          value={successor}
          onChange={setSuccessor}
          options={(departments.data?.departments ?? [])
            .filter((d) => d.code !== department)
            .map((d) => ({ value: d.code, label: lang === 'zh' ? d.name : d.nameEn }))}
        />
      ) : null}
      <Input
        placeholder={t('decisionReason')}
        style={{ width: 220 }}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <Button
        type="primary"
        size="small"
        data-testid={`submit-${code}`}
        loading={decide.isPending}
        onClick={() => decide.mutate()}
      >
        {t('decide')}
      </Button>
    </Space>
  );
}
