/**
 * Rollups behind the SLA dashboard (migration 010), so its figures are sums of
 * a few rows a day, however many tasks and requests there are:
 * - `sla_done_daily`: tasks done, per completion day, department, step and
 *   breach, with a count a duration bucket (on-time rates, medians, decisions
 *   per week);
 * - `sla_breach_daily`: breached tasks per start day, department, process and
 *   step (migration 028 added the step);
 * - `sla_open_daily`: open tasks per due day, department and process;
 * - `open_cases`: open tasks per case;
 * - `request_daily`: sharing requests per submission day and department pair.
 * The `count*` functions run inside the transaction that changed the counted
 * row, and only when it changed, so retries never count twice; they add to
 * that transaction's `RollupChanges`, which it writes before committing.
 * `rebuildSlaRollups` counts everything afresh (after a bulk import).
 */
import type { Knex } from 'knex';
import { isMysql, type Db } from './connection';
import { recount, type RollupChanges, type RollupDefinition } from './rollup-counts';

const DAY_MS = 86_400_000;
/** Asia/Shanghai is UTC+8 all year (no DST), so a local day is a whole number of days since the shifted epoch. */
const ZONE_OFFSET_MS = 8 * 3_600_000;

/**
 * The upper bounds (hours) of the duration buckets; the last bucket is open-ended. The first
 * three (1, 5 and 15 minutes) tell a decision taken in minutes from one taken in half an hour.
 */
export const DURATION_BUCKET_HOURS = [
  1 / 60,
  5 / 60,
  0.25,
  0.5,
  1,
  2,
  4,
  8,
  12,
  24,
  36,
  48,
  72,
  96,
  120,
  168,
  240,
  336,
  504,
  720,
  1080,
  1440,
  2160,
];

/** How many duration buckets there are: one under each bound, and one past the last. */
export const DURATION_BUCKETS = DURATION_BUCKET_HOURS.length + 1;
const BUCKET_COLUMNS = Array.from({ length: DURATION_BUCKETS }, (_, b) => `b${b}`);

/** The local (Asia/Shanghai) day of an instant, as days since 1970-01-01. */
export const localDayNumber = (ms: number) => Math.floor((ms + ZONE_OFFSET_MS) / DAY_MS);

/** The bucket of a duration: the first whose upper bound is above it. */
export function durationBucket(ms: number): number {
  const hours = ms / 3_600_000;
  const i = DURATION_BUCKET_HOURS.findIndex((upper) => hours < upper);
  return i === -1 ? DURATION_BUCKET_HOURS.length : i;
}

/** The median of bucket counts (index: bucket), in hours, interpolated within its bucket (to the minute). */
export function medianOfBuckets(counts: number[]): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let before = 0;
  for (let bucket = 0; bucket < counts.length; bucket++) {
    const n = counts[bucket];
    if (n > 0 && (before + n) * 2 >= total) {
      const lower = bucket === 0 ? 0 : DURATION_BUCKET_HOURS[bucket - 1];
      const upper = DURATION_BUCKET_HOURS[bucket] ?? lower;
      const hours = lower + ((upper - lower) * (total / 2 - before)) / n;
      return Math.round(hours * 60) / 60;
    }
    before += n;
  }
  return null;
}

function dayExpr(db: Knex, column: string): string {
  const shifted = `${column} + ${ZONE_OFFSET_MS}`;
  return isMysql(db) ? `(${shifted}) div ${DAY_MS}` : `(${shifted}) / ${DAY_MS}`;
}

function bucketExpr(durationSql: string): string {
  const cases = DURATION_BUCKET_HOURS.map((h, i) => `when ${durationSql} < ${h * 3_600_000} then ${i}`);
  return `case ${cases.join(' ')} else ${DURATION_BUCKET_HOURS.length} end`;
}

interface TaskFacts {
  department_code: string | null;
  process_type: string;
  step: string;
  policy_key: string;
  breached: unknown;
  status: string;
  started_at_ms: unknown;
  completed_at_ms: unknown;
  due_at_ms: unknown;
  case_id: string;
}

const readTask = (trx: Knex, taskId: string): Promise<TaskFacts | undefined> =>
  trx('tasks')
    .where({ id: taskId })
    .first(
      'department_code',
      'process_type',
      'step',
      'policy_key',
      'breached',
      'status',
      'started_at_ms',
      'completed_at_ms',
      'due_at_ms',
      'case_id',
    );

function doneKey(t: TaskFacts, breached: boolean) {
  return {
    day: localDayNumber(Number(t.completed_at_ms)),
    department_code: t.department_code ?? '',
    process_type: t.process_type,
    step: t.step,
    policy_key: t.policy_key,
    breached,
  };
}

