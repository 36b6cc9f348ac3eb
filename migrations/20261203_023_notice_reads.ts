/**
 * The notices centre: a notice goes to a group (a role, in a department or
 * city-wide), and each of its members reads it on their own. `notice_reads`
 * records who read which notice when; a notice without a row is unread for
 * that person.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('notice_reads', (t) => {
    t.string('notice_id', 191).notNullable().references('id').inTable('notifications').onDelete('CASCADE');
    t.string('username', 64).notNullable();
    t.bigInteger('read_at_ms').notNullable();
    t.primary(['username', 'notice_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('notice_reads');
}
