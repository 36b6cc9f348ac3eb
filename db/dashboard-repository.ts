/**
 * The SLA figures supervisors watch, from the task read model with indexed
 * SQL (never by scanning Temporal): open, due today and overdue tasks, done
 * tasks in a period (on time or not, how long), breaches per department and
 * process, and weekly submissions and decisions. Open work is counted in SQL
 * over a covering index (migration 009); figures over a period are summed
 * from the daily rollups (`sla-rollup-repository.ts`); only the few most
 * overdue tasks, and the tasks behind a drill-down, come back as rows.
 */
import type { Db } from './connection';

export interface DashboardFilter {
  fromMs: number;
  toMs: number;
  department?: string;
  process?: string;
}

type Row = Record<string, unknown>;

function scoped(db: Db, f: DashboardFilter) {
  const q = db('tasks');
  // 'city' stands for the city-level roles' tasks, which belong to no department.
  if (f.department === 'city') q.whereNull('department_code');
  else if (f.department) q.where('department_code', f.department);
  if (f.process) q.where('process_type', f.process);
  return q;
}

export interface OpenSummary {
  openTasks: number;
  openCases: number;
  overdue: number;
  dueToday: number;
}

/**
 * Counts of open tasks (and their cases), overdue and due today, for one
 * department (or the city-level roles): one pass over its range of
 * `tasks_open_sla_idx`. The whole city's come from the rollups instead.
 */
export async function openSummary(
  db: Db,
  f: DashboardFilter,
  at: { nowMs: number; endOfTodayMs: number },
): Promise<OpenSummary> {
  const row = await scoped(db, f)
    .where('status', 'open')
    .first(
      db.raw('count(*) as open_tasks'),
      db.raw('count(distinct case_id) as open_cases'),
      db.raw('sum(case when due_at_ms < ? then 1 else 0 end) as overdue', [at.nowMs]),
      db.raw('sum(case when due_at_ms >= ? and due_at_ms <= ? then 1 else 0 end) as due_today', [
        at.nowMs,
        at.endOfTodayMs,
      ]),
    );
  return {
    openTasks: Number(row?.open_tasks ?? 0),
    openCases: Number(row?.open_cases ?? 0),
    overdue: Number(row?.overdue ?? 0),
    dueToday: Number(row?.due_today ?? 0),
  };
}

/** Open tasks due today, before and from `nowMs`: a short range of `tasks_due_idx`. */
export async function openDueToday(
  db: Db,
  f: DashboardFilter,
  at: { startOfTodayMs: number; nowMs: number; endOfTodayMs: number },
): Promise<{ overdueToday: number; dueToday: number }> {
  const row = await scoped(db, f)
    .where('status', 'open')
    .whereBetween('due_at_ms', [at.startOfTodayMs, at.endOfTodayMs])
    .first(
      db.raw('coalesce(sum(case when due_at_ms < ? then 1 else 0 end), 0) as overdue_today', [at.nowMs]),
      db.raw('coalesce(sum(case when due_at_ms >= ? then 1 else 0 end), 0) as due_today', [at.nowMs]),
    );
  return { overdueToday: Number(row?.overdue_today ?? 0), dueToday: Number(row?.due_today ?? 0) };
}

/** The most overdue open tasks first, at most `limit` (the drill-down lists more). */
export async function overdueTasks(db: Db, f: DashboardFilter, nowMs: number, limit: number): Promise<Row[]> {
  return scoped(db, f)
    .where('status', 'open')
    .andWhere('due_at_ms', '<', nowMs)
    .orderBy([
      { column: 'due_at_ms', order: 'asc' },
      { column: 'id', order: 'asc' },
    ])
    .limit(limit)
    .select('*');
}

export type DrillKind = 'open' | 'due_today' | 'overdue' | 'breached' | 'done';

/** The tasks behind one figure of the dashboard, soonest deadline first (at most 500). */
export async function drillDown(
  db: Db,
  f: DashboardFilter & { kind: DrillKind; step?: string; nowMs: number; endOfTodayMs: number },
): Promise<Row[]> {
  const q = scoped(db, f);
  if (f.step) q.where('step', f.step);
  if (f.kind === 'open') q.where('status', 'open');
  if (f.kind === 'due_today') q.where('status', 'open').whereBetween('due_at_ms', [f.nowMs, f.endOfTodayMs]);
  if (f.kind === 'overdue') q.where('status', 'open').andWhere('due_at_ms', '<', f.nowMs);
  if (f.kind === 'breached') q.where('breached', true).whereBetween('started_at_ms', [f.fromMs, f.toMs]);
  if (f.kind === 'done') q.where('status', 'done').whereBetween('completed_at_ms', [f.fromMs, f.toMs]);
  return q.orderBy('due_at_ms').limit(500).select('*');
}