const doneCounts = (t: TaskFacts) => ({
  n: 1,
  [`b${durationBucket(Number(t.completed_at_ms) - Number(t.started_at_ms))}`]: 1,
});

const openKey = (dueAtMs: number, t: Pick<TaskFacts, 'department_code' | 'process_type'>) => ({
  day: localDayNumber(dueAtMs),
  department_code: t.department_code ?? '',
  process_type: t.process_type,
});

/** Counts a task that has just been opened: the row its transaction has just inserted. */
export function countOpened(
  rollups: RollupChanges,
  t: Pick<TaskFacts, 'department_code' | 'process_type' | 'case_id'> & { due_at_ms: number },
): void {
  rollups.add('sla_open_daily', openKey(t.due_at_ms, t), { n: 1 });
  rollups.add('open_cases', { case_id: t.case_id }, { n: 1 }, { process_type: t.process_type });
}

/** Counts a task that has just been closed: no longer open, and done if it was decided. */
export async function countClosed(trx: Knex, rollups: RollupChanges, taskId: string): Promise<void> {
  const t = await readTask(trx, taskId);
  if (!t) return;
  rollups.add('sla_open_daily', openKey(Number(t.due_at_ms), t), { n: -1 });
  rollups.add('open_cases', { case_id: t.case_id }, { n: -1 });
  if (t.status === 'done')
    rollups.add('sla_done_daily', doneKey(t, Boolean(Number(t.breached))), doneCounts(t));
}

/** Moves an open task's count from its old due day to its new one. */
export async function countRescheduled(
  trx: Knex,
  rollups: RollupChanges,
  taskId: string,
  oldDueAtMs: number,
): Promise<void> {
  const t = await readTask(trx, taskId);
  if (!t || t.status !== 'open' || Number(t.due_at_ms) === oldDueAtMs) return;
  rollups.add('sla_open_daily', openKey(oldDueAtMs, t), { n: -1 });
  rollups.add('sla_open_daily', openKey(Number(t.due_at_ms), t), { n: 1 });
}

/**
 * Counts a task that has just been marked breached. A breach recorded after the
 * task was done (its timer fired as the decision landed) moves the task's done
 * count to the breached side too.
 */
export async function countBreach(trx: Knex, rollups: RollupChanges, taskId: string): Promise<void> {
  const t = await readTask(trx, taskId);
  if (!t) return;
  rollups.add(
    'sla_breach_daily',
    {
      day: localDayNumber(Number(t.started_at_ms)),
      department_code: t.department_code ?? '',
      process_type: t.process_type,
      step: t.step,
    },
    { n: 1 },
  );
  if (t.status === 'done') {
    const counts = doneCounts(t);
    rollups.add('sla_done_daily', doneKey(t, false), negated(counts));
    rollups.add('sla_done_daily', doneKey(t, true), counts);
  }
}

const negated = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).map(([column, n]) => [column, -n]));

/** Counts a sharing request that has just been stored. */
export function countRequest(
  rollups: RollupChanges,
  r: { submittedAtMs: number; consumerDepartment: string; providerDepartment: string },
): void {
  rollups.add(
    'request_daily',
    {
      day: localDayNumber(r.submittedAtMs),
      consumer_department: r.consumerDepartment,
      provider_department: r.providerDepartment,
    },
    { n: 1 },
  );
}

const BUCKET_SUMS = BUCKET_COLUMNS.map((_, b) => `sum(case when bucket = ${b} then 1 else 0 end)`);

/** The dashboard's rollups, each with the count it is rebuilt and checked from. */
export const SLA_ROLLUPS: readonly RollupDefinition[] = [
  {
    table: 'sla_done_daily',
    keys: ['day', 'department_code', 'process_type', 'step', 'policy_key', 'breached'],
    counts: ['n', ...BUCKET_COLUMNS],
    recount: (db) => ({
      sql: `select day, department_code, process_type, step, policy_key, breached, count(*), ${BUCKET_SUMS.join(', ')}
       from (select ${dayExpr(db, 'completed_at_ms')} as day, coalesce(department_code, '') as department_code,
                    process_type, step, policy_key, breached,
                    ${bucketExpr('(completed_at_ms - started_at_ms)')} as bucket
             from tasks where status = 'done') done
       group by day, department_code, process_type, step, policy_key, breached`,
    }),
  },
  {
    table: 'sla_breach_daily',
    keys: ['day', 'department_code', 'process_type', 'step'],
    counts: ['n'],
    recount: (db) => ({
      sql: `select ${dayExpr(db, 'started_at_ms')}, coalesce(department_code, ''), process_type, step, count(*)
       from tasks where breached = ? group by 1, 2, 3, 4`,
      bindings: [true],
    }),
  },
  {
    table: 'sla_open_daily',
    keys: ['day', 'department_code', 'process_type'],
    counts: ['n'],
    recount: (db) => ({
      sql: `select ${dayExpr(db, 'due_at_ms')}, coalesce(department_code, ''), process_type, count(*)
       from tasks where status = 'open' group by 1, 2, 3`,
    }),
  },
  {
    table: 'open_cases',
    keys: ['case_id'],
    extra: ['process_type'],
    counts: ['n'],
    recount: () => ({
      sql: `select case_id, min(process_type), count(*) from tasks where status = 'open' group by case_id`,
    }),
  },
  {
    table: 'request_daily',
    keys: ['day', 'consumer_department', 'provider_department'],
    counts: ['n'],
    recount: (db) => ({
      sql: `select ${dayExpr(db, 'submitted_at_ms')}, consumer_department, provider_department, count(*)
       from sharing_requests group by 1, 2, 3`,
    }),
  },
];

