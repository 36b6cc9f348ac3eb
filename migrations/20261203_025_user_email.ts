/**
 * A person's e-mail address, where notices are mailed when the platform has
 * an SMTP server (SMTP_URL). Optional: a person without one reads notices in
 * the app.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.string('email', 254).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('email');
  });
}
