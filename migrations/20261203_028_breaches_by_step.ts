/**
 * Breaches are counted per step as well as per department and process, so
 * the dashboard can show which step of which department runs late (issue 14).
 * The breach rollup gains `step` in its key; it is made again and every
 * rollup is counted afresh from the tasks (this also counts, for the first
 * time, a database that had tasks before migration 010 or 021).
 */
import type { Knex } from 'knex';
import { rebuildSlaRollups } from '../db/sla-rollup-repository';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sla_breach_daily');
  await knex.schema.createTable('sla_breach_daily', (t) => {
    t.integer('day').notNullable(); // the breached task's start day
    t.string('department_code', 40).notNullable();
    t.string('process_type', 40).notNullable();
    t.string('step', 40).notNullable();
    t.integer('n').notNullable();
    t.primary(['day', 'department_code', 'process_type', 'step'], 'sla_breach_daily_pk');
  });
  await rebuildSlaRollups(knex);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sla_breach_daily');
  await knex.schema.createTable('sla_breach_daily', (t) => {
    t.integer('day').notNullable();
    t.string('department_code', 40).notNullable();
    t.string('process_type', 40).notNullable();
    t.integer('n').notNullable();
    t.primary(['day', 'department_code', 'process_type'], 'sla_breach_daily_pk');
  });
  // Counted again the next time the rollups are rebuilt (npm run rebuild-rollups) at this version.
}
