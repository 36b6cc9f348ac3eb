/**
 * The SLA rollups' duration buckets gain 1-, 5- and 15-minute bounds below the
 * half hour, so the dashboard's medians of steps decided in minutes read in
 * minutes (they all read 0.3 h before). The buckets' meaning moves, so every
 * rollup must be counted again from the tasks: migration 028, which always
 * runs after this one, does that. (This migration did it itself until 028
 * changed the breach rollup's shape, which the rebuild now writes.)
 */
import type { Knex } from 'knex';

/** Buckets before this migration, and after. */
const BEFORE = 21;
const AFTER = 24;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sla_done_daily', (t) => {
    for (let b = BEFORE; b < AFTER; b++) t.integer(`b${b}`).notNullable().defaultTo(0);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sla_done_daily', (t) => {
    for (let b = BEFORE; b < AFTER; b++) t.dropColumn(`b${b}`);
  });
}
