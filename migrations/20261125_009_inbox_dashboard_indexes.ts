/**
 * Indexes that let the inbox and the SLA dashboard answer from index ranges at
 * scale (a million requests, a hundred thousand open tasks):
 * - task_candidates carries a copy of its task's status and deadline, so one
 *   candidate group's open tasks are read in deadline order straight off
 *   `task_candidates_inbox_idx` (no sort, no scan of other departments' tasks);
 *   the task repository keeps the copies in step with `tasks`.
 * - a covering index for the dashboard's counts of open tasks, and indexes
 *   for its lists: open tasks by deadline, done tasks by completion, breached
 *   tasks by start (its figures over a period come from the rollups of 010).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('task_candidates', (t) => {
    t.string('status', 12).notNullable().defaultTo('open');
    t.bigInteger('due_at_ms').notNullable().defaultTo(0);
  });
  await knex.raw(
    `update task_candidates set
       status = (select tasks.status from tasks where tasks.id = task_candidates.task_id),
       due_at_ms = (select tasks.due_at_ms from tasks where tasks.id = task_candidates.task_id)`,
  );
  await knex.schema.alterTable('task_candidates', (t) => {
    t.index(['role', 'department_code', 'status', 'due_at_ms', 'task_id'], 'task_candidates_inbox_idx');
  });
  await knex.schema.alterTable('tasks', (t) => {
    t.index(['status', 'department_code', 'process_type', 'due_at_ms', 'case_id'], 'tasks_open_sla_idx');
    t.index(['status', 'due_at_ms'], 'tasks_due_idx');
    t.index(['status', 'completed_at_ms'], 'tasks_completed_idx');
    t.index(['breached', 'started_at_ms'], 'tasks_breached_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => {
    t.dropIndex([], 'tasks_breached_idx');
    t.dropIndex([], 'tasks_completed_idx');
    t.dropIndex([], 'tasks_due_idx');
    t.dropIndex([], 'tasks_open_sla_idx');
  });
  await knex.schema.alterTable('task_candidates', (t) => {
    t.dropIndex([], 'task_candidates_inbox_idx');
  });
  await knex.schema.alterTable('task_candidates', (t) => {
    t.dropColumn('due_at_ms');
    t.dropColumn('status');
  });
}
