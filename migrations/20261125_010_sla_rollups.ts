/**
 * Rollups the SLA dashboard sums instead of scanning tasks and requests:
 * tasks done per completion day (by department, step and breach, with a
 * column a duration bucket, for on-time rates and medians), breached tasks
 * per start day, open tasks per due day, open tasks per case, and sharing
 * requests per submission day. The repositories update them in the
 * same transaction as the row they count, and only when that row changed, so
 * a retried activity never counts twice. Existing rows are counted by
 * migration 028 (after 021 adds the finer buckets of short durations).
 * `department_code` is '' for the city-level roles' tasks.
 */
import type { Knex } from 'knex';
/** The duration buckets this migration made (b0 … b20); migration 021 adds three. */
const BUCKETS_AT_010 = 21;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sla_done_daily', (t) => {
    t.integer('day').notNullable(); // days since 1970-01-01, Asia/Shanghai
    t.string('department_code', 40).notNullable();
    t.string('process_type', 40).notNullable();
    t.string('step', 40).notNullable();
    t.string('policy_key', 80).notNullable();
    t.boolean('breached').notNullable();
    t.integer('n').notNullable();
    // How many took how long: b0 … bN, one column a duration bucket (DURATION_BUCKET_HOURS).
    for (let b = 0; b < BUCKETS_AT_010; b++) t.integer(`b${b}`).notNullable().defaultTo(0);
    t.primary(
      ['day', 'department_code', 'process_type', 'step', 'policy_key', 'breached'],
      'sla_done_daily_pk',
    );
  });
  await knex.schema.createTable('sla_breach_daily', (t) => {
    t.integer('day').notNullable(); // the breached task's start day
    t.string('department_code', 40).notNullable();
    t.string('process_type', 40).notNullable();
    t.integer('n').notNullable();
    t.primary(['day', 'department_code', 'process_type'], 'sla_breach_daily_pk');
  });
  await knex.schema.createTable('sla_open_daily', (t) => {
    t.integer('day').notNullable(); // the open task's due day
    t.string('department_code', 40).notNullable();
    t.string('process_type', 40).notNullable();
    t.integer('n').notNullable();
    t.primary(['day', 'department_code', 'process_type'], 'sla_open_daily_pk');
  });
  await knex.schema.createTable('open_cases', (t) => {
    t.string('case_id', 100).primary();
    t.string('process_type', 40).notNullable();
    t.integer('n').notNullable(); // its open tasks
    t.index(['process_type'], 'open_cases_process_idx');
  });
  await knex.schema.createTable('request_daily', (t) => {
    t.integer('day').notNullable();
    t.string('consumer_department', 40).notNullable();
    t.string('provider_department', 40).notNullable();
    t.integer('n').notNullable();
    t.primary(['day', 'consumer_department', 'provider_department'], 'request_daily_pk');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('request_daily');
  await knex.schema.dropTable('open_cases');
  await knex.schema.dropTable('sla_open_daily');
  await knex.schema.dropTable('sla_breach_daily');
  await knex.schema.dropTable('sla_done_daily');
}
