/** Security incidents (安全事件, art. 31): the row the API files and the workflow moves on. */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('security_incidents', (t) => {
    t.string('id', 40).primary(); // SI-yyyyMMdd-XXXXXX
    t.string('workflow_id', 80).notNullable();
    t.string('department_code', 40).notNullable().references('code').inTable('departments');
    t.string('title', 200).notNullable();
    t.string('severity', 8).notNullable(); // low | medium | high
    t.string('occurred_at', 40).notNullable();
    t.text('description').notNullable();
    t.string('reported_by', 64).notNullable();
    t.string('idempotency_key', 200).notNullable();
    t.string('payload_hash', 64).notNullable();
    t.string('status', 16).notNullable(); // handling | resolved
    t.string('current_step', 40).nullable();
    t.text('resolution').nullable();
    t.bigInteger('reported_at_ms').notNullable();
    t.bigInteger('updated_at_ms').notNullable();
    t.unique(['reported_by', 'idempotency_key'], { indexName: 'security_incidents_idem_uq' });
    t.index(['department_code', 'reported_at_ms'], 'security_incidents_dept_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('security_incidents');
}
