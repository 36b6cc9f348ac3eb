/**
 * Where archived log rows went (art. 33): each archive holds a run of a log's
 * chain, from one position to another, in a compressed file whose SM3 digest
 * is kept here with the link it continues from and the checkpoint that signs
 * its last row. Archive records are never changed or removed (triggers, as for the logs).
 */
import type { Knex } from 'knex';
import { protectArchives } from '../db/audit/log-protection';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('log_archives', (t) => {
    t.increments('id').primary();
    t.string('log', 16).notNullable();
    t.bigInteger('from_pos').notNullable();
    t.bigInteger('to_pos').notNullable();
    t.string('prev_hash', 64).notNullable(); // the link the first archived row continues
    t.string('last_hash', 64).notNullable();
    t.integer('rows').notNullable();
    t.bigInteger('archived_before_ms').notNullable(); // every row in it was logged before this
    t.string('file', 255).notNullable();
    t.string('file_sm3', 64).notNullable();
    t.integer('checkpoint_id').notNullable();
    t.bigInteger('at_ms').notNullable();
    t.unique(['log', 'from_pos'], { indexName: 'log_archives_log_from_uq' });
  });
  await protectArchives(knex);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS log_archives_no_update');
  await knex.raw('DROP TRIGGER IF EXISTS log_archives_no_delete');
  await knex.schema.dropTable('log_archives');
}
