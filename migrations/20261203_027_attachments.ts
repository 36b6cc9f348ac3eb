/**
 * Files attached to a case (official letters, evidence): what was attached,
 * by whom and when, its size and SHA-256, and where the bytes are kept (the
 * data folder or an S3-compatible store).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('attachments', (t) => {
    t.string('id', 40).primary(); // AT-<uuid>
    t.string('case_type', 40).notNullable();
    t.string('case_id', 100).notNullable();
    t.string('file_name', 255).notNullable();
    t.string('media_type', 120).notNullable();
    t.bigInteger('size_bytes').notNullable();
    t.string('sha256', 64).notNullable();
    t.string('storage', 16).notNullable(); // folder | s3
    t.string('storage_key', 255).notNullable();
    t.string('uploaded_by', 64).notNullable();
    t.string('uploaded_by_department', 40).notNullable();
    t.bigInteger('uploaded_at_ms').notNullable();
    t.index(['case_type', 'case_id', 'uploaded_at_ms'], 'attachments_case_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('attachments');
}
