/**
 * Adding to, taking from and counting afresh the rollups: the dashboard's
 * (sla-rollup-repository.ts) and the inbox's (inbox-rollup-repository.ts).
 * Callers of `bump` and `drop` run them inside the transaction that changed
 * the counted rows. Each rollup also declares how it is counted from the rows
 * it sums (`RollupDefinition`), which `recount` uses to rebuild it and
 * rollup-drift.ts to check it.
 */
import type { Knex } from 'knex';

/** Adds to a rollup row's counts, creating the row (with `extra` columns) if needed. */
export function bump(
  trx: Knex,
  table: string,
  key: Record<string, unknown>,
  add: Record<string, number>,
  extra: Record<string, unknown> = {},
) {
  return trx(table)
    .insert({ ...key, ...extra, ...add })
    .onConflict(Object.keys(key))
    .merge(Object.fromEntries(Object.entries(add).map(([col, by]) => [col, trx.raw('?? + ?', [col, by])])));
}

/** Takes from a rollup row's counts. */
export function drop(trx: Knex, table: string, key: Record<string, unknown>, take: Record<string, number>) {
  return trx(table)
    .where(key)
    .update(Object.fromEntries(Object.entries(take).map(([col, by]) => [col, trx.raw('?? - ?', [col, by])])));
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
