/**
 * Adding to, taking from and counting afresh the rollups: the dashboard's
 * (sla-rollup-repository.ts) and the inbox's (inbox-rollup-repository.ts).
 * A transaction that changes counted rows collects its rollup changes in a
 * `RollupChanges` and writes them at its end, in one fixed order. Each rollup
 * also declares how it is counted from the rows it sums (`RollupDefinition`),
 * which `recount` uses to rebuild it and rollup-drift.ts to check it.
 */
import type { Knex } from 'knex';

/**
 * The rollup tables, in the order every transaction writes them. Rows of one
 * table are written in the order of their keys. Transactions that count on
 * the same rows (an opening and a close on one due day, two tasks of one
 * candidate group) then take those rows' locks in the same order, so one may
 * wait for another but two never wait for each other.
 */
export const ROLLUP_TABLES = [
  'open_cases',
  'open_task_groups',
  'request_daily',
  'sla_breach_daily',
  'sla_done_daily',
  'sla_open_daily',
] as const;
export type RollupTable = (typeof ROLLUP_TABLES)[number];

/** Rollups whose rows count something still open: a row that falls to 0 is deleted. */
const DELETED_AT_ZERO: ReadonlySet<RollupTable> = new Set(['open_cases']);

interface RowChange {
  table: RollupTable;
  key: Record<string, string | number | boolean>;
  by: Record<string, number>;
  /** Columns a new row carries besides its key and counts. */
  extra: Record<string, unknown>;
}

const ordinal = (v: string | number | boolean) => (typeof v === 'boolean' ? Number(v) : v);

/** Orders two keys of one table column by column: numbers as numbers, text as text. */
function compareKeys(a: RowChange['key'], b: RowChange['key']): number {
  for (const column of Object.keys(a)) {
    const x = ordinal(a[column]);
    const y = ordinal(b[column]);
    if (x === y) continue;
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * One transaction's changes to the rollups. The `count*` functions add to it
 * while the transaction changes the rows they count; `write` applies the sums
 * at its end, table by table in `ROLLUP_TABLES` order and row by row in key
 * order, one statement a row. A row counted up and down again is not written.
 */
export class RollupChanges {
  private readonly rows = new Map<string, RowChange>();

  /** Adds `by` (negative to take away) to a row's counts; a row not there yet is created with `extra`. */
  add(
    table: RollupTable,
    key: RowChange['key'],
    by: Record<string, number>,
    extra: Record<string, unknown> = {},
  ) {
    const id = JSON.stringify([table, key]);
    const row = this.rows.get(id) ?? { table, key, by: {}, extra };
    for (const [column, n] of Object.entries(by)) row.by[column] = (row.by[column] ?? 0) + n;
    this.rows.set(id, row);
  }

  async write(trx: Knex): Promise<void> {
    const rows = [...this.rows.values()]
      .map((r) => ({ ...r, by: Object.fromEntries(Object.entries(r.by).filter(([, n]) => n !== 0)) }))
      .filter((r) => Object.keys(r.by).length > 0)
      .sort(
        (a, b) =>
          ROLLUP_TABLES.indexOf(a.table) - ROLLUP_TABLES.indexOf(b.table) || compareKeys(a.key, b.key),
      );
    this.rows.clear();
    for (const r of rows) {
      const sums = Object.fromEntries(
        Object.entries(r.by).map(([column, n]) => [column, trx.raw('?? + ?', [column, n])]),
      );
      if (Object.values(r.by).every((n) => n > 0))
        await trx(r.table)
          .insert({ ...r.key, ...r.extra, ...r.by })
          .onConflict(Object.keys(r.key))
          .merge(sums);
      else {
        await trx(r.table).where(r.key).update(sums);
        if (DELETED_AT_ZERO.has(r.table)) await trx(r.table).where(r.key).andWhere('n', '<=', 0).delete();
      }
    }
  }
}

/**
 * Runs `work` in a transaction and writes the rollup changes it collected at
 * its end; then `andThen`, the writes that land with it but lock no task or
 * rollup row (a case's move, an audit entry: the audit log's head is taken
 * last, as a recount takes it), before the transaction commits.
 */
export function withRollups<T>(
  db: Knex,
  work: (trx: Knex.Transaction, rollups: RollupChanges) => Promise<T>,
  config?: Knex.TransactionConfig,
  andThen?: (trx: Knex.Transaction) => Promise<void>,
): Promise<T> {
  return db.transaction(async (trx) => {
    const rollups = new RollupChanges();
    const result = await work(trx, rollups);
    await rollups.write(trx);
    await andThen?.(trx);
    return result;
  }, config);
}

/** A rollup table, and how it is counted afresh from the rows it sums. */
export interface RollupDefinition {
  table: string;
  /** The columns that name a row (its primary key). */
  keys: readonly string[];
  /** The counts (summed, 0 when the row is absent). */
  counts: readonly string[];
  /** Other columns a row carries, taken from the counted rows (not summed). */
  extra?: readonly string[];
  /** A select of the table's rows counted afresh: `keys`, then `extra`, then `counts`, in order. */
  recount: (db: Knex) => { sql: string; bindings?: readonly Knex.RawBinding[] };
}

export const columnsOf = (r: RollupDefinition) => [...r.keys, ...(r.extra ?? []), ...r.counts];

/** Replaces a rollup's rows with a fresh count. Run it in a transaction with the rest of a rebuild. */
export async function recount(trx: Knex, r: RollupDefinition): Promise<void> {
  const { sql, bindings = [] } = r.recount(trx);
  await trx(r.table).delete();
  await trx.raw(`insert into ${r.table} (${columnsOf(r).join(', ')}) ${sql}`, bindings);
}
