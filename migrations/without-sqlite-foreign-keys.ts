/**
 * SQLite drops or changes a column by copying its table, which the foreign keys
 * that point at it refuse. A migration that does so runs outside a transaction
 * (`config = { transaction: false }`) and does that work here: with SQLite's
 * foreign keys off until it ends, however it ends. MySQL/MariaDB alter the
 * table in place, so nothing changes for them.
 */
import type { Knex } from 'knex';

export async function withoutSqliteForeignKeys(knex: Knex, work: () => Promise<void>): Promise<void> {
  if (knex.client.config.client !== 'better-sqlite3') return work();
  await knex.raw('PRAGMA foreign_keys = OFF');
  try {
    await work();
  } finally {
    await knex.raw('PRAGMA foreign_keys = ON');
  }
}
