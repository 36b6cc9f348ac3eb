/** The SLA dashboard: open, due today, overdue; on-time rate and median time per step; breaches per department; weekly trend; overdue cases. */
import { hasRole } from '../auth/session';
import { OpenDataGapsCard } from './OpenDataPage';
import { freshnessResource } from './FreshnessCase';
import { OPEN_DATA_OVERSEERS } from '../../../domain/catalogue/open-data';
import { useProcesses } from '../api/processes';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, qs } from '../api/client';
import { download } from '../api/download';
import type { Text, User } from '../api/types';
import { DeadlineTag } from '../components/DeadlineTag';
import { EChart } from '../components/EChart';
import { Loadable } from '../components/Loadable';
import { duration } from '../format';
import { useI18n } from '../i18n/i18n';

interface Overview {
  openCases: number;
  openTasks: number;
  dueToday: number;
  overdue: number;
  steps: {
    process: string;
    processName: Text;
    step: string;
    stepName: Text;
    done: number;
    onTime: number;
    onTimeRate: number | null;
    medianHours: number | null;
  }[];
  breaches: {
    department: string;
    departmentName: Text;
    /** Per process, and per step keyed `process/step`. */
    counts: Record<string, number>;
    steps: Record<string, number>;
    total: number;
  }[];
  /** The steps with breaches, in the processes' order: the by-step table's columns. */
  breachSteps: { key: string; process: string; step: string; processName: Text; stepName: Text }[];
  trend: { week: string; submitted: number; decided: number }[];
  overdueCases: {
    taskId: string;
    process: string;
    caseId: string;
    stepName: Text;
    holder: { role: string; department: string | null; departmentName: { zh: string; en: string } | null };
    deadline: string;
    limit: Text;
    citation: Text;
    escalationLevel: number;
  }[];
}

interface Drill {
  title: string;
  from?: string;
  to?: string;
  kind: 'open' | 'due_today' | 'overdue' | 'breached' | 'done';
  process?: string;
  step?: string;
  department?: string;
}

const caseLink = (process: string, caseId: string) =>
  process === 'sharing_request'
    ? `/requests/${caseId}`
    : process === 'correction'
      ? `/corrections/${caseId}`
      : process === 'dispute'
        ? `/disputes/${caseId}`
        : process === 'security_incident'
          ? `/incidents/${caseId}`
          : process === 'catalogue_entry'
            ? `/catalogue/drafts/${caseId}`
            : process === 'resource_freshness'
              ? `/catalogue/${freshnessResource(caseId)}`
              : `/reforms/${caseId.split('.')[0]}`;

type CaseRow = Overview['overdueCases'][number];

/** Case, step, holder and deadline: the columns of every list of cases on the dashboard. */
function caseColumns({ t, text, holder, caseName }: ReturnType<typeof useI18n>): ColumnsType<CaseRow> {
  return [
    {
      title: t('caseOf'),
      render: (_, r) => (
        <Link to={caseLink(r.process, r.caseId)}>
          {caseName(r.caseId, r.holder.department, r.holder.departmentName)}
        </Link>
      ),
    },
    { title: t('step'), render: (_, r) => text(r.stepName) },
    {
      title: t('currentHolder'),
      render: (_, r) => holder(r.holder),
    },
    {
      title: t('deadline'),
      render: (_, r) => <DeadlineTag deadline={r.deadline} limit={r.limit} citation={r.citation} />,
    },
  ];
}

/** The cases behind a figure. */
function DrillDrawer({ drill, onClose }: { drill: Drill | null; onClose: () => void }) {
  const i18n = useI18n();
  const { t, name, text } = i18n;
  const cases = useQuery({
    queryKey: ['drill', drill],
    enabled: drill !== null,
    queryFn: () =>
      api<{ items: Overview['overdueCases'] }>(
        `/api/dashboard/sla/cases${qs({ kind: drill!.kind, process: drill!.process, step: drill!.step, department: drill!.department, from: drill!.from, to: drill!.to })}`,
      ),
  });
  return (
    <Drawer open={drill !== null} onClose={onClose} title={drill?.title} width={720}>
      {drill ? (
        <Loadable query={cases} empty={(d) => d.items.length === 0}>
          {(d) => (
            <Table
              size="small"
              rowKey="taskId"
              dataSource={d.items}
              data-testid="drill-table"
              columns={caseColumns(i18n)}
            />
          )}
        </Loadable>
      ) : null}
    </Drawer>
  );
}

