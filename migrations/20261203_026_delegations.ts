/**
 * Delegation (代理): a reviewer or approver going on leave names a colleague
 * of the same department and role for a period. The colleague then decides
 * the tasks the absent person had claimed, and each such decision records
 * whom it was made for (`tasks.completed_for`).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('delegations', (t) => {
    t.string('id', 40).primary(); // DG-yyyyMMdd-XXXXXX
    t.string('from_username', 64).notNullable().references('username').inTable('users');
    t.string('to_username', 64).notNullable().references('username').inTable('users');
    t.string('department_code', 40).notNullable();
    t.string('role', 32).notNullable();
    t.string('starts_on', 10).notNullable(); // yyyy-MM-dd, Asia/Shanghai, inclusive
    t.string('ends_on', 10).notNullable(); // inclusive
    t.text('reason').nullable();
    t.bigInteger('created_at_ms').notNullable();
    t.bigInteger('revoked_at_ms').nullable();
    t.string('revoked_by', 64).nullable();
    t.index(['to_username', 'ends_on'], 'delegations_to_idx');
    t.index(['from_username', 'ends_on'], 'delegations_from_idx');
  });
  await knex.schema.alterTable('tasks', (t) => {
    t.string('completed_for', 64).nullable(); // the absent colleague a delegate decided for
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => {
    t.dropColumn('completed_for');
  });
  await knex.schema.dropTable('delegations');
}
