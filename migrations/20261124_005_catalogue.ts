/**
 * The catalogue of shareable resources (art. 15, 19, 21): each resource, its
 * data items, the conditions a requester answers and the departments the law
 * entitles to it whatever its sharing type.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('resources', (t) => {
    t.string('code', 40).primary();
    t.string('name', 100).notNullable();
    t.text('summary').notNullable();
    t.string('provider_department', 40).notNullable().references('code').inTable('departments');
    t.string('category', 16).notNullable(); // basic | thematic | departmental
    t.string('share_type', 16).notNullable(); // unconditional | conditional | not_shared
    t.text('legal_basis').nullable();
    t.string('mode', 16).notNullable(); // api | verification | file
    t.string('update_cycle', 16).notNullable();
    t.boolean('open_to_public').notNullable().defaultTo(false);
    t.bigInteger('updated_at_ms').notNullable();
    t.string('updated_by', 64).notNullable();
    t.index(['share_type', 'provider_department'], 'resources_type_provider_idx');
  });
  await knex.schema.createTable('resource_items', (t) => {
    t.string('resource_code', 40).notNullable().references('code').inTable('resources').onDelete('CASCADE');
    t.integer('position').notNullable();
    t.string('name', 100).notNullable();
    t.string('kind', 12).notNullable(); // base | business
    t.primary(['resource_code', 'position']);
  });
  await knex.schema.createTable('resource_conditions', (t) => {
    t.string('resource_code', 40).notNullable().references('code').inTable('resources').onDelete('CASCADE');
    t.integer('position').notNullable();
    t.string('id', 40).notNullable();
    t.string('question', 300).notNullable();
    t.primary(['resource_code', 'position']);
  });
  await knex.schema.createTable('resource_statutory_recipients', (t) => {
    t.string('resource_code', 40).notNullable().references('code').inTable('resources').onDelete('CASCADE');
    t.string('department_code', 40).notNullable().references('code').inTable('departments');
    t.primary(['resource_code', 'department_code']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('resource_statutory_recipients');
  await knex.schema.dropTable('resource_conditions');
  await knex.schema.dropTable('resource_items');
  await knex.schema.dropTable('resources');
}