export function DashboardPage({ user }: { user: User }) {
  const i18n = useI18n();
  const { t, name, text, lang } = i18n;
  // The filters live in the address: a reload, a bookmark or a link shows the same figures.
  const [params, setParams] = useSearchParams();
  const set = (key: string, value: string | undefined) =>
    setParams(
      (p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );
  const process = params.get('process') ?? undefined;
  const department = params.get('department') ?? undefined;
  const setProcess = (v: string | undefined) => set('process', v);
  const setDepartment = (v: string | undefined) => set('department', v);
  const fromDay = params.get('from');
  const toDay = params.get('to');
  const range: [Dayjs, Dayjs] | null = fromDay && toDay ? [dayjs(fromDay), dayjs(toDay)] : null;
  const setRange = (r: [Dayjs, Dayjs] | null) =>
    setParams(
      (p) => {
        if (r) {
          p.set('from', r[0].format('YYYY-MM-DD'));
          p.set('to', r[1].format('YYYY-MM-DD'));
        } else {
          p.delete('from');
          p.delete('to');
        }
        return p;
      },
      { replace: true },
    );
  const query = qs({
    process,
    department,
    from: range?.[0].format('YYYY-MM-DD'),
    to: range?.[1].format('YYYY-MM-DD'),
  });
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: () => api<{ departments: { code: string; name: string; nameEn: string }[] }>('/api/departments'),
  });
  const [drill, setDrill] = useState<Drill | null>(null);
  const overview = useQuery({
    queryKey: ['dashboard', query],
    queryFn: () => api<Overview>(`/api/dashboard/sla${query}`),
    refetchInterval: 30_000,
  });
  return (
    <>
      <Loadable query={overview}>
        {(o) => (
          <Figures
            o={o}
            process={process}
            setProcess={setProcess}
            query={query}
            t={t}
            name={name}
            text={text}
            breachView={params.get('breaches') === 'step' ? 'step' : 'process'}
            setBreachView={(v) => set('breaches', v === 'step' ? 'step' : undefined)}
            onDrill={(d) =>
              setDrill({
                process,
                department,
                from: range?.[0].format('YYYY-MM-DD'),
                to: range?.[1].format('YYYY-MM-DD'),
                ...d,
              })
            }
            filters={
              <>
                <Select
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  placeholder={t('department')}
                  aria-label={t('department')}
                  style={{ width: 200 }}
                  value={department}
                  options={[
                    { value: 'city', label: t('cityLevel') },
                    ...(departments.data?.departments ?? []).map((d) => ({
                      value: d.code,
                      label: lang === 'zh' ? d.name : d.nameEn,
                    })),
                  ]}
                  onChange={setDepartment}
                />
                <DatePicker.RangePicker
                  aria-label={t('period')}
                  value={range}
                  onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)}
                />
              </>
            }
          />
        )}
      </Loadable>
      {hasRole(user, ...OPEN_DATA_OVERSEERS) ? <OpenDataGapsCard /> : null}
      <DrillDrawer drill={drill} onClose={() => setDrill(null)} />
    </>
  );
}

/** A breach count that opens the cases behind it; 0 opens nothing. */
const breachCount = (n: number | undefined, open: () => void) =>
  n ? (
    <Button type="link" size="small" data-testid="drill" onClick={open}>
      {n}
    </Button>
  ) : (
    0
  );

