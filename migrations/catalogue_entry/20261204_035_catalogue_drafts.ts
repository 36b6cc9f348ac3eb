/** Catalogue drafts (目录编制审核, art. 7, 9): the entries a steward submits, reviewed and 核定 before they are published. */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('catalogue_drafts', (t) => {
    t.string('id', 40).primary(); // CE-yyyyMMdd-XXXXXX
    t.string('workflow_id', 80).notNullable();
    t.string('provider_code', 40).notNullable().references('code').inTable('departments');
    t.string('author', 64).notNullable();
    t.text('change_reason').notNullable();
    /** What the inbox calls it: the entry's name, or the first's with how many there are. */
    t.string('title', 240).notNullable();
    /** The entry's code when the draft has one entry. */
    t.string('subject_code', 40).nullable();
    /** The entries as submitted (or last revised): a JSON array of whole entries. */
    t.text('entries', 'mediumtext').notNullable();
    t.string('status', 24).notNullable();
    t.string('current_step', 40).nullable();
    t.boolean('needs_verification').nullable();
    /** What publishing did: a JSON array of { code, version, created }. */
    t.text('published').nullable();
    t.string('idempotency_key', 200).notNullable();
    t.string('payload_hash', 64).notNullable();
    t.bigInteger('submitted_at_ms').notNullable();
    t.bigInteger('updated_at_ms').notNullable();
    t.unique(['author', 'idempotency_key'], { indexName: 'catalogue_drafts_idem_uq' });
    t.index(['provider_code', 'submitted_at_ms'], 'catalogue_drafts_provider_idx');
  });
  await knex.schema.createTable('catalogue_draft_codes', (t) => {
    t.string('draft_id', 40).notNullable().references('id').inTable('catalogue_drafts').onDelete('CASCADE');
    t.string('resource_code', 40).notNullable();
    /** The code while the draft is under way, null once it is published or withdrawn: an entry is in one open draft at a time. */
    t.string('open_code', 40).nullable().unique({ indexName: 'catalogue_draft_codes_open_uq' });
    t.primary(['draft_id', 'resource_code']);
    t.index(['resource_code'], 'catalogue_draft_codes_code_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('catalogue_draft_codes');
  await knex.schema.dropTable('catalogue_drafts');
}
