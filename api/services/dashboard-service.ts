/**
 * The SLA dashboard (supervisors, LG office, leading group): counts, on-time
 * rates and median handling time per step, breaches per department and
 * process (the basis of the art. 34/37 evaluation), a weekly trend, and the
 * overdue cases with their holders — and the breach table as CSV or XLSX.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import type { Db } from '../../db/connection';
import {
  breachesByDepartment,
  doneTasks,
  drillDown,
  type DrillKind,
  openTasks,
  requestTimes,
  type DashboardFilter,
} from '../../db/dashboard-repository';
import { listDepartments } from '../../db/directory-repository';
import { ZONE, localIso } from '../../domain/calendar/working-days';
import { articleLabel } from '../../domain/policy/articles';
import { createTaskViews } from './task-views';

const PROCESS_NAMES: Record<string, { zh: string; en: string }> = {
  sharing_request: { zh: '共享申请', en: 'Sharing request' },
  correction: { zh: '数据纠错', en: 'Correction' },
  dispute: { zh: '异议协调', en: 'Dispute' },
  catalogue_update: { zh: '目录更新', en: 'Catalogue update' },
};

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Monday of the local week, as yyyy-MM-dd. */
const weekOf = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE }).startOf('week').toISODate() as string;

export function createDashboardService(db: Db) {
  const views = createTaskViews(db);

  async function breachTable(f: DashboardFilter) {
    const [rows, departments] = await Promise.all([breachesByDepartment(db, f), listDepartments(db)]);
    const names = new Map(departments.map((d) => [d.code, d]));
    const byDept = new Map<string, Record<string, number>>();
    for (const r of rows) {
      const dept = (r.department_code as string | null) ?? 'city';
      const row = byDept.get(dept) ?? {};
      row[r.process_type as string] = Number(r.n);
      byDept.set(dept, row);
    }
    return [...byDept.entries()]
      .map(([code, counts]) => ({
        department: code,
        departmentName: code === 'city' ? '市级部门' : (names.get(code)?.name ?? code),
        counts,
        total: Object.values(counts).reduce((a, b) => a + b, 0),
      }))
      .sort((a, b) => b.total - a.total || a.department.localeCompare(b.department));
  }

  /** A task as the dashboard lists it: its case, step, holder, deadline and escalation. */
  async function caseEntry(r: Record<string, unknown>) {
    return {
      taskId: r.id as string,
      process: r.process_type as string,
      caseId: r.case_id as string,
      step: r.step as string,
      stepName: (await views.stepInfo(r.policy_key as string, r.process_type as string, r.step as string))
        .stepName,
      status: r.status as string,
      holder: { role: r.role as string, department: (r.department_code as string | null) ?? null },
      deadline: r.deadline as string,
      articleLabel: articleLabel(Number(r.article)),
      breached: Boolean(r.breached),
      escalationLevel: Number(r.escalation_level),
    };
  }

  return {
    breachTable,

    /** The cases behind a figure: each task with its case, step, holder, deadline and escalation. */
    async drill(f: DashboardFilter, kind: DrillKind, step?: string) {
      const now = Date.now();
      const rows = await drillDown(db, {
        ...f,
        kind,
        step,
        nowMs: now,
        endOfTodayMs: DateTime.fromMillis(now, { zone: ZONE }).endOf('day').toMillis(),
      });
      return {
        items: await Promise.all(rows.map(caseEntry)),
      };
    },

    async overview(f: DashboardFilter) {
      const now = Date.now();
      const endOfToday = DateTime.fromMillis(now, { zone: ZONE }).endOf('day').toMillis();
      const [open, done, breaches, times] = await Promise.all([
        openTasks(db, f),
        doneTasks(db, f),
        breachTable(f),
        requestTimes(db, f),
      ]);
      const perStep = new Map<
        string,
        { process: string; step: string; policyKey: string; total: number; onTime: number; hours: number[] }
      >();
      for (const r of done) {
        const key = `${r.process_type}.${r.step}`;
        const s = perStep.get(key) ?? {
          process: r.process_type as string,
          step: r.step as string,
          policyKey: r.policy_key as string,
          total: 0,
          onTime: 0,
          hours: [],
        };
        s.total += 1;
        if (!r.breached) s.onTime += 1;
        s.hours.push((Number(r.completed_at_ms) - Number(r.started_at_ms)) / 3_600_000);
        perStep.set(key, s);
      }
      const weeks = new Map<string, { week: string; submitted: number; decided: number }>();
      const bump = (ms: number, k: 'submitted' | 'decided') => {
        const w = weekOf(ms);
        const e = weeks.get(w) ?? { week: w, submitted: 0, decided: 0 };
        e[k] += 1;
        weeks.set(w, e);
      };
      times.submitted.forEach((ms) => bump(ms, 'submitted'));
      times.decided.forEach((ms) => bump(ms, 'decided'));
      const overdue = open.filter((r) => Number(r.due_at_ms) < now);
      return {
        from: localIso(f.fromMs),
        to: localIso(f.toMs),
        openCases: new Set(open.map((r) => r.case_id as string)).size,
        openTasks: open.length,
        dueToday: open.filter((r) => Number(r.due_at_ms) >= now && Number(r.due_at_ms) <= endOfToday).length,
        overdue: overdue.length,
        steps: await Promise.all(
          [...perStep.values()].map(async (s) => ({
            process: s.process,
            processName: PROCESS_NAMES[s.process] ?? { zh: s.process, en: s.process },
            step: s.step,
            stepName: (await views.stepInfo(s.policyKey, s.process, s.step)).stepName,
            done: s.total,
            onTime: s.onTime,
            onTimeRate: s.total ? s.onTime / s.total : null,
            medianHours: median(s.hours),
          })),
        ),
        breaches,
        trend: [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week)),
        overdueCases: await Promise.all(overdue.map(caseEntry)),
      };
    },

    async breachCsv(f: DashboardFilter): Promise<string> {
      const table = await breachTable(f);
      const processes = Object.keys(PROCESS_NAMES);
      return stringify([
        [
          '部门 Department',
          ...processes.map((p) => `${PROCESS_NAMES[p].zh} ${PROCESS_NAMES[p].en}`),
          '合计 Total',
        ],
        ...table.map((r) => [r.departmentName, ...processes.map((p) => r.counts[p] ?? 0), r.total]),
      ]);
    },

    async breachXlsx(f: DashboardFilter): Promise<Buffer> {
      const table = await breachTable(f);
      const processes = Object.keys(PROCESS_NAMES);
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('逾期统计');
      sheet.addRow(['部门', ...processes.map((p) => PROCESS_NAMES[p].zh), '合计']).font = { bold: true };
      for (const r of table)
        sheet.addRow([r.departmentName, ...processes.map((p) => r.counts[p] ?? 0), r.total]);
      sheet.columns.forEach((c) => (c.width = 18));
      return Buffer.from(await book.xlsx.writeBuffer());
    },
  };
}
