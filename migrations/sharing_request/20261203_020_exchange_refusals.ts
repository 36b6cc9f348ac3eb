/**
 * A refused use of a grant is kept with an id of its own, so the consumer can
 * dispute the refusal (art. 25: every disagreement on sharing and use). A row
 * is an exchange log row's columns plus the refusal's code and message. The
 * audit log's `grant.use_refused` entry names the same id; nothing updates or
 * deletes a row.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('exchange_refusals', (t) => {
    t.string('id', 40).primary();
    t.string('grant_id', 60).notNullable().references('id').inTable('grants');
    t.string('resource_code', 40).notNullable();
    t.string('consumer_department', 40).notNullable();
    t.string('provider_department', 40).notNullable();
    t.string('actor', 64).notNullable();
    t.string('mode', 16).notNullable();
    t.text('items').notNullable(); // JSON array, as asked for
    t.integer('record_count').notNullable();
    t.string('code', 40).notNullable(); // the refusal's error code, e.g. items_not_granted
    t.text('message').notNullable();
    t.string('ip', 64).nullable();
    t.bigInteger('at_ms').notNullable();
    t.index(['grant_id', 'at_ms'], 'exchange_refusals_grant_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('exchange_refusals');
}
