/**
 * A request may end in two grants (art. 19): its basic resource's base items,
 * granted at once, and the rest, granted after review. Each grant records its
 * part; a request has at most one grant of each part.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('grants', (t) => {
    t.string('part', 8).notNullable().defaultTo('main'); // main | base
  });
  // The new unique index serves the request_id foreign key before the old one goes (MySQL needs one).
  await knex.schema.alterTable('grants', (t) => {
    t.unique(['request_id', 'part'], { indexName: 'grants_request_part_uq' });
  });
  await knex.schema.alterTable('grants', (t) => {
    t.dropUnique(['request_id'], 'grants_request_uq');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex('grants').where({ part: 'base' }).del();
  await knex.schema.alterTable('grants', (t) => {
    t.unique(['request_id'], { indexName: 'grants_request_uq' });
  });
  await knex.schema.alterTable('grants', (t) => {
    t.dropUnique(['request_id', 'part'], 'grants_request_part_uq');
    t.dropColumn('part');
  });
}
