/** How far each supervised department has compiled its catalogue (art. 7, 8): the LG office's and a county administrator's view. */
import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag } from 'antd';
import { api } from '../api/client';
import type { CatalogueCompleteness as Completeness } from '../api/types';
import { formatInstant } from '../format';
import { useI18n } from '../i18n/i18n';
import { Loadable } from './Loadable';

export function CatalogueCompleteness() {
  const { t, lang } = useI18n();
  const q = useQuery({
    queryKey: ['catalogue-completeness'],
    queryFn: () => api<Completeness>('/api/catalogue/completeness'),
  });
  return (
    <Card
      title={t('catalogueCompleteness')}
      size="small"
      style={{ marginTop: 16 }}
      data-testid="catalogue-completeness"
    >
      <Loadable query={q}>
        {(data) => (
          <Table
            rowKey={(r) => r.department.code}
            size="small"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={data.departments}
            columns={[
              {
                title: t('department'),
                render: (_, r) => (
                  <span data-testid={`completeness-${r.department.code}`}>
                    {lang === 'zh' ? r.department.name : r.department.nameEn}{' '}
                    {r.entries === 0 ? <Tag color="red">{t('noEntriesYet')}</Tag> : null}
                  </span>
                ),
              },
              { title: t('entriesPublished'), dataIndex: 'entries' },
              { title: t('entriesNotShared'), dataIndex: 'notShared', className: 'gs-hide-narrow' },
              { title: t('draftsUnderWay'), dataIndex: 'openDrafts' },
              {
                title: t('staleEntries'),
                render: (_, r) => (r.stale ? <Tag color="orange">{r.stale}</Tag> : 0),
              },
              {
                title: t('missingNationalCode'),
                dataIndex: 'missingNationalCode',
                className: 'gs-hide-narrow',
              },
              {
                title: t('lastChanged'),
                className: 'gs-hide-narrow',
                render: (_, r) => (r.lastChangedAt ? formatInstant(r.lastChangedAt, lang) : '—'),
              },
            ]}
          />
        )}
      </Loadable>
    </Card>
  );
}
