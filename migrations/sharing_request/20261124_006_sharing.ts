/**
 * Read models of sharing requests, written by the API (on submission) and by
 * the workflow's activities: the request, its timeline and the grant it ends in.
 * Temporal holds the process state; these serve lists and detail pages.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sharing_requests', (t) => {
    t.string('id', 40).primary();
    t.string('workflow_id', 80).notNullable();
    t.string('requested_by', 64).notNullable();
    t.string('idempotency_key', 200).notNullable();
    t.string('payload_hash', 64).notNullable();
    t.string('resource_code', 40).notNullable().references('code').inTable('resources');
    t.string('share_type', 16).notNullable();
    t.string('consumer_department', 40).notNullable();
    t.string('provider_department', 40).notNullable();
    t.text('items').notNullable(); // JSON array of item names
    t.text('purpose').notNullable();
    t.text('basis').notNullable();
    t.text('answers').notNullable(); // JSON object
    t.string('usage_from', 10).notNullable();
    t.string('usage_to', 10).notNullable();
    t.string('status', 20).notNullable();
    t.string('current_step', 40).nullable();
    t.text('decision_reason').nullable();
    t.bigInteger('submitted_at_ms').notNullable();
    t.bigInteger('updated_at_ms').notNullable();
    t.unique(['requested_by', 'idempotency_key'], { indexName: 'sharing_requests_idem_uq' });
    t.index(['consumer_department', 'submitted_at_ms'], 'sharing_requests_consumer_idx');
    t.index(['provider_department', 'submitted_at_ms'], 'sharing_requests_provider_idx');
    t.index(['status', 'submitted_at_ms'], 'sharing_requests_status_idx');
  });
  await knex.schema.createTable('request_events', (t) => {
    t.string('id', 191).primary(); // idempotency key from the workflow
    t.string('request_id', 40).notNullable().references('id').inTable('sharing_requests').onDelete('CASCADE');
    t.bigInteger('at_ms').notNullable();
    t.string('step', 40).nullable();
    t.string('action', 32).notNullable();
    t.string('actor', 64).nullable(); // null: the system
    t.string('actor_department', 40).nullable();
    t.string('decision', 32).nullable();
    t.text('reason').nullable();
    t.index(['request_id', 'at_ms'], 'request_events_request_idx');
  });
  await knex.schema.createTable('grants', (t) => {
    t.string('id', 60).primary();
    t.string('request_id', 40).notNullable().references('id').inTable('sharing_requests');
    t.string('resource_code', 40).notNullable();
    t.string('consumer_department', 40).notNullable();
    t.string('provider_department', 40).notNullable();
    t.text('items').notNullable(); // JSON array
    t.text('purpose').notNullable();
    t.string('usage_from', 10).notNullable();
    t.string('usage_to', 10).notNullable();
    t.string('mode', 16).notNullable();
    t.string('status', 12).notNullable(); // active | expired | revoked
    t.bigInteger('granted_at_ms').notNullable();
    t.bigInteger('ended_at_ms').nullable();
    t.string('ended_by', 64).nullable();
    t.text('end_reason').nullable();
    t.unique(['request_id'], { indexName: 'grants_request_uq' });
    t.index(['consumer_department', 'status'], 'grants_consumer_idx');
    t.index(['provider_department', 'status'], 'grants_provider_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('grants');
  await knex.schema.dropTable('request_events');
  await knex.schema.dropTable('sharing_requests');
}
