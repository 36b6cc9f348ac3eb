/**
 * The core metadata of the national 《政务信息资源目录编制指南(试行)》 (on
 * GB/T 21063) that the catalogue did not keep yet: the national resource code
 * (classification code / sequence), the resource's format, each data item's
 * type, and the resources an entry relates to. Entries already catalogued
 * have none of them, for their stewards to fill in.
 */
import type { Knex } from 'knex';
import { withoutSqliteForeignKeys } from './without-sqlite-foreign-keys';

/** SQLite drops a column by copying the table, which its foreign keys refuse inside a transaction. */
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('resources', (t) => {
    t.string('national_code', 60).nullable().unique({ indexName: 'resources_national_code_uq' });
    t.string('format', 20).nullable();
  });
  await knex.schema.alterTable('resource_items', (t) => {
    t.string('data_type', 2).nullable();
  });
  await knex.schema.createTable('resource_relations', (t) => {
    t.string('resource_code', 40).notNullable().references('code').inTable('resources').onDelete('CASCADE');
    t.string('related_code', 40).notNullable().references('code').inTable('resources');
    t.primary(['resource_code', 'related_code']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('resource_relations');
  await withoutSqliteForeignKeys(knex, async () => {
    await knex.schema.alterTable('resource_items', (t) => {
      t.dropColumn('data_type');
    });
    await knex.schema.alterTable('resources', (t) => {
      t.dropUnique(['national_code'], 'resources_national_code_uq');
    });
    await knex.schema.alterTable('resources', (t) => {
      t.dropColumn('format');
      t.dropColumn('national_code');
    });
  });
}
