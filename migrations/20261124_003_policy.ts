/** Versioned policy documents; a workflow keeps the version in force when it started. */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('policy_versions', (t) => {
    t.string('key', 80).primary(); // `${id}@${version}`
    t.string('policy_id', 60).notNullable();
    t.integer('version').notNullable();
    t.string('effective_from', 10).notNullable(); // yyyy-MM-dd
    t.text('document', 'mediumtext').notNullable(); // JSON, validated by PolicyDocumentSchema
    t.bigInteger('created_at_ms').notNullable();
    t.unique(['policy_id', 'version']);
    t.index(['effective_from']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('policy_versions');
}
