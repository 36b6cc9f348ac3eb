/**
 * A catalogue draft (art. 7, 9): its entries with what each changes, field by field, its review
 * and 核定. Shown on its own page and beside its review and 核定 tasks in the inbox.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Collapse, Descriptions, Row, Space, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/client';
import type { CatalogueDraft } from '../api/types';
import { EntryChanges } from '../components/EntryChanges';
import { Loadable } from '../components/Loadable';
import { formatInstant } from '../format';
import { useI18n } from '../i18n/i18n';
import { Progress } from './CasePages';

export function DraftCase({ d }: { d: CatalogueDraft }) {
  const { t, name, lang, dept } = useI18n();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={`${name('catalogue_entry')} ${d.id}`} size="small">
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('status')}>
              <Tag data-testid="case-status">{name(d.status)}</Tag>
              {d.needsVerification ? <Tag color="orange">{t('needsVerification')}</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('provider')}>{dept(d.provider, d.providerName)}</Descriptions.Item>
            <Descriptions.Item label={t('draftAuthor')}>{d.authorName ?? d.author}</Descriptions.Item>
            <Descriptions.Item label={t('changeReason')}>{d.changeReason}</Descriptions.Item>
            <Descriptions.Item label={t('submittedAt')}>
              {formatInstant(d.submittedAt, lang)}
            </Descriptions.Item>
          </Descriptions>
          <Alert type="info" showIcon message={t('draftHint')} style={{ marginTop: 8 }} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('draftEntries')} size="small" data-testid="draft-entries">
          <Collapse
            defaultActiveKey={d.entries.length <= 3 ? d.entries.map((e) => e.entry.code) : []}
            items={d.entries.map((e) => ({
              key: e.entry.code,
              label: (
                <Space wrap data-testid={`draft-entry-${e.entry.code}`}>
                  <span>
                    {e.entry.name}({e.entry.code})
                  </span>
                  <Tag color={e.kind === 'new' ? 'green' : 'blue'}>{t(`entryKind_${e.kind}`)}</Tag>
                  {e.notShared ? <Tag color="red">{name('not_shared')}</Tag> : null}
                  {e.narrowings.map((n) => (
                    <Tag key={n} color="red">
                      {name(`narrowing_${n}`)}
                    </Tag>
                  ))}
                  {e.publishedVersion ? (
                    <Link to={`/catalogue/${e.entry.code}`}>
                      {t('publishedAsVersion').replace('{n}', String(e.publishedVersion))}
                    </Link>
                  ) : null}
                </Space>
              ),
              children: e.changes.length ? <EntryChanges changes={e.changes} /> : null,
            }))}
          />
        </Card>
      </Col>
      <Progress
        process="catalogue_entry"
        caseId={d.id}
        p={d}
        status={d.status}
        start={{ label: name('submitted'), at: d.submittedAt }}
      />
    </Row>
  );
}

export function DraftPage() {
  const { id } = useParams();
  const q = useQuery({
    queryKey: ['draft', id],
    queryFn: () => api<CatalogueDraft>(`/api/catalogue/drafts/${id}`),
  });
  return <Loadable query={q}>{(d) => <DraftCase d={d} />}</Loadable>;
}
