/**
 * Notices delivered beyond the app, by channel (a signed webhook, e-mail):
 * one row per notice and channel once a worker takes it, holding its tries,
 * the time of the next one and its last error, so every worker can take due
 * deliveries without two sending one, and a channel that failed is tried
 * again without sending the other twice.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('notice_deliveries', (t) => {
    t.string('notice_id', 191).notNullable().references('id').inTable('notifications').onDelete('CASCADE');
    t.string('channel', 16).notNullable(); // webhook | email
    t.integer('attempts').notNullable();
    /** Not before this instant: the end of a worker's claim, or the next try after a failure. */
    t.bigInteger('deliver_after_ms').notNullable();
    /** The worker round that holds it (a random id): whoever wrote theirs last holds it. */
    t.string('claim', 36).notNullable();
    t.bigInteger('delivered_at_ms').nullable();
    t.string('error', 300).nullable();
    t.primary(['notice_id', 'channel']);
  });
  await knex.schema.alterTable('notifications', (t) => {
    t.index(['created_at_ms'], 'notifications_created_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notifications', (t) => {
    t.dropIndex([], 'notifications_created_idx');
  });
  await knex.schema.dropTable('notice_deliveries');
}
