/**
 * A request records the version of the catalogue entry it was made against
 * (issue 16), so the provider, the consumer and an auditor can read the entry
 * as it then stood (GET /api/catalogue/resources/:code/versions). Requests
 * made before versions were kept have null.
 */
import type { Knex } from 'knex';

/** SQLite drops a column by copying the table, which its foreign keys refuse inside a transaction. */
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sharing_requests', (t) => {
    t.integer('resource_version').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  const sqlite = knex.client.config.client === 'better-sqlite3';
  if (sqlite) await knex.raw('PRAGMA foreign_keys = OFF');
  await knex.schema.alterTable('sharing_requests', (t) => {
    t.dropColumn('resource_version');
  });
  if (sqlite) await knex.raw('PRAGMA foreign_keys = ON');
}
