/** The department's catalogue drafts under way (art. 9), on the catalogue page of its stewards and reviewers. */
import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { api, qs } from '../api/client';
import type { CatalogueDraftList } from '../api/types';
import { formatInstant } from '../format';
import { useI18n } from '../i18n/i18n';
import { Loadable } from './Loadable';

export function DepartmentDrafts() {
  const { t, name, lang } = useI18n();
  const q = useQuery({
    queryKey: ['drafts', 'open'],
    queryFn: () => api<CatalogueDraftList>(`/api/catalogue/drafts${qs({ open: 'true' })}`),
  });
  return (
    <Card title={t('catalogueDrafts')} size="small" style={{ marginTop: 16 }} data-testid="department-drafts">
      <Loadable query={q}>
        {(data) => (
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={data.items}
            columns={[
              {
                title: name('catalogue_entry'),
                render: (_, d) => <Link to={`/catalogue/drafts/${d.id}`}>{d.title}</Link>,
              },
              { title: t('status'), render: (_, d) => <Tag>{name(d.status)}</Tag> },
              { title: t('draftAuthor'), render: (_, d) => d.authorName ?? d.author },
              { title: t('submittedAt'), render: (_, d) => formatInstant(d.submittedAt, lang) },
            ]}
          />
        )}
      </Loadable>
    </Card>
  );
}
