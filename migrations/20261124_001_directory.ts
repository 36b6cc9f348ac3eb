/** Departments (city departments and counties/districts) and users with their roles. */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('departments', (t) => {
    t.string('code', 40).primary();
    t.string('name', 100).notNullable();
    t.string('name_en', 150).notNullable();
    t.string('kind', 20).notNullable(); // city_department | county
    t.string('parent_code', 40).nullable().references('code').inTable('departments');
    t.bigInteger('created_at_ms').notNullable();
  });
  await knex.schema.createTable('users', (t) => {
    t.string('username', 64).primary();
    t.string('display_name', 100).notNullable();
    t.string('department_code', 40).notNullable().references('code').inTable('departments');
    t.boolean('active').notNullable().defaultTo(true);
    t.bigInteger('created_at_ms').notNullable();
    t.index(['department_code']);
  });
  await knex.schema.createTable('user_roles', (t) => {
    t.string('username', 64).notNullable().references('username').inTable('users').onDelete('CASCADE');
    t.string('role', 32).notNullable();
    t.primary(['username', 'role']);
    t.index(['role']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('user_roles');
  await knex.schema.dropTable('users');
  await knex.schema.dropTable('departments');
}
