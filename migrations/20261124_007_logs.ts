/**
 * The append-only logs: the audit log of every state change and every read of
 * a case (who, when, what, from which address), and the exchange log of every
 * use of a grant (art. 23, 33). Nothing in govshare updates or deletes them.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('seq').primary();
    t.string('id', 191).notNullable().unique({ indexName: 'audit_log_id_uq' }); // idempotency key
    t.bigInteger('at_ms').notNullable();
    t.string('actor', 64).nullable(); // null: the system (a workflow)
    t.string('actor_department', 40).nullable();
    t.string('action', 40).notNullable();
    t.string('entity_type', 30).notNullable();
    t.string('entity_id', 191).notNullable();
    t.string('ip', 64).nullable();
    t.text('detail').nullable(); // JSON
    t.index(['entity_type', 'entity_id', 'at_ms'], 'audit_log_entity_idx');
    t.index(['at_ms'], 'audit_log_at_idx');
  });
  await knex.schema.createTable('exchange_log', (t) => {
    t.bigIncrements('seq').primary();
    t.string('id', 191).notNullable().unique({ indexName: 'exchange_log_id_uq' });
    t.string('grant_id', 60).notNullable().references('id').inTable('grants');
    t.string('resource_code', 40).notNullable();
    t.string('consumer_department', 40).notNullable();
    t.string('provider_department', 40).notNullable();
    t.string('actor', 64).notNullable();
    t.string('mode', 16).notNullable();
    t.text('items').notNullable(); // JSON array
    t.integer('record_count').notNullable();
    t.string('ip', 64).nullable();
    t.bigInteger('at_ms').notNullable();
    t.index(['grant_id', 'at_ms'], 'exchange_log_grant_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('exchange_log');
  await knex.schema.dropTable('audit_log');
}
