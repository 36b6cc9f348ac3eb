/**
 * Open data (art. 26). The public page lists, without sign-in, the entries open
 * to the public, read from the same DCAT catalogue a national portal harvests.
 * The LG office's card lists the entries in the article's priority domains
 * that are not open yet.
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Layout, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import type { OpenDataGaps } from '../api/types';
import { Loadable } from '../components/Loadable';
import { formatInstant } from '../format';
import { useI18n } from '../i18n/i18n';

type Literal = { '@value': string; '@language'?: string };

/** What the public page shows of a dcat:Dataset. */
interface Dataset {
  'dct:identifier': string;
  'dct:title': Literal;
  'dct:description': Literal;
  'dct:publisher': { 'dct:identifier': string; 'foaf:name': Literal[] };
  'dct:modified': Literal;
  'dcat:theme': string[];
  'dcat:keyword': Literal[];
}

const domainOf = (theme: string) => theme.slice(theme.lastIndexOf('/') + 1);

export function PublicOpenDataPage() {
  const { t, name, lang, setLang } = useI18n();
  const catalogue = useQuery({
    queryKey: ['open-data'],
    queryFn: () => api<{ 'dcat:dataset': Dataset[] }>('/api/open-data/datasets'),
  });
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
        <Typography.Text strong style={{ color: '#fff' }}>
          {t('openData')}
        </Typography.Text>
        <span style={{ flex: 1 }} />
        <Button size="small" data-testid="language" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t('language')}
        </Button>
        <Link to="/sign-in" style={{ color: '#fff' }}>
          {t('signIn')}
        </Link>
      </Layout.Header>
      <Layout.Content style={{ padding: 16 }}>
        <Card title={t('openData')} extra={<a href="/api/open-data/datasets">DCAT JSON-LD</a>}>
          <Typography.Paragraph type="secondary">{t('openDataIntro')}</Typography.Paragraph>
          <Loadable query={catalogue}>
            {(data) => (
              <Table
                rowKey={(d) => d['dct:identifier']}
                dataSource={data['dcat:dataset']}
                pagination={false}
                data-testid="open-datasets"
                columns={[
                  {
                    title: t('resource'),
                    render: (_, d) => (
                      <Space direction="vertical" size={0}>
                        <Typography.Text strong>{d['dct:title']['@value']}</Typography.Text>
                        <Typography.Text type="secondary">{d['dct:description']['@value']}</Typography.Text>
                      </Space>
                    ),
                  },
                  {
                    title: t('provider'),
                    render: (_, d) =>
                      (d['dct:publisher']['foaf:name'].find((n) => n['@language'] === lang) ??
                        d['dct:publisher']['foaf:name'][0])['@value'],
                  },
                  {
                    title: t('openDataDomains'),
                    render: (_, d) =>
                      d['dcat:theme'].map((theme) => (
                        <Tag key={theme}>{name(`domain_${domainOf(theme)}`)}</Tag>
                      )),
                  },
                  {
                    title: t('items'),
                    className: 'gs-hide-narrow',
                    render: (_, d) => d['dcat:keyword'].map((k) => k['@value']).join('、'),
                  },
                  {
                    title: t('updatedAt'),
                    className: 'gs-hide-narrow',
                    render: (_, d) => formatInstant(d['dct:modified']['@value'], lang),
                  },
                  { title: t('resourceCode'), render: (_, d) => d['dct:identifier'] },
                ]}
              />
            )}
          </Loadable>
        </Card>
      </Layout.Content>
    </Layout>
  );
}

/** For the LG office: art. 26's domains, and the entries in them not open to the public yet. */
export function OpenDataGapsCard() {
  const { t, name, lang } = useI18n();
  const gaps = useQuery({
    queryKey: ['open-data-gaps'],
    queryFn: () => api<OpenDataGaps>('/api/open-data/gaps'),
  });
  return (
    <Card title={t('openDataGaps')} style={{ marginTop: 16 }} data-testid="open-data-gaps">
      <Loadable query={gaps}>
        {(data) => (
          <>
            <Space wrap style={{ marginBottom: 12 }}>
              {data.domains.map((d) => (
                <Tag key={d.domain} color={d.notOpen ? 'orange' : d.open ? 'green' : undefined}>
                  {name(`domain_${d.domain}`)} {d.open}/{d.open + d.notOpen}
                </Tag>
              ))}
            </Space>
            <Table
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={data.notOpen}
              columns={[
                { title: t('resource'), render: (_, r) => <Link to={`/catalogue/${r.code}`}>{r.name}</Link> },
                {
                  title: t('provider'),
                  render: (_, r) => (lang === 'zh' ? r.providerDepartment.name : r.providerDepartment.nameEn),
                },
                {
                  title: t('openDataDomains'),
                  render: (_, r) => r.domains.map((d) => <Tag key={d}>{name(`domain_${d}`)}</Tag>),
                },
                { title: t('shareType'), render: (_, r) => name(r.shareType) },
                { title: t('classification'), render: (_, r) => name(r.classification) },
              ]}
            />
          </>
        )}
      </Loadable>
    </Card>
  );
}
