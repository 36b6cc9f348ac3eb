/**
 * A request keeps the questions its answers reply to, as the catalogue put
 * them when it was made (art. 23: the provider sets the conditions), so its
 * page shows each answer under its question even after the entry changes.
 * Requests made before this keep null and are shown with the catalogue's
 * current questions.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sharing_requests', (t) => {
    t.text('questions').nullable(); // JSON [{ id, question }]
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sharing_requests', (t) => {
    t.dropColumn('questions');
  });
}
