/**
 * A resource's classification under the secrecy rules (art. 2). Entries
 * already catalogued were accepted as shareable, so they start as `internal`
 * (or `public` where they are open to the public); the catalogue refuses 秘密级
 * and above from now on.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('resources', (t) => {
    t.string('classification', 16).notNullable().defaultTo('internal');
  });
  await knex('resources').where({ open_to_public: true }).update({ classification: 'public' });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('resources', (t) => {
    t.dropColumn('classification');
  });
}