/** Counts every task and request afresh, in one transaction. */
export async function rebuildSlaRollups(db: Db): Promise<void> {
  await db.transaction(async (trx) => {
    for (const r of SLA_ROLLUPS) await recount(trx, r);
  });
}

export interface RollupFilter {
  fromDay: number;
  toDay: number;
  /** A department code, or 'city' for the city-level roles' tasks. */
  department?: string;
  process?: string;
}

function scopedRollup(db: Db, table: string, f: RollupFilter) {
  const q = db(table).whereBetween('day', [f.fromDay, f.toDay]);
  if (f.department) q.where('department_code', f.department === 'city' ? '' : f.department);
  if (f.process) q.where('process_type', f.process);
  return q;
}

type Row = Record<string, unknown>;

/** Done tasks per step and breach over the period, with their counts per duration bucket (b0 …). */
export async function doneByStep(db: Db, f: RollupFilter): Promise<Row[]> {
  return scopedRollup(db, 'sla_done_daily', f)
    .groupBy('process_type', 'step', 'policy_key', 'breached')
    .select('process_type', 'step', 'policy_key', 'breached')
    .sum(Object.fromEntries([['n', 'n'], ...BUCKET_COLUMNS.map((c) => [c, c])]));
}

/** The bucket counts of a `doneByStep` row, as numbers. */
export const bucketCounts = (r: Row): number[] => BUCKET_COLUMNS.map((c) => Number(r[c] ?? 0));

/**
 * Open tasks, and how many fell due on a day before `beforeDay`, from the
 * due-day rollup (all departments; optionally one process).
 */
export async function openByDueDay(
  db: Db,
  f: { process?: string; beforeDay: number },
): Promise<{ open: number; dueBefore: number }> {
  const q = db('sla_open_daily');
  if (f.process) q.where('process_type', f.process);
  const row = await q.first(
    db.raw('coalesce(sum(n), 0) as open'),
    db.raw('coalesce(sum(case when day < ? then n else 0 end), 0) as due_before', [f.beforeDay]),
  );
  return { open: Number(row?.open ?? 0), dueBefore: Number(row?.due_before ?? 0) };
}

/** Cases with at least one open task (optionally of one process). */
export async function openCaseCount(db: Db, process?: string): Promise<number> {
  const q = db('open_cases');
  if (process) q.where('process_type', process);
  const [{ n }] = await q.count({ n: '*' });
  return Number(n);
}

/** Done tasks per day of the period. */
export async function doneByDay(db: Db, f: RollupFilter): Promise<{ day: number; n: number }[]> {
  const rows = await scopedRollup(db, 'sla_done_daily', f).groupBy('day').select('day').sum({ n: 'n' });
  return rows.map((r: Row) => ({ day: Number(r.day), n: Number(r.n) }));
}

/** Breached tasks started in the period, per department ('' for city-level roles), process and step. */
export async function breachesByStep(db: Db, f: RollupFilter): Promise<Row[]> {
  return scopedRollup(db, 'sla_breach_daily', f)
    .groupBy('department_code', 'process_type', 'step')
    .select('department_code', 'process_type', 'step')
    .sum({ n: 'n' });
}

/** Sharing requests submitted per day of the period (a department: as consumer or provider). */
export async function requestsByDay(db: Db, f: RollupFilter): Promise<{ day: number; n: number }[]> {
  const q = db('request_daily').whereBetween('day', [f.fromDay, f.toDay]);
  if (f.department)
    q.where((w) =>
      w.where('consumer_department', f.department!).orWhere('provider_department', f.department!),
    );
  const rows = await q.groupBy('day').select('day').sum({ n: 'n' });
  return rows.map((r: Row) => ({ day: Number(r.day), n: Number(r.n) }));
}
