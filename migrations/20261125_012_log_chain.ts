/**
 * The audit and exchange logs become hash chains (art. 32, 33): each row gets
 * its position, the previous row's hash and its own SM3 hash; `log_heads`
 * holds each chain's last link and serialises appends; `log_checkpoints`
 * keeps signed heads; `log_retention` says up to when rows may be archived.
 * Rows already logged are chained in their order of arrival. Triggers then
 * refuse any UPDATE of a log row, and any DELETE of a row the retention
 * period still covers (see `db/audit/log-protection.ts`).
 */
import type { Knex } from 'knex';
import { CHAINED_LOGS, GENESIS, linkHash } from '../domain/audit/log-chain';
import { dropLogProtection, protectLogs } from '../db/audit/log-protection';

export async function up(knex: Knex): Promise<void> {
  for (const log of CHAINED_LOGS) {
    await knex.schema.alterTable(log.table, (t) => {
      t.bigInteger('chain_pos')
        .nullable()
        .unique({ indexName: `${log.table}_chain_pos_uq` });
      t.string('prev_hash', 64).nullable();
      t.string('hash', 64).nullable();
    });
  }
  await knex.schema.createTable('log_heads', (t) => {
    t.string('log', 16).primary();
    t.bigInteger('pos').notNullable();
    t.string('hash', 64).notNullable();
  });
  await knex.schema.createTable('log_checkpoints', (t) => {
    t.increments('id').primary();
    t.string('log', 16).notNullable();
    t.bigInteger('pos').notNullable();
    t.string('hash', 64).notNullable();
    t.bigInteger('at_ms').notNullable();
    t.string('key_id', 64).notNullable(); // SM3 of the public key (SPKI DER)
    t.text('signature').notNullable(); // SM2 over SM3, base64
    t.index(['log', 'pos'], 'log_checkpoints_log_idx');
  });
  await knex.schema.createTable('log_retention', (t) => {
    t.string('log', 16).primary();
    /** Rows logged before this instant may be archived and deleted; 0: none may. */
    t.bigInteger('archivable_before_ms').notNullable();
  });

  for (const log of CHAINED_LOGS) {
    let prev = GENESIS;
    let pos = 0;
    for (let after = 0; ;) {
      const rows = await knex(log.table).where('seq', '>', after).orderBy('seq').limit(1000);
      if (rows.length === 0) break;
      for (const row of rows) {
        pos += 1;
        const hash = linkHash(log, prev, pos, row);
        await knex(log.table).where({ seq: row.seq }).update({ chain_pos: pos, prev_hash: prev, hash });
        prev = hash;
        after = Number(row.seq);
      }
    }
    await knex('log_heads').insert({ log: log.name, pos, hash: prev });
    await knex('log_retention').insert({ log: log.name, archivable_before_ms: 0 });
  }
  await protectLogs(knex);
}

export async function down(knex: Knex): Promise<void> {
  await dropLogProtection(knex);
  await knex.schema.dropTable('log_retention');
  await knex.schema.dropTable('log_checkpoints');
  await knex.schema.dropTable('log_heads');
  for (const log of CHAINED_LOGS) {
    await knex.schema.alterTable(log.table, (t) => {
      t.dropUnique(['chain_pos'], `${log.table}_chain_pos_uq`);
      t.dropColumn('chain_pos');
      t.dropColumn('prev_hash');
      t.dropColumn('hash');
    });
  }
}
