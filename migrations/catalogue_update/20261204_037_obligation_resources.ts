/**
 * Reforms done properly (art. 9, 37): what set the obligation off (a reform
 * across departments, or a department's own change of duties or of the law),
 * the department's resources each obligation lists with the decision on each
 * (keep, updated, transfer to a successor, retire), and resources that are
 * retired: kept for the record, off the 共享目录, refused to new requests.
 */
import type { Knex } from 'knex';
import { withoutSqliteForeignKeys } from '../without-sqlite-foreign-keys';

export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('reforms', (t) => {
    /** institutional_reform (机构改革) | duty_adjustment (法定职责调整) | law_revision (法律法规修订). */
    t.string('trigger_kind', 30).notNullable().defaultTo('institutional_reform');
  });
  await knex.schema.createTable('obligation_resources', (t) => {
    t.string('obligation_id', 100).notNullable().references('id').inTable('reform_obligations');
    t.string('resource_code', 40).notNullable().references('code').inTable('resources');
    /** keep | updated | transfer | retire; null while undecided. */
    t.string('decision', 16).nullable();
    t.string('successor_code', 40).nullable().references('code').inTable('departments');
    t.text('reason').nullable();
    t.string('decided_by', 64).nullable();
    t.bigInteger('decided_at_ms').nullable();
    t.primary(['obligation_id', 'resource_code']);
    t.index(['resource_code'], 'obligation_resources_code_idx');
  });
  await knex.schema.alterTable('resources', (t) => {
    t.bigInteger('retired_at_ms').nullable();
    t.text('retired_reason').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('obligation_resources');
  await withoutSqliteForeignKeys(knex, async () => {
    await knex.schema.alterTable('resources', (t) => {
      t.dropColumn('retired_at_ms');
      t.dropColumn('retired_reason');
    });
    await knex.schema.alterTable('reforms', (t) => t.dropColumn('trigger_kind'));
  });
}
