/** The catalogue: search and filter resources; a resource page with everything a requester must know, and its versions. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Input,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, qs } from '../api/client';
import type { CatalogueImportResult, Page, Resource, User } from '../api/types';
import { download } from '../api/download';
import { useApiErrors } from '../api/form-errors';
import { ImportProblems, importProblemsOf, type ImportProblem } from '../components/ImportProblems';
import { hasRole } from '../auth/session';
import { Loadable } from '../components/Loadable';
import { ResourceVersions } from '../components/ResourceVersions';
import { DepartmentDrafts } from '../components/DepartmentDrafts';
import { CatalogueCompleteness } from '../components/CatalogueCompleteness';
import { CATALOGUE_SUPERVISORS } from '../../../domain/catalogue/completeness';
import { formatInstant } from '../format';
import { useI18n } from '../i18n/i18n';

const TYPE_COLORS = { unconditional: 'green', conditional: 'blue', not_shared: 'red' } as const;

export function CataloguePage({ user }: { user: User }) {
  const { t, name, lang } = useI18n();
  const [q, setQ] = useState('');
  const [shareType, setShareType] = useState<string>();
  const [category, setCategory] = useState<string>();
  const [open, setOpen] = useState<string>();
  const [provider, setProvider] = useState<string>();
  // The whole catalogue, the city's 共享目录 as the department reads it, or its own 资源目录 (art. 7).
  const [catalogue, setCatalogue] = useState<'all' | 'shared' | 'own'>('all');
  const [page, setPage] = useState(1);
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: () => api<{ departments: { code: string; name: string; nameEn: string }[] }>('/api/departments'),
  });
  const list = useQuery({
    queryKey: ['resources', q, shareType, category, open, provider, catalogue, page],
    queryFn: () =>
      api<Page<Resource>>(
        `/api/catalogue/resources${qs({ q, shareType, category, provider, openToPublic: open, catalogue: catalogue === 'all' ? undefined : catalogue, page, pageSize: 10 })}`,
      ),
  });
  const options = (codes: string[]) => codes.map((c) => ({ value: c, label: name(c) }));
  return (
    <>
      <Card
        title={t('catalogue')}
        extra={hasRole(user, 'data_steward') ? <CatalogueWorkbook user={user} /> : null}
      >
        <Space wrap style={{ marginBottom: 16 }}>
          <Segmented
            value={catalogue}
            onChange={(v) => (setCatalogue(v as typeof catalogue), setPage(1))}
            options={[
              { value: 'all', label: t('catalogueAll') },
              { value: 'shared', label: t('catalogueShared') },
              { value: 'own', label: t('catalogueOwn') },
            ]}
            data-testid="catalogue-view"
          />
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
      {hasRole(user, 'data_steward') || hasRole(user, 'provider_reviewer') ? <DepartmentDrafts /> : null}
      {hasRole(user, ...CATALOGUE_SUPERVISORS) ? <CatalogueCompleteness /> : null}
    </>
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
              {r.nationalCode ? (
                <Descriptions.Item label={t('nationalCode')}>{r.nationalCode}</Descriptions.Item>
              ) : null}
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
              <Descriptions.Item label={t('dataUpdatedAt')}>
                <Space wrap>
                  <span>{r.dataUpdatedAt ? formatInstant(r.dataUpdatedAt, lang) : '—'}</span>
                  {r.freshness ? (
                    <Tag color={r.freshness === 'stale' ? 'orange' : 'green'} data-testid="freshness">
                      {name(r.freshness)}
                    </Tag>
                  ) : null}
                  {hasRole(user, 'data_steward') && r.providerDepartment.code === user.department.code ? (
                    <ReportDataUpdate code={r.code} />
                  ) : null}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('classification')}>{name(r.classification)}</Descriptions.Item>
              {r.format ? (
                <Descriptions.Item label={t('resourceFormat')}>
                  {name(`format_${r.format}`)}
                </Descriptions.Item>
              ) : null}
              {r.relatedResources.length ? (
                <Descriptions.Item label={t('relatedResources')}>
                  <Space wrap>
                    {r.relatedResources.map((c) => (
                      <Link key={c} to={`/catalogue/${c}`}>
                        {c}
                      </Link>
                    ))}
                  </Space>
                </Descriptions.Item>
              ) : null}
              {r.publishedAt ? (
                <Descriptions.Item label={t('publishedAt')}>
                  {formatInstant(r.publishedAt, lang)}
                </Descriptions.Item>
              ) : null}
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

/**
 * A data steward's department catalogue in Excel: export it (the template), and
 * import it back as a draft that is reviewed before each change is published
 * as a version with the reason. A refused import lists every bad cell;
 * nothing is stored.
 */
