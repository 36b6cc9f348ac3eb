/**
 * A request records the policy version its filing was checked against, so a
 * filing whose start failed (Temporal unreachable) is routed, when the client
 * sends it again, under that version and not under one stored in between.
 * Requests filed before have null and are routed under the version in force
 * on their filing day, as before.
 */
import type { Knex } from 'knex';

/** SQLite drops a column by copying the table, which its foreign keys refuse inside a transaction. */
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sharing_requests', (t) => {
    t.string('policy_key', 80).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  const sqlite = knex.client.config.client === 'better-sqlite3';
  if (sqlite) await knex.raw('PRAGMA foreign_keys = OFF');
  await knex.schema.alterTable('sharing_requests', (t) => {
    t.dropColumn('policy_key');
  });
  if (sqlite) await knex.raw('PRAGMA foreign_keys = ON');
}
