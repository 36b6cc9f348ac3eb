/**
 * Corrections take an Idempotency-Key, as requests and reforms do: a filing
 * sent again (a lost answer, a double click) returns the correction it made,
 * and a row whose workflow did not start is started by the retry. Corrections
 * filed before have no key.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('corrections', (t) => {
    t.string('idempotency_key', 200).nullable();
    t.string('payload_hash', 64).nullable();
    t.unique(['filed_by', 'idempotency_key'], { indexName: 'corrections_idem_uq' });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('corrections', (t) => {
    t.dropUnique(['filed_by', 'idempotency_key'], 'corrections_idem_uq');
    t.dropColumn('payload_hash');
    t.dropColumn('idempotency_key');
  });
}
