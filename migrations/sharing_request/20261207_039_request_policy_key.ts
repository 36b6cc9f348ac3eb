/**
 * A request records the policy version its filing was checked against, so a
 * filing whose start failed (Temporal unreachable) is routed, when the client
 * sends it again, under that version and not under one stored in between.
 * Requests filed before have null and are routed under the version in force
 * on their filing day, as before.
 */
import type { Knex } from 'knex';
import { withoutSqliteForeignKeys } from '../without-sqlite-foreign-keys';

/** SQLite drops a column by copying the table, which its foreign keys refuse inside a transaction. */
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sharing_requests', (t) => {
    t.string('policy_key', 80).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await withoutSqliteForeignKeys(knex, async () => {
    await knex.schema.alterTable('sharing_requests', (t) => {
      t.dropColumn('policy_key');
    });
  });
}
