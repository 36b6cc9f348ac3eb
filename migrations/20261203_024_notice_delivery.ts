/**
 * Notices delivered beyond the app (a signed webhook): each notice's delivery
 * state, so every worker can take due deliveries without two sending one, and
 * a failed delivery is tried again later. Notices written before this
 * migration count as delivered: history is not sent out.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notifications', (t) => {
    t.bigInteger('delivered_at_ms').nullable();
    t.integer('delivery_attempts').notNullable().defaultTo(0);
    /** Not before this instant: the next try after a failure, or the end of a worker's claim. */
    t.bigInteger('deliver_after_ms').nullable();
    t.string('delivery_error', 300).nullable();
  });
  await knex('notifications').update({ delivered_at_ms: knex.ref('created_at_ms') });
  await knex.schema.alterTable('notifications', (t) => {
    t.index(['delivered_at_ms', 'created_at_ms'], 'notifications_delivery_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notifications', (t) => {
    t.dropIndex([], 'notifications_delivery_idx');
  });
  await knex.schema.alterTable('notifications', (t) => {
    t.dropColumn('delivery_error');
    t.dropColumn('deliver_after_ms');
    t.dropColumn('delivery_attempts');
    t.dropColumn('delivered_at_ms');
  });
}
