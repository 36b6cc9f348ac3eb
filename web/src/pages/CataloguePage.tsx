/** The catalogue: search and filter resources; a resource page with everything a requester must know, and its versions. */
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, qs } from '../api/client';
import type { Page, Resource, User } from '../api/types';
import { hasRole } from '../auth/session';
import { Loadable } from '../components/Loadable';
import { ResourceVersions } from '../components/ResourceVersions';
import { useI18n } from '../i18n/i18n';

const TYPE_COLORS = { unconditional: 'green', conditional: 'blue', not_shared: 'red' } as const;

export function CataloguePage() {
  const { t, name, lang } = useI18n();
  const [q, setQ] = useState('');
  const [shareType, setShareType] = useState<string>();
  const [category, setCategory] = useState<string>();
  const [open, setOpen] = useState<string>();
  const [provider, setProvider] = useState<string>();
  const [page, setPage] = useState(1);
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: () => api<{ departments: { code: string; name: string; nameEn: string }[] }>('/api/departments'),
  });
  const list = useQuery({
    queryKey: ['resources', q, shareType, category, open, provider, page],
    queryFn: () =>
      api<Page<Resource>>(
        `/api/catalogue/resources${qs({ q, shareType, category, provider, openToPublic: open, page, pageSize: 10 })}`,
      ),
  });
  const options = (codes: string[]) => codes.map((c) => ({ value: c, label: name(c) }));
  return (
    <Card title={t('catalogue')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('search')}
          onSearch={(v) => (setQ(v), setPage(1))}
          style={{ width: 280 }}
          data-testid="catalogue-search"
        />
        <Select
          allowClear
          placeholder={t('shareType')}
          style={{ width: 150 }}
          options={options(['unconditional', 'conditional', 'not_shared'])}
          onChange={setShareType}
        />
        <Select
          allowClear
          placeholder={t('category')}
          style={{ width: 130 }}
          options={options(['basic', 'thematic', 'departmental'])}
          onChange={setCategory}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('provider')}
          style={{ width: 200 }}
          options={(departments.data?.departments ?? []).map((d) => ({
            value: d.code,
            label: lang === 'zh' ? d.name : d.nameEn,
          }))}
          onChange={(v) => (setProvider(v), setPage(1))}
        />
        <Select
          allowClear
          placeholder={t('openToPublic')}
          style={{ width: 150 }}
          options={[{ value: 'true', label: t('openToPublic') }]}
          onChange={setOpen}
        />
      </Space>
      <Loadable query={list}>
        {(data) => (
          <Table
            rowKey="code"
            dataSource={data.items}
            pagination={{ current: page, total: data.total, pageSize: 10, onChange: setPage }}
            columns={[
              { title: t('resource'), render: (_, r) => <Link to={`/catalogue/${r.code}`}>{r.name}</Link> },
              {
                title: t('shareType'),
                render: (_, r) => <Tag color={TYPE_COLORS[r.shareType]}>{name(r.shareType)}</Tag>,
              },
              {
                title: t('provider'),
                className: 'gs-hide-narrow',
                render: (_, r) => (lang === 'zh' ? r.providerDepartment.name : r.providerDepartment.nameEn),
              },
              { title: t('category'), className: 'gs-hide-narrow', render: (_, r) => name(r.category) },
              { title: t('resourceCode'), dataIndex: 'code', className: 'gs-hide-narrow' },
            ]}
          />
        )}
      </Loadable>
    </Card>
  );
}

export function ResourcePage({ user }: { user: User }) {
  const { code } = useParams();
  const { t, name, lang } = useI18n();
  const navigate = useNavigate();
  const resource = useQuery({
    queryKey: ['resource', code],
    queryFn: () => api<Resource>(`/api/catalogue/resources/${code}`),
  });
  return (
    <Loadable query={resource}>
      {(r) => (
        <>
          <Card
            title={r.name}
            extra={
              hasRole(user, 'requester') && r.providerDepartment.code !== user.department.code ? (
                <Button
                  type="primary"
                  data-testid="apply"
                  onClick={() => navigate(`/catalogue/${r.code}/apply`)}
                >
                  {t('apply')}
                </Button>
              ) : null
            }
          >
            <Descriptions column={1} bordered size="small">
              <Descriptions.Item label={t('resourceCode')}>{r.code}</Descriptions.Item>
              <Descriptions.Item label={t('provider')}>
                {lang === 'zh' ? r.providerDepartment.name : r.providerDepartment.nameEn}
              </Descriptions.Item>
              <Descriptions.Item label={t('shareType')}>
                <Tag color={TYPE_COLORS[r.shareType]}>{name(r.shareType)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('category')}>{name(r.category)}</Descriptions.Item>
              <Descriptions.Item label={t('items')}>
                {r.items.map((i) => (
                  <Tag key={i.name} color={i.kind === 'base' ? 'geekblue' : undefined}>
                    {i.name}
                  </Tag>
                ))}
              </Descriptions.Item>
              {r.conditions.length ? (
                <Descriptions.Item label={t('conditions')}>
                  <ol style={{ margin: 0, paddingLeft: 20 }}>
                    {r.conditions.map((c) => (
                      <li key={c.id}>{c.question}</li>
                    ))}
                  </ol>
                </Descriptions.Item>
              ) : null}
              {r.legalBasis ? (
                <Descriptions.Item label={t('legalBasis')}>{r.legalBasis}</Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t('mode')}>{name(r.mode)}</Descriptions.Item>
              <Descriptions.Item label={t('updateCycle')}>{name(r.updateCycle)}</Descriptions.Item>
              <Descriptions.Item label={t('classification')}>{name(r.classification)}</Descriptions.Item>
              {r.contributingDepartments.length ? (
                <Descriptions.Item label={t('contributingDepartments')}>
                  {r.contributingDepartments
                    .map((d) => (lang === 'zh' ? d.name : d.nameEn))
                    .join(lang === 'zh' ? '、' : ', ')}
                </Descriptions.Item>
              ) : null}
              {r.domains.length ? (
                <Descriptions.Item label={t('openDataDomains')}>
                  {r.domains.map((d) => (
                    <Tag key={d}>{name(`domain_${d}`)}</Tag>
                  ))}
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label="">{r.summary}</Descriptions.Item>
            </Descriptions>
          </Card>
          <ResourceVersions code={r.code} />
        </>
      )}
    </Loadable>
  );
}
