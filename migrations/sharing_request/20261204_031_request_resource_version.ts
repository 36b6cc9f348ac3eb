/**
 * A request records the version of the catalogue entry it was made against
 * (issue 16), so the provider, the consumer and an auditor can read the entry
 * as it then stood (GET /api/catalogue/resources/:code/versions). Requests
 * made before versions were kept have null.
 */
import type { Knex } from 'knex';
import { withoutSqliteForeignKeys } from '../without-sqlite-foreign-keys';

/** SQLite drops a column by copying the table, which its foreign keys refuse inside a transaction. */
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sharing_requests', (t) => {
    t.integer('resource_version').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await withoutSqliteForeignKeys(knex, async () => {
    await knex.schema.alterTable('sharing_requests', (t) => {
      t.dropColumn('resource_version');
    });
  });
}
