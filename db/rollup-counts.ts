/**
 * Adding to and taking from a rollup row's counts, for the dashboard's rollups
 * (sla-rollup-repository.ts) and the inbox's (inbox-rollup-repository.ts).
 * Callers run them inside the transaction that changed the counted rows.
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
