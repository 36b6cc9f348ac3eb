/** A catalogue entry's version history (art. 9): who changed it, when, why, and what changed, field by field. */
import { useQuery } from '@tanstack/react-query';
import { Card, Space, Table, Tag, Timeline, Typography } from 'antd';
import { api } from '../api/client';
import type { ResourceVersionList } from '../api/types';
import { formatInstant } from '../format';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { Loadable } from './Loadable';

type Version = ResourceVersionList['versions'][number];
type Change = Version['changes'][number];

/** The label of each field a version compares. */
const FIELD_LABELS: Record<Change['field'], MessageKey> = {
  name: 'resourceName',
  summary: 'resourceSummary',
  providerDepartment: 'provider',
  category: 'category',
  items: 'items',
  shareType: 'shareType',
  conditions: 'conditions',
  legalBasis: 'legalBasis',
  statutoryRecipients: 'statutoryRecipients',
  mode: 'mode',
  updateCycle: 'updateCycle',
  openToPublic: 'openToPublic',
  classification: 'classification',
  domains: 'openDataDomains',
  contributingDepartments: 'contributingDepartments',
  nationalCode: 'nationalCode',
  format: 'resourceFormat',
  relatedResources: 'relatedResources',
};

const KIND_LABELS: Record<Version['kind'], MessageKey> = {
  registered: 'versionRegistered',
  changed: 'versionChanged',
  recorded: 'versionRecorded',
};

export function ResourceVersions({ code }: { code: string }) {
  const { t, name, lang } = useI18n();
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: () => api<{ departments: { code: string; name: string; nameEn: string }[] }>('/api/departments'),
  });
  const department = (code: string) => {
    const d = departments.data?.departments.find((x) => x.code === code);
    return d ? (lang === 'zh' ? d.name : d.nameEn) : code;
  };
  const versions = useQuery({
    queryKey: ['resource-versions', code],
    queryFn: () => api<ResourceVersionList>(`/api/catalogue/resources/${code}/versions`),
  });

  /** A field's value as people read it: names for codes, item names, questions, yes or no. */
  const shown = (field: Change['field'], value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'boolean') return t(value ? 'yes' : 'no');
    if (field === 'items')
      return (
        (value as { name: string; dataType?: string | null }[])
          .map((i) => (i.dataType ? `${i.name}(${name(`dataType_${i.dataType}`)})` : i.name))
          .join('、') || '—'
      );
    if (field === 'format') return name(`format_${value as string}`);
    if (field === 'relatedResources') return (value as string[]).join('、') || '—';
    if (field === 'conditions')
      return (value as { question: string }[]).map((c) => c.question).join(';') || '—';
    if (field === 'domains') return (value as string[]).map((d) => name(`domain_${d}`)).join('、') || '—';
    if (
      field === 'statutoryRecipients' ||
      field === 'contributingDepartments' ||
      field === 'providerDepartment'
    )
      return (
        ([] as string[])
          .concat(value as string)
          .map(department)
          .join('、') || '—'
      );
    return typeof value === 'string' ? name(value) : JSON.stringify(value);
  };

  return (
    <Card title={t('versionHistory')} style={{ marginTop: 16 }} data-testid="resource-versions">
      <Loadable query={versions}>
        {(data) => (
          <Timeline
            items={data.versions.map((v) => ({
              color: v.narrowings.length ? 'red' : 'blue',
              children: (
                <div data-testid={`version-${v.version}`}>
                  <Space wrap>
                    <Typography.Text strong>
                      {t('versionNumber').replace('{n}', String(v.version))}
                    </Typography.Text>
                    <Tag>{t(KIND_LABELS[v.kind])}</Tag>
                    <span>{formatInstant(v.recordedAt, lang)}</span>
                    {/* No display name: not a person of the directory, but the seed or the migration that began versions. */}
                    <span>{v.recordedBy.displayName ?? t('recordedBySystem')}</span>
                    {v.narrowings.map((n) => (
                      <Tag key={n} color="red">
                        {name(`narrowing_${n}`)}
                      </Tag>
                    ))}
                  </Space>
                  {v.reason ? <div>{v.reason}</div> : null}
                  {v.kind === 'changed' ? (
                    <Table
                      size="small"
                      pagination={false}
                      rowKey="field"
                      style={{ marginTop: 8 }}
                      dataSource={v.changes}
                      columns={[
                        { title: t('field'), render: (_, c) => t(FIELD_LABELS[c.field]) },
                        { title: t('before'), render: (_, c) => shown(c.field, c.before) },
                        { title: t('after'), render: (_, c) => shown(c.field, c.after) },
                      ]}
                    />
                  ) : null}
                </div>
              ),
            }))}
          />
        )}
      </Loadable>
    </Card>
  );
}
