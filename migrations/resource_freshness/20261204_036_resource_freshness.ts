/** Data freshness (art. 20): when each entry's data was last updated, and the case that watches it. */
import type { Knex } from 'knex';
import { withoutSqliteForeignKeys } from '../without-sqlite-foreign-keys';

export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('resources', (t) => {
    /** When the provider last reported its data updated; null: never reported. */
    t.bigInteger('data_updated_at_ms').nullable();
  });
  await knex.schema.createTable('resource_freshness', (t) => {
    t.string('id', 50).primary(); // DF-<resource code>
    t.string('workflow_id', 90).notNullable();
    t.string('resource_code', 40).notNullable().unique({ indexName: 'resource_freshness_code_uq' });
    t.string('provider_code', 40).notNullable().references('code').inTable('departments');
    t.string('status', 16).notNullable(); // fresh | stale
    t.string('current_step', 40).nullable();
    t.string('stale_since', 40).nullable();
    t.bigInteger('created_at_ms').notNullable();
    t.bigInteger('updated_at_ms').notNullable();
    t.index(['provider_code', 'status'], 'resource_freshness_provider_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('resource_freshness');
  await withoutSqliteForeignKeys(knex, async () => {
    await knex.schema.alterTable('resources', (t) => t.dropColumn('data_updated_at_ms'));
  });
}
