/**
 * Daily rollups behind the SLA dashboard (migration 010), so its figures over
 * a period are sums of at most a few rows per day, however many tasks and
 * requests there are:
 * - `sla_done_daily`: tasks done, per completion day, department, step,
 *   breach and duration bucket (on-time rates, medians, decisions per week);
 * - `sla_breach_daily`: breached tasks per start day, department and process;
 * - `request_daily`: sharing requests per submission day and department pair.
 * The `count*` functions run inside the transaction that changed the counted
 * row, and only when it changed, so retries never count twice.
 * `rebuildSlaRollups` counts everything afresh (after a bulk import).
 */
import type { Knex } from 'knex';
import { isMysql, type Db } from './connection';

const DAY_MS = 86_400_000;
/** Asia/Shanghai is UTC+8 all year (no DST), so a local day is a whole number of days since the shifted epoch. */
const ZONE_OFFSET_MS = 8 * 3_600_000;

/** The upper bounds (hours) of the duration buckets; the last bucket is open-ended. */
export const DURATION_BUCKET_HOURS = [
  0.5, 1, 2, 4, 8, 12, 24, 36, 48, 72, 96, 120, 168, 240, 336, 504, 720, 1080, 1440, 2160,
];

/** The local (Asia/Shanghai) day of an instant, as days since 1970-01-01. */
export const localDayNumber = (ms: number) => Math.floor((ms + ZONE_OFFSET_MS) / DAY_MS);

/** The bucket of a duration: the first whose upper bound is above it. */
export function durationBucket(ms: number): number {
  const hours = ms / 3_600_000;
  const i = DURATION_BUCKET_HOURS.findIndex((upper) => hours < upper);
  return i === -1 ? DURATION_BUCKET_HOURS.length : i;
}

/** The median of bucket counts, in hours, interpolated within its bucket (one decimal). */
export function medianOfBuckets(counts: Map<number, number>): number | null {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let before = 0;
  for (const [bucket, n] of [...counts.entries()].sort((a, b) => a[0] - b[0])) {
    if ((before + n) * 2 >= total) {
      const lower = bucket === 0 ? 0 : DURATION_BUCKET_HOURS[bucket - 1];
      const upper = DURATION_BUCKET_HOURS[bucket] ?? lower;
      const hours = lower + ((upper - lower) * (total / 2 - before)) / n;
      return Math.round(hours * 10) / 10;
    }
    before += n;
  }
  return null;
}

function dayExpr(db: Db, column: string): string {
  const shifted = `${column} + ${ZONE_OFFSET_MS}`;
  return isMysql(db) ? `(${shifted}) div ${DAY_MS}` : `(${shifted}) / ${DAY_MS}`;
}

function bucketExpr(durationSql: string): string {
  const cases = DURATION_BUCKET_HOURS.map((h, i) => `when ${durationSql} < ${h * 3_600_000} then ${i}`);
  return `case ${cases.join(' ')} else ${DURATION_BUCKET_HOURS.length} end`;
}

/** Adds 1 to a rollup row, creating it if needed. */
function bump(trx: Knex, table: string, key: Record<string, unknown>, by = 1) {
  return trx(table)
    .insert({ ...key, n: by })
    .onConflict(Object.keys(key))
    .merge({ n: trx.raw('n + ?', [by]) });
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
    );

function doneKey(t: TaskFacts, breached: boolean) {
  return {
    day: localDayNumber(Number(t.completed_at_ms)),
    department_code: t.department_code ?? '',
    process_type: t.process_type,
    step: t.step,
    policy_key: t.policy_key,
    breached,
    bucket: durationBucket(Number(t.completed_at_ms) - Number(t.started_at_ms)),
  };
}

/** Counts a task that has just been marked done. */
export async function countDone(trx: Knex, taskId: string): Promise<void> {
  const t = await readTask(trx, taskId);
  if (!t || t.status !== 'done') return;
  await bump(trx, 'sla_done_daily', doneKey(t, Boolean(Number(t.breached))));
}

