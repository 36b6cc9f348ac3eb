/**
 * 已办 lists what a department did, the latest first: tasks completed by the
 * department's people, read per person off (completed_by, completed_at_ms)
 * instead of a scan of every completed task.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => {
    t.index(['completed_by', 'completed_at_ms'], 'tasks_done_by_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => {
    t.dropIndex([], 'tasks_done_by_idx');
  });
}
