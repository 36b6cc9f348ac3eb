/**
 * A basic or thematic resource names the departments that take part in it
 * beside its lead department (art. 18: 由牵头建设部门负责组织相关部门采集、编目、更新、
 * 维护); the provider department is the lead, whose steward defines its base
 * and business items (art. 19). Entries already catalogued name none.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('resource_contributors', (t) => {
    t.string('resource_code', 40).notNullable().references('code').inTable('resources').onDelete('CASCADE');
    t.string('department_code', 40).notNullable().references('code').inTable('departments');
    t.primary(['resource_code', 'department_code']);
    t.index(['department_code'], 'resource_contributors_department_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('resource_contributors');
}
