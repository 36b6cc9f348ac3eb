/**
 * The inbox's rollup: open tasks per candidate group (a role in a department,
 * or city-wide with department `''`), kept by the task repository
 * (db/inbox-rollup-repository.ts) and counted here from the candidate rows
 * already stored. An inbox reads its caller's few groups instead of counting
 * their tasks.
 */
import type { Knex } from 'knex';
import { rebuildInboxRollup } from '../db/inbox-rollup-repository';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('open_task_groups', (t) => {
    t.string('role', 32).notNullable();
    t.string('department_code', 40).notNullable(); // '' for a city-wide group
    t.integer('n').notNullable();
    t.primary(['role', 'department_code'], 'open_task_groups_pk');
  });
  await rebuildInboxRollup(knex);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('open_task_groups');
}
