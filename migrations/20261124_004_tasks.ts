/**
 * Read models the SLA mechanism writes (activities, idempotently): human tasks,
 * who may act on them, their SLA events (reminders, breaches, escalations) and
 * notifications. Temporal holds the process state; these serve inbox and
 * dashboard queries as indexed SQL.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('tasks', (t) => {
    t.string('id', 191).primary(); // `${workflowId}.${step}.${seq}`
    t.string('workflow_id', 150).notNullable();
    t.string('process_type', 40).notNullable();
    t.string('case_id', 100).notNullable();
    t.string('step', 40).notNullable();
    t.string('department_code', 40).nullable(); // null: a city-level role
    t.string('role', 32).notNullable();
    t.string('status', 12).notNullable(); // open | done | cancelled
    t.string('claimed_by', 64).nullable();
    t.string('started_at', 35).notNullable();
    t.bigInteger('started_at_ms').notNullable();
    t.string('deadline', 35).notNullable(); // ISO 8601, +08:00
    t.bigInteger('due_at_ms').notNullable();
    t.boolean('provisional').notNullable().defaultTo(false);
    t.integer('article').notNullable();
    t.string('policy_key', 80).notNullable();
    t.boolean('breached').notNullable().defaultTo(false);
    t.integer('escalation_level').notNullable().defaultTo(0);
    t.string('decision', 32).nullable();
    t.text('reason').nullable();
    t.string('completed_by', 64).nullable();
    t.bigInteger('completed_at_ms').nullable();
    t.index(['status', 'department_code', 'role', 'due_at_ms'], 'tasks_inbox_idx');
    t.index(['workflow_id']);
    t.index(['case_id']);
    t.index(['status', 'provisional'], 'tasks_provisional_idx');
  });
  await knex.schema.createTable('task_candidates', (t) => {
    t.string('id', 191).primary(); // `${taskId}|${role}|${department ?? '*'}`
    t.string('task_id', 191).notNullable().references('id').inTable('tasks').onDelete('CASCADE');
    t.string('role', 32).notNullable();
    t.string('department_code', 40).nullable();
    t.string('source', 16).notNullable(); // actor | escalation
    t.index(['task_id']);
    t.index(['role', 'department_code'], 'task_candidates_group_idx');
  });
  await knex.schema.createTable('sla_events', (t) => {
    t.string('id', 191).primary(); // `${taskId}#${kind}#${n}`
    t.string('task_id', 191).notNullable().references('id').inTable('tasks').onDelete('CASCADE');
    t.string('kind', 12).notNullable(); // reminder | breach | escalation
    t.integer('level').notNullable();
    t.string('at', 35).notNullable();
    t.bigInteger('at_ms').notNullable();
    t.text('detail').nullable(); // JSON
    t.index(['task_id']);
    t.index(['kind', 'at_ms']);
  });
  await knex.schema.createTable('notifications', (t) => {
    t.string('id', 191).primary(); // idempotency key
    t.string('recipient_role', 32).notNullable();
    t.string('recipient_department', 40).nullable();
    t.string('kind', 20).notNullable();
    t.string('task_id', 191).nullable();
    t.string('title_zh', 300).notNullable();
    t.string('title_en', 300).notNullable();
    t.bigInteger('created_at_ms').notNullable();
    t.bigInteger('read_at_ms').nullable();
    t.index(['recipient_role', 'recipient_department', 'created_at_ms'], 'notifications_recipient_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('notifications');
  await knex.schema.dropTable('sla_events');
  await knex.schema.dropTable('task_candidates');
  await knex.schema.dropTable('tasks');
}