function Figures({
  o,
  process,
  setProcess,
  query,
  t,
  name,
  text,
  onDrill,
  filters,
  breachView,
  setBreachView,
}: {
  /** The breach table by process or by step (kept in the address as breaches=step). */
  breachView: 'process' | 'step';
  setBreachView: (v: 'process' | 'step') => void;
  onDrill: (d: Drill) => void;
  filters: ReactNode;
  o: Overview;
  process: string | undefined;
  setProcess: (p: string | undefined) => void;
  query: string;
  t: ReturnType<typeof useI18n>['t'];
  name: ReturnType<typeof useI18n>['name'];
  text: ReturnType<typeof useI18n>['text'];
}) {
  const i18n = useI18n();
  const processes = useProcesses().map((p) => p.name);
  const chart = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: [t('myRequests'), t('decisionDone')] },
      xAxis: { type: 'category', data: o.trend.map((w) => w.week) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('myRequests'), type: 'bar', data: o.trend.map((w) => w.submitted) },
        { name: t('decisionDone'), type: 'bar', data: o.trend.map((w) => w.decided) },
      ],
    }),
    [o, t],
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Select
          allowClear
          placeholder={t('process')}
          aria-label={t('process')}
          data-testid="process-filter"
          style={{ width: 160 }}
          // Until the processes load, a value from the address would show as its code.
          value={processes.length ? process : undefined}
          options={processes.map((p) => ({ value: p, label: name(p) }))}
          onChange={setProcess}
        />
        {filters}
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card
            hoverable
            onClick={() => onDrill({ title: t('openCases'), kind: 'open' })}
            data-testid="open-cases-card"
          >
            <Statistic title={t('openCases')} value={o.openCases} data-testid="open-cases" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card hoverable onClick={() => onDrill({ title: t('inbox'), kind: 'open' })}>
            <Statistic title={t('inbox')} value={o.openTasks} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card hoverable onClick={() => onDrill({ title: t('dueToday'), kind: 'due_today' })}>
            <Statistic title={t('dueToday')} value={o.dueToday} valueStyle={{ color: '#d46b08' }} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card
            hoverable
            onClick={() => onDrill({ title: t('overdue'), kind: 'overdue' })}
            data-testid="overdue-card"
          >
            <Statistic title={t('overdue')} value={o.overdue} valueStyle={{ color: '#cf1322' }} />
          </Card>
        </Col>
      </Row>
      <Card title={t('onTimeRate')} size="small">
        <Table
          size="small"
          rowKey={(r) => `${r.process}.${r.step}`}
          pagination={false}
          dataSource={o.steps}
          data-testid="step-table"
          columns={[
            { title: t('process'), render: (_, r) => text(r.processName) },
            { title: t('step'), render: (_, r) => text(r.stepName) },
            {
              title: t('done'),
              render: (_, r) => (
                <Button
                  type="link"
                  size="small"
                  data-testid="drill"
                  onClick={() =>
                    onDrill({
                      title: `${text(r.stepName)} · ${t('done')}`,
                      kind: 'done',
                      process: r.process,
                      step: r.step,
                    })
                  }
                >
                  {r.done}
                </Button>
              ),
            },
            {
              title: t('onTimeRate'),
              render: (_, r) => (r.onTimeRate === null ? '—' : `${Math.round(r.onTimeRate * 100)}%`),
            },
            {
              title: t('medianHours'),
              render: (_, r) => (r.medianHours === null ? '—' : duration(r.medianHours, i18n.lang)),
            },
          ]}
        />
      </Card>
      <Card
        title={t('breachesByDepartment')}
        size="small"
        extra={
          <Space>
            <Segmented
              size="small"
              data-testid="breach-view"
              value={breachView}
              onChange={(v) => setBreachView(v as 'process' | 'step')}
              options={[
                { value: 'process', label: t('byProcess') },
                { value: 'step', label: t('byStep') },
              ]}
            />
            <Button
              size="small"
              onClick={() => download(`/api/dashboard/sla/breaches.csv${query}`, 'breaches.csv')}
            >
              {t('exportCsv')}
            </Button>
            <Button
              size="small"
              onClick={() => download(`/api/dashboard/sla/breaches.xlsx${query}`, 'breaches.xlsx')}
            >
              {t('exportXlsx')}
            </Button>
          </Space>
        }
      >
        <Table
          size="small"
          rowKey="department"
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="breach-table"
          dataSource={o.breaches}
          columns={[
            { title: t('department'), render: (_, r) => text(r.departmentName), fixed: 'left' as const },
            ...(breachView === 'step'
              ? o.breachSteps.map((s) => ({
                  title: `${text(s.processName)}·${text(s.stepName)}`,
                  render: (_: unknown, r: Overview['breaches'][number]) =>
                    breachCount(r.steps[s.key], () =>
                      onDrill({
                        title: `${text(r.departmentName)} · ${text(s.processName)} · ${text(s.stepName)}`,
                        kind: 'breached',
                        process: s.process,
                        step: s.step,
                        department: r.department,
                      }),
                    ),
                }))
              : processes.map((p) => ({
                  title: name(p),
                  render: (_: unknown, r: Overview['breaches'][number]) =>
                    breachCount(r.counts[p], () =>
                      onDrill({
                        title: `${text(r.departmentName)} · ${name(p)}`,
                        kind: 'breached',
                        process: p,
                        department: r.department,
                      }),
                    ),
                }))),
            { title: t('total'), dataIndex: 'total' },
          ]}
        />
      </Card>
      <Card title={t('trend')} size="small">
        <EChart option={chart} />
      </Card>
      <Card
        title={t('overdueCases')}
        size="small"
        extra={
          o.overdue > o.overdueCases.length ? (
            <Button
              type="link"
              size="small"
              data-testid="all-overdue"
              onClick={() => onDrill({ title: t('overdueCases'), kind: 'overdue' })}
            >
              {t('showAllOverdue')} ({o.overdue})
            </Button>
          ) : null
        }
      >
        <Table
          size="small"
          rowKey="taskId"
          pagination={{ pageSize: 10 }}
          dataSource={o.overdueCases}
          columns={[
            ...caseColumns(i18n),
            {
              title: t('escalationLevel'),
              render: (_, r) => <Tag color={r.escalationLevel ? 'red' : undefined}>{r.escalationLevel}</Tag>,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
