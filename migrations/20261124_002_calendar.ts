/** The official working-day calendar: known years, and each holiday or make-up working day. */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('calendar_years', (t) => {
    t.integer('year').primary();
    t.string('source', 100).notNullable(); // e.g. chinese-days@1.5.7, or import
    t.string('imported_by', 64).nullable();
    t.bigInteger('imported_at_ms').notNullable();
  });
  await knex.schema.createTable('calendar_days', (t) => {
    t.string('date', 10).primary(); // yyyy-MM-dd, Asia/Shanghai
    t.integer('year').notNullable().references('year').inTable('calendar_years').onDelete('CASCADE');
    t.string('kind', 10).notNullable(); // holiday | workday
    t.string('name', 100).nullable();
    t.index(['year']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('calendar_days');
  await knex.schema.dropTable('calendar_years');
}