/**
 * Counts a task that has just been marked breached. A breach recorded after the
 * task was done (its timer fired as the decision landed) moves the task's done
 * count to the breached side too.
 */
export async function countBreach(trx: Knex, taskId: string): Promise<void> {
  const t = await readTask(trx, taskId);
  if (!t) return;
  await bump(trx, 'sla_breach_daily', {
    day: localDayNumber(Number(t.started_at_ms)),
    department_code: t.department_code ?? '',
    process_type: t.process_type,
  });
  if (t.status === 'done') {
    await trx('sla_done_daily')
      .where(doneKey(t, false))
      .update({ n: trx.raw('n - 1') });
    await bump(trx, 'sla_done_daily', doneKey(t, true));
  }
}

/** Counts a sharing request that has just been stored. */
export async function countRequest(
  trx: Knex,
  r: { submittedAtMs: number; consumerDepartment: string; providerDepartment: string },
): Promise<void> {
  await bump(trx, 'request_daily', {
    day: localDayNumber(r.submittedAtMs),
    consumer_department: r.consumerDepartment,
    provider_department: r.providerDepartment,
  });
}

/** Counts every task and request afresh, in one transaction. */
export async function rebuildSlaRollups(db: Db): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('sla_done_daily').delete();
    await trx('sla_breach_daily').delete();
    await trx('request_daily').delete();
    await trx.raw(
      `insert into sla_done_daily (day, department_code, process_type, step, policy_key, breached, bucket, n)
       select ${dayExpr(db, 'completed_at_ms')}, coalesce(department_code, ''), process_type, step, policy_key,
              breached, ${bucketExpr('(completed_at_ms - started_at_ms)')}, count(*)
       from tasks where status = 'done' group by 1, 2, 3, 4, 5, 6, 7`,
    );
    await trx.raw(
      `insert into sla_breach_daily (day, department_code, process_type, n)
       select ${dayExpr(db, 'started_at_ms')}, coalesce(department_code, ''), process_type, count(*)
       from tasks where breached = ? group by 1, 2, 3`,
      [true],
    );
    await trx.raw(
      `insert into request_daily (day, consumer_department, provider_department, n)
       select ${dayExpr(db, 'submitted_at_ms')}, consumer_department, provider_department, count(*)
       from sharing_requests group by 1, 2, 3`,
    );
  });
}

export interface RollupFilter {
  fromDay: number;
  toDay: number;
  /** A department code, or 'city' for the city-level roles' tasks. */
  department?: string;
  process?: string;
}

function scopedRollup(db: Db, table: 'sla_done_daily' | 'sla_breach_daily', f: RollupFilter) {
  const q = db(table).whereBetween('day', [f.fromDay, f.toDay]);
  if (f.department) q.where('department_code', f.department === 'city' ? '' : f.department);
  if (f.process) q.where('process_type', f.process);
  return q;
}

type Row = Record<string, unknown>;

/** Done tasks per step, breach and duration bucket over the period. */
export async function doneByStep(db: Db, f: RollupFilter): Promise<Row[]> {
  return scopedRollup(db, 'sla_done_daily', f)
    .groupBy('process_type', 'step', 'policy_key', 'breached', 'bucket')
    .select('process_type', 'step', 'policy_key', 'breached', 'bucket')
    .sum({ n: 'n' });
}

/** Done tasks per day of the period. */
export async function doneByDay(db: Db, f: RollupFilter): Promise<{ day: number; n: number }[]> {
  const rows = await scopedRollup(db, 'sla_done_daily', f).groupBy('day').select('day').sum({ n: 'n' });
  return rows.map((r: Row) => ({ day: Number(r.day), n: Number(r.n) }));
}

/** Breached tasks started in the period, per department ('' for city-level roles) and process. */
export async function breachesByDepartment(db: Db, f: RollupFilter): Promise<Row[]> {
  return scopedRollup(db, 'sla_breach_daily', f)
    .groupBy('department_code', 'process_type')
    .select('department_code', 'process_type')
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
