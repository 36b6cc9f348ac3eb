/**
 * A task keeps the period an earlier decision set for it (the LG office's
 * rectification order, art. 37), so the inbox shows that limit rather than the
 * policy's default.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => {
    t.string('set_period', 64).nullable(); // JSON duration, e.g. {"workingDays":7}
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => {
    t.dropColumn('set_period');
  });
}
