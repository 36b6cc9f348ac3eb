/**
 * The SLA dashboard (supervisors, LG office, leading group): counts, on-time
 * rates and median handling time per step, breaches per department and
 * process (the basis of the art. 34/37 evaluation), a weekly trend, and the
 * overdue cases with their holders — and the breach table as CSV or XLSX.
 */
import { directoryNames } from '../directory/names';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import type { Db } from '../../db/connection';
import {
  drillDown,
  type DrillKind,
  openDueToday,
  openSummary,
  overdueTasks,
  type DashboardFilter,
  type OpenSummary,
} from '../../db/dashboard-repository';
import {
  breachesByStep,
  bucketCounts,
  doneByDay,
  doneByStep,
  localDayNumber,
  medianOfBuckets,
  openByDueDay,
  openCaseCount,
  requestsByDay,
  type RollupFilter,
} from '../../db/sla-rollup-repository';
import { PROCESSES } from '../../processes';
import { ZONE, localIso } from '../../domain/calendar/working-days';
import { articleLabel } from '../../domain/policy/articles';
import { codeNames } from '../../domain/text/code-names';
import { createTaskViews } from '../tasks/task-views';

/** A step as an export's column names it: 共享申请·提供部门审核. */
const stepLabel = (s: { process: string; step: string }, lang: 'zh' | 'en') =>
  `${PROCESS_NAMES[s.process]?.[lang] ?? s.process}·${codeNames[s.step]?.[lang] ?? s.step}`;

const PROCESS_NAMES: Record<string, { zh: string; en: string }> = Object.fromEntries(
  PROCESSES.map((p) => [p.name, p.label]),
);

/** The row of tasks held by city-level roles (the platform, the LG office), which have no department. */
const CITY_LEVEL = { zh: '市级部门', en: 'City level' };

/** How many of the most overdue cases the overview lists; the drill-down lists them all. */
export const OVERDUE_LISTED = 50;

/** The rollups' days covering the filter's period (its bounds are whole local days). */
function rollupFilter(f: DashboardFilter): RollupFilter {
  return {
    fromDay: localDayNumber(f.fromMs),
    toDay: localDayNumber(f.toMs),
    department: f.department,
    process: f.process,
  };
}

/** Monday of the local week of a day number, as yyyy-MM-dd. */
const weekOfDay = (day: number) =>
  DateTime.fromMillis(day * 86_400_000, { zone: 'UTC' })
    .startOf('week')
    .toISODate() as string;

