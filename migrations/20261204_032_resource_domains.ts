/**
 * Each catalogue entry names the domains of art. 26 it belongs to (信用、交通、
 * 医疗、卫生、就业、社保、地理、文化、教育), which the measures open to the
 * public first; the LG office sees the entries in them not yet open. Entries
 * already catalogued start with none, for their stewards to name.
 */
import type { Knex } from 'knex';
import { withoutSqliteForeignKeys } from './without-sqlite-foreign-keys';

/** SQLite drops a column by copying the table, which its foreign keys refuse inside a transaction. */
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('resources', (t) => {
    t.string('domains', 200).notNullable().defaultTo('[]'); // JSON list, in the article's order
  });
}

export async function down(knex: Knex): Promise<void> {
  await withoutSqliteForeignKeys(knex, async () => {
    await knex.schema.alterTable('resources', (t) => {
      t.dropColumn('domains');
    });
  });
}
