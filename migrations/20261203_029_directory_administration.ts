/**
 * The directory kept by the city's administrators instead of a seed: a
 * department can be deactivated (never deleted: cases and the audit log name
 * it) and a county's own departments are a kind of their own; a user has a
 * telephone beside the e-mail address, and both rows say when they last
 * changed and where the user came from (the directory, a spreadsheet, the
 * identity provider at first sign-in, or the bootstrap administrator).
 */
import type { Knex } from 'knex';
import { withoutSqliteForeignKeys } from './without-sqlite-foreign-keys';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('departments', (t) => {
    t.boolean('active').notNullable().defaultTo(true);
    t.bigInteger('updated_at_ms').nullable();
  });
  await knex.schema.alterTable('users', (t) => {
    t.string('phone', 40).nullable();
    t.string('source', 16).notNullable().defaultTo('directory'); // directory | import | oidc | bootstrap | demo
    t.bigInteger('updated_at_ms').nullable();
  });
}

/** SQLite drops a column by copying the table, which its foreign keys refuse inside a transaction. */
export const config = { transaction: false };

export async function down(knex: Knex): Promise<void> {
  await withoutSqliteForeignKeys(knex, async () => {
    await knex.schema.alterTable('users', (t) => {
      t.dropColumn('updated_at_ms');
      t.dropColumn('source');
      t.dropColumn('phone');
    });
    await knex.schema.alterTable('departments', (t) => {
      t.dropColumn('updated_at_ms');
      t.dropColumn('active');
    });
  });
}