export function createDashboardService(db: Db) {
  const views = createTaskViews(db);

  /**
   * Open work now. One department's is counted over its tasks; the whole city's
   * comes from the rollups, plus today's tasks read off the deadline index.
   */
  async function openWork(f: DashboardFilter, nowMs: number): Promise<OpenSummary> {
    const today = DateTime.fromMillis(nowMs, { zone: ZONE });
    const endOfTodayMs = today.endOf('day').toMillis();
    if (f.department) return openSummary(db, f, { nowMs, endOfTodayMs });
    const [open, cases, todays] = await Promise.all([
      openByDueDay(db, { process: f.process, beforeDay: localDayNumber(nowMs) }),
      openCaseCount(db, f.process),
      openDueToday(db, f, { startOfTodayMs: today.startOf('day').toMillis(), nowMs, endOfTodayMs }),
    ]);
    return {
      openTasks: open.open,
      openCases: cases,
      overdue: open.dueBefore + todays.overdueToday,
      dueToday: todays.dueToday,
    };
  }

  /**
   * Breaches per department: per process (`counts`) and per step (`steps`, keyed
   * `process/step`), from one read of the breach rollup.
   */
  async function breachTable(f: DashboardFilter) {
    const [rows, names] = await Promise.all([breachesByStep(db, rollupFilter(f)), directoryNames(db)]);
    const byDept = new Map<string, { counts: Record<string, number>; steps: Record<string, number> }>();
    for (const r of rows) {
      const dept = (r.department_code as string | null) || 'city';
      const row = byDept.get(dept) ?? { counts: {}, steps: {} };
      const process = r.process_type as string;
      row.counts[process] = (row.counts[process] ?? 0) + Number(r.n);
      row.steps[`${process}/${r.step as string}`] = Number(r.n);
      byDept.set(dept, row);
    }
    return [...byDept.entries()]
      .map(([code, { counts, steps }]) => ({
        department: code,
        departmentName: code === 'city' ? CITY_LEVEL : (names.department(code) ?? { zh: code, en: code }),
        counts,
        steps,
        total: Object.values(counts).reduce((a, b) => a + b, 0),
      }))
      .sort((a, b) => b.total - a.total || a.department.localeCompare(b.department));
  }

  /** The steps that have breaches in a breach table, in the order of the processes and their steps. */
  function breachSteps(table: Awaited<ReturnType<typeof breachTable>>) {
    const keys = new Set(table.flatMap((r) => Object.keys(r.steps)));
    return PROCESSES.flatMap((p) =>
      Object.values(p.steps)
        .filter((step) => keys.has(`${p.name}/${step}`))
        .map((step) => ({ key: `${p.name}/${step}`, process: p.name, step })),
    );
  }

  /** A task as the dashboard lists it: its case, step, holder, deadline and escalation. */
  async function caseEntry(r: Record<string, unknown>) {
    const [info, directory] = await Promise.all([
      views.stepInfo(r.policy_key as string, r.process_type as string, r.step as string),
      directoryNames(db),
    ]);
    const department = (r.department_code as string | null) ?? null;
    return {
      taskId: r.id as string,
      process: r.process_type as string,
      caseId: r.case_id as string,
      step: r.step as string,
      stepName: info.stepName,
      status: r.status as string,
      holder: { role: r.role as string, department, departmentName: directory.department(department) },
      deadline: r.deadline as string,
      articleLabel: articleLabel(Number(r.article)),
      limit: info.limit,
      basis: info.basis,
      citation: info.citation,
      breached: Boolean(r.breached),
      escalationLevel: Number(r.escalation_level),
    };
  }

  /** The cases behind a figure: each task with its case, step, holder, deadline and escalation. */
  async function drill(f: DashboardFilter, kind: DrillKind, step?: string) {
    const now = Date.now();
    const rows = await drillDown(db, {
      ...f,
      kind,
      step,
      nowMs: now,
      endOfTodayMs: DateTime.fromMillis(now, { zone: ZONE }).endOf('day').toMillis(),
    });
    return { items: await Promise.all(rows.map(caseEntry)) };
  }

  /** The export's second table: every overdue case (up to the drill-down's limit), most overdue first. */
  async function overdueRows(f: DashboardFilter): Promise<(string | number)[][]> {
    const { items } = await drill(f, 'overdue');
    return items.map((c) => [
      c.caseId,
      PROCESS_NAMES[c.process]?.zh ?? c.process,
      c.stepName.zh,
      c.holder.departmentName?.zh ?? CITY_LEVEL.zh,
      c.deadline.slice(0, 16).replace('T', ' '),
      `${c.limit.zh} · ${c.citation.zh}`,
      c.escalationLevel,
    ]);
  }
  const OVERDUE_HEADER = [
    '案件 Case',
    '流程 Process',
    '环节 Step',
    '办理部门 Holder',
    '期限 Deadline',
    '时限 Limit',
    '督办级别 Escalation',
  ];

  return {
    breachTable,

    /** The cases behind a figure: each task with its case, step, holder, deadline and escalation. */
    drill,

    async overview(f: DashboardFilter) {
      const now = Date.now();
      const days = rollupFilter(f);
      const [open, overdue, done, breaches, decided, submitted] = await Promise.all([
        openWork(f, now),
        overdueTasks(db, f, now, OVERDUE_LISTED),
        doneByStep(db, days),
        breachTable(f),
        doneByDay(db, days),
        requestsByDay(db, days),
      ]);
      const perStep = new Map<
        string,
        {
          process: string;
          step: string;
          policyKey: string;
          total: number;
          onTime: number;
          buckets: number[];
        }
      >();
      for (const r of done) {
        const key = `${r.process_type}.${r.step}`;
        const s = perStep.get(key) ?? {
          process: r.process_type as string,
          step: r.step as string,
          policyKey: r.policy_key as string,
          total: 0,
          onTime: 0,
          buckets: [],
        };
        const n = Number(r.n);
        s.total += n;
        if (!Number(r.breached)) s.onTime += n;
        s.buckets = bucketCounts(r).map((c, b) => c + (s.buckets[b] ?? 0));
        perStep.set(key, s);
      }
      const weeks = new Map<string, { week: string; submitted: number; decided: number }>();
      const add = (rows: { day: number; n: number }[], k: 'submitted' | 'decided') => {
        for (const { day, n } of rows) {
          const week = weekOfDay(day);
          const e = weeks.get(week) ?? { week, submitted: 0, decided: 0 };
          e[k] += n;
          weeks.set(week, e);
        }
      };
      add(submitted, 'submitted');
      add(decided, 'decided');
      return {
        from: localIso(f.fromMs),
        to: localIso(f.toMs),
        openCases: open.openCases,
        openTasks: open.openTasks,
        dueToday: open.dueToday,
        overdue: open.overdue,
        steps: await Promise.all(
          [...perStep.values()].map(async (s) => ({
            process: s.process,
            processName: PROCESS_NAMES[s.process] ?? { zh: s.process, en: s.process },
            step: s.step,
            stepName: (await views.stepInfo(s.policyKey, s.process, s.step)).stepName,
            done: s.total,
            onTime: s.onTime,
            onTimeRate: s.total ? s.onTime / s.total : null,
            medianHours: medianOfBuckets(s.buckets),
          })),
        ),
        breaches,
        breachSteps: breachSteps(breaches).map((b) => ({
          ...b,
          processName: PROCESS_NAMES[b.process],
          stepName: codeNames[b.step] ?? { zh: b.step, en: b.step },
        })),
        trend: [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week)),
        overdueCases: await Promise.all(overdue.map(caseEntry)),
        overdueCasesListed: OVERDUE_LISTED,
      };
    },

    /** The breach table by process, then by step, then every overdue case; a blank line between. */
    async breachCsv(f: DashboardFilter): Promise<string> {
      const [table, overdue] = await Promise.all([breachTable(f), overdueRows(f)]);
      const processes = Object.keys(PROCESS_NAMES);
      const steps = breachSteps(table);
      return stringify([
        [
          '部门 Department',
          ...processes.map((p) => `${PROCESS_NAMES[p].zh} ${PROCESS_NAMES[p].en}`),
          '合计 Total',
        ],
        ...table.map((r) => [r.departmentName.zh, ...processes.map((p) => r.counts[p] ?? 0), r.total]),
        [],
        ['按环节 By step'],
        ['部门 Department', ...steps.map((s) => `${stepLabel(s, 'zh')} ${stepLabel(s, 'en')}`), '合计 Total'],
        ...table.map((r) => [r.departmentName.zh, ...steps.map((s) => r.steps[s.key] ?? 0), r.total]),
        [],
        ['逾期案件 Overdue cases'],
        OVERDUE_HEADER,
        ...overdue,
      ]);
    },

    /** Three sheets: breaches by process (逾期统计), by step (按环节), and every overdue case (逾期案件). */
    async breachXlsx(f: DashboardFilter): Promise<Buffer> {
      const [table, overdue] = await Promise.all([breachTable(f), overdueRows(f)]);
      const processes = Object.keys(PROCESS_NAMES);
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('逾期统计');
      sheet.addRow(['部门', ...processes.map((p) => PROCESS_NAMES[p].zh), '合计']).font = { bold: true };
      for (const r of table)
        sheet.addRow([r.departmentName.zh, ...processes.map((p) => r.counts[p] ?? 0), r.total]);
      sheet.columns.forEach((c) => (c.width = 18));
      const steps = breachSteps(table);
      const bySteps = book.addWorksheet('逾期统计(按环节)');
      bySteps.addRow(['部门', ...steps.map((s) => stepLabel(s, 'zh')), '合计']).font = { bold: true };
      for (const r of table)
        bySteps.addRow([r.departmentName.zh, ...steps.map((s) => r.steps[s.key] ?? 0), r.total]);
      bySteps.columns.forEach((c) => (c.width = 22));
      const cases = book.addWorksheet('逾期案件');
      cases.addRow(OVERDUE_HEADER.map((h) => h.split(' ')[0])).font = { bold: true };
      for (const r of overdue) cases.addRow(r);
      cases.columns.forEach((c) => (c.width = 22));
      return Buffer.from(await book.xlsx.writeBuffer());
    },
  };
}
