/** A catalogue entry's version history (art. 9): who changed it, when, why, and what changed, field by field. */
import { useQuery } from '@tanstack/react-query';
import { Card, Space, Tag, Timeline, Typography } from 'antd';
import { api } from '../api/client';
import type { ResourceVersionList } from '../api/types';
import { formatInstant } from '../format';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { EntryChanges } from './EntryChanges';
import { Loadable } from './Loadable';

type Version = ResourceVersionList['versions'][number];

const KIND_LABELS: Record<Version['kind'], MessageKey> = {
  registered: 'versionRegistered',
  changed: 'versionChanged',
  recorded: 'versionRecorded',
};

export function ResourceVersions({ code }: { code: string }) {
  const { t, name, lang } = useI18n();
  const versions = useQuery({
    queryKey: ['resource-versions', code],
    queryFn: () => api<ResourceVersionList>(`/api/catalogue/resources/${code}/versions`),
  });

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
                  {v.kind === 'changed' ? <EntryChanges changes={v.changes} /> : null}
                </div>
              ),
            }))}
          />
        )}
      </Loadable>
    </Card>
  );
}
