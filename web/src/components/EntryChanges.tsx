/** What a catalogue entry's version or draft changes, field by field, with names for codes (art. 9). */
import { useQuery } from '@tanstack/react-query';
import { Table } from 'antd';
import { api } from '../api/client';
import type { ResourceVersionList } from '../api/types';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

export type EntryChange = ResourceVersionList['versions'][number]['changes'][number];
type Change = EntryChange;

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

export function EntryChanges({ changes }: { changes: EntryChange[] }) {
  const { t, name, lang } = useI18n();
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: () => api<{ departments: { code: string; name: string; nameEn: string }[] }>('/api/departments'),
  });
  const department = (code: string) => {
    const d = departments.data?.departments.find((x) => x.code === code);
    return d ? (lang === 'zh' ? d.name : d.nameEn) : code;
  };
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
    <Table
      size="small"
      pagination={false}
      rowKey="field"
      style={{ marginTop: 8 }}
      dataSource={changes}
      columns={[
        { title: t('field'), render: (_, c) => t(FIELD_LABELS[c.field]) },
        { title: t('before'), render: (_, c) => shown(c.field, c.before) },
        { title: t('after'), render: (_, c) => shown(c.field, c.after) },
      ]}
    />
  );
}