function CatalogueWorkbook({ user }: { user: User }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const errors = useApiErrors();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<ImportProblem[] | null>(null);
  const importFile = useMutation({
    mutationFn: (file: File) => {
      const body = new FormData();
      body.append('reason', reason);
      body.append('file', file, file.name);
      return api<CatalogueImportResult>('/api/catalogue/import', { method: 'POST', body });
    },
    onSuccess: (r) => {
      setProblems(null);
      setOpen(false);
      if (!r.draftId) {
        void message.info(t('catalogueUnchanged'));
        return;
      }
      // The changed rows are a draft now, to be reviewed before they are published (art. 9).
      void message.success(
        t('catalogueImported')
          .replace('{c}', String(r.created))
          .replace('{u}', String(r.updated))
          .replace('{n}', String(r.unchanged)),
      );
      void queryClient.invalidateQueries({ queryKey: ['drafts'] });
      navigate(`/catalogue/drafts/${r.draftId}`);
    },
    onError: (e: Error) => {
      const found = importProblemsOf(e, lang);
      if (found) setProblems(found);
      else errors.show(e);
    },
  });
  const department = user.department.code;
  return (
    <Space wrap>
      <Button
        data-testid="catalogue-export"
        onClick={() =>
          void download(`/api/catalogue/export.xlsx?provider=${department}`, `catalogue-${department}.xlsx`)
        }
      >
        {t('exportXlsx')}
      </Button>
      <Button data-testid="catalogue-import" onClick={() => (setProblems(null), setOpen(true))}>
        {t('importXlsx')}
      </Button>
      <Modal
        open={open}
        title={t('importCatalogue')}
        footer={null}
        width={720}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <ImportProblems problems={problems} onClose={() => setProblems(null)} />
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.TextArea
            rows={2}
            maxLength={500}
            placeholder={t('importReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="import-reason"
          />
          <Upload
            accept=".xlsx"
            showUploadList={false}
            disabled={!reason.trim()}
            beforeUpload={(file) => {
              importFile.mutate(file);
              return false; // sent by the mutation, with the user's token
            }}
          >
            <Button
              type="primary"
              disabled={!reason.trim()}
              loading={importFile.isPending}
              data-testid="import-file"
            >
              {t('chooseWorkbook')}
            </Button>
          </Upload>
        </Space>
      </Modal>
    </Space>
  );
}

/** The provider's steward reports that the entry's data was updated on the platform (art. 20). */
function ReportDataUpdate({ code }: { code: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errors = useApiErrors();
  const queryClient = useQueryClient();
  const report = useMutation({
    mutationFn: () => api(`/api/catalogue/resources/${code}/data-updates`, { method: 'POST', body: {} }),
    onSuccess: () => {
      void message.success(t('dataUpdateReported'));
      void queryClient.invalidateQueries({ queryKey: ['resource', code] });
    },
    onError: (e: Error) => errors.show(e),
  });
  return (
    <Button
      size="small"
      loading={report.isPending}
      onClick={() => report.mutate()}
      data-testid="report-data-update"
    >
      {t('reportDataUpdate')}
    </Button>
  );
}
