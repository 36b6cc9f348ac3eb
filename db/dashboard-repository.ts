/**
 * The SLA figures supervisors watch, from the task read model with indexed
 * SQL (never by scanning Temporal): open, due today and overdue tasks, done
 * tasks in a period (on time or not, how long), breaches per department and
 * process, and weekly submissions and decisions.
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

/** Open tasks with their holders' primary group, soonest first. */
export async function openTasks(db: Db, f: DashboardFilter): Promise<Row[]> {
  return scoped(db, f)
    .where('status', 'open')
    .orderBy('due_at_ms')
    .select(
      'id',
      'process_type',
      'case_id',
      'step',
      'department_code',
      'role',
      'deadline',
      'due_at_ms',
      'breached',
      'escalation_level',
      'policy_key',
      'article',
      'status',
    );
}

/** Tasks completed in the period: how long each took and whether it breached. */
export async function doneTasks(db: Db, f: DashboardFilter): Promise<Row[]> {
  return scoped(db, f)
    .where('status', 'done')
    .whereBetween('completed_at_ms', [f.fromMs, f.toMs])
    .select('process_type', 'step', 'policy_key', 'breached', 'started_at_ms', 'completed_at_ms');
}

/** Breached tasks started in the period, per department and process (city-level roles: department null). */
export async function breachesByDepartment(db: Db, f: DashboardFilter): Promise<Row[]> {
  return scoped(db, f)
    .where('breached', true)
    .whereBetween('started_at_ms', [f.fromMs, f.toMs])
    .groupBy('department_code', 'process_type')
    .select('department_code', 'process_type')
    .count({ n: '*' });
}

/** When requests were submitted and decided in the period (for the weekly trend). */
export async function requestTimes(
  db: Db,
  f: DashboardFilter,
): Promise<{ submitted: number[]; decided: number[] }> {
  const submitted = db('sharing_requests').whereBetween('submitted_at_ms', [f.fromMs, f.toMs]);
  if (f.department)
    submitted.where((w) =>
      w.where('consumer_department', f.department!).orWhere('provider_department', f.department!),
    );
  const decided = scoped(db, f).where('status', 'done').whereBetween('completed_at_ms', [f.fromMs, f.toMs]);
  return {
    submitted: (await submitted.select('submitted_at_ms')).map((r: Row) => Number(r.submitted_at_ms)),
    decided: (await decided.select('completed_at_ms')).map((r: Row) => Number(r.completed_at_ms)),
  };
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
