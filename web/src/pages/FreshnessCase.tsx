/** A data-freshness case (art. 20) beside its steward's task: the entry, its update cycle, when its data was last updated. */
import { Card, Descriptions, Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { Resource } from '../api/types';
import { formatInstant } from '../format';
import { useI18n } from '../i18n/i18n';

/** The entry a freshness case watches: its id is DF- and the entry's code. */
export const freshnessResource = (caseId: string) => caseId.replace(/^DF-/, '');

export function FreshnessCase({ r }: { r: Resource }) {
  const { t, name, lang } = useI18n();
  return (
    <Card title={name('resource_freshness')} size="small" data-testid="freshness-case">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('resource')}>
          <Link to={`/catalogue/${r.code}`}>
            {r.name}({r.code})
          </Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('updateCycle')}>{name(r.updateCycle)}</Descriptions.Item>
        <Descriptions.Item label={t('dataUpdatedAt')}>
          {r.dataUpdatedAt ? formatInstant(r.dataUpdatedAt, lang) : '—'}{' '}
          {r.freshness ? (
            <Tag color={r.freshness === 'stale' ? 'orange' : 'green'}>{name(r.freshness)}</Tag>
          ) : null}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
