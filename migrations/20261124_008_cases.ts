/**
 * Read models of the other legal processes: corrections (art. 24), reforms
 * with each department's catalogue-update obligation (art. 9, 37), disputes
 * (art. 21, 25), the sanctions of art. 37, and one timeline table for the
 * events of every process (sharing requests' move there from request_events). Grants learn which workflow keeps them (a dispute's ruling can
 * grant too).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('corrections', (t) => {
    t.string('id', 40).primary();
    t.string('workflow_id', 80).notNullable();
    t.string('resource_code', 40).notNullable().references('code').inTable('resources');
    t.string('grant_id', 60).nullable();
    t.string('consumer_department', 40).notNullable();
    t.string('provider_department', 40).notNullable();
    t.string('filed_by', 64).notNullable();
    t.string('discovered_at', 35).notNullable();
    t.bigInteger('filed_at_ms').notNullable();
    t.string('filing_deadline', 35).notNullable();
    t.boolean('late').notNullable();
    t.text('items').notNullable(); // JSON array
    t.text('description').notNullable();
    t.text('evidence').notNullable();
    t.string('status', 24).notNullable();
    t.string('current_step', 40).nullable();
    t.string('reply_decision', 24).nullable();
    t.text('reply_text').nullable();
    t.bigInteger('updated_at_ms').notNullable();
    t.index(['consumer_department', 'filed_at_ms'], 'corrections_consumer_idx');
    t.index(['provider_department', 'filed_at_ms'], 'corrections_provider_idx');
  });
  await knex.schema.createTable('disputes', (t) => {
    t.string('id', 40).primary();
    t.string('workflow_id', 80).notNullable();
    t.string('subject_type', 16).notNullable(); // request | correction
    t.string('subject_id', 40).notNullable();
    t.string('provider_department', 40).notNullable();
    t.string('consumer_department', 40).notNullable();
    t.string('opened_by', 64).notNullable();
    t.string('opened_by_department', 40).notNullable();
    t.text('claim').notNullable();
    t.string('status', 24).notNullable(); // negotiation | coordination | ruling | resolved | ruled
    t.string('current_step', 40).nullable();
    t.text('proposal').nullable(); // JSON {by, text} during negotiation
    t.string('outcome_stage', 24).nullable();
    t.string('outcome_decision', 24).nullable();
    t.text('outcome_text').nullable();
    t.string('outcome_by', 64).nullable();
    t.bigInteger('opened_at_ms').notNullable();
    t.bigInteger('updated_at_ms').notNullable();
    t.index(['subject_type', 'subject_id'], 'disputes_subject_idx');
  });
  await knex.schema.createTable('reforms', (t) => {
    t.string('id', 40).primary();
    t.string('title', 200).notNullable();
    t.string('effective_date', 10).notNullable();
    t.text('description').notNullable();
    t.string('registered_by', 64).notNullable();
    t.string('idempotency_key', 200).notNullable();
    t.bigInteger('registered_at_ms').notNullable();
    t.unique(['registered_by', 'idempotency_key'], { indexName: 'reforms_idem_uq' });
  });
  await knex.schema.createTable('reform_obligations', (t) => {
    t.string('id', 100).primary(); // `${reformId}.${department}`
    t.string('reform_id', 40).notNullable().references('id').inTable('reforms');
    t.string('department_code', 40).notNullable().references('code').inTable('departments');
    t.string('workflow_id', 120).notNullable();
    t.string('status', 24).notNullable(); // open | overdue | rectification | suspended | met
    t.string('current_step', 40).nullable();
    t.string('met_how', 16).nullable(); // updated | no_change
    t.text('met_note').nullable();
    t.bigInteger('met_at_ms').nullable();
    t.bigInteger('updated_at_ms').notNullable();
    t.index(['department_code', 'status'], 'reform_obligations_dept_idx');
    t.index(['reform_id'], 'reform_obligations_reform_idx');
  });
  await knex.schema.createTable('sanctions', (t) => {
    t.string('id', 191).primary();
    t.string('department_code', 40).notNullable();
    t.string('kind', 16).notNullable(); // criticism | suspension
    t.string('case_type', 24).notNullable();
    t.string('case_id', 100).notNullable();
    t.text('reason').notNullable();
    t.bigInteger('at_ms').notNullable();
    t.bigInteger('lifted_at_ms').nullable();
    t.string('lifted_by', 64).nullable();
    t.index(['department_code', 'kind'], 'sanctions_dept_idx');
  });
  await knex.schema.createTable('case_events', (t) => {
    t.string('id', 191).primary(); // idempotency key from the workflow
    t.string('case_type', 24).notNullable();
    t.string('case_id', 100).notNullable();
    t.bigInteger('at_ms').notNullable();
    t.string('step', 40).nullable();
    t.string('action', 32).notNullable();
    t.string('actor', 64).nullable();
    t.string('actor_department', 40).nullable();
    t.string('decision', 32).nullable();
    t.text('reason').nullable();
    t.index(['case_type', 'case_id', 'at_ms'], 'case_events_case_idx');
  });
  await knex.schema.alterTable('grants', (t) => {
    t.string('workflow_id', 120).nullable();
  });
  // Sharing requests keep their timeline in case_events too, like every process.
  await knex.raw(
    `insert into case_events (id, case_type, case_id, at_ms, step, action, actor, actor_department, decision, reason)
     select id, 'sharing_request', request_id, at_ms, step, action, actor, actor_department, decision, reason from request_events`,
  );
  await knex.schema.dropTable('request_events');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.createTable('request_events', (t) => {
    t.string('id', 191).primary();
    t.string('request_id', 40).notNullable().references('id').inTable('sharing_requests').onDelete('CASCADE');
    t.bigInteger('at_ms').notNullable();
    t.string('step', 40).nullable();
    t.string('action', 32).notNullable();
    t.string('actor', 64).nullable();
    t.string('actor_department', 40).nullable();
    t.string('decision', 32).nullable();
    t.text('reason').nullable();
    t.index(['request_id', 'at_ms'], 'request_events_request_idx');
  });
  await knex.raw(
    `insert into request_events (id, request_id, at_ms, step, action, actor, actor_department, decision, reason)
     select id, case_id, at_ms, step, action, actor, actor_department, decision, reason from case_events where case_type = 'sharing_request'`,
  );
  await knex.schema.alterTable('grants', (t) => {
    t.dropColumn('workflow_id');
  });
  for (const table of [
    'case_events',
    'sanctions',
    'reform_obligations',
    'reforms',
    'disputes',
    'corrections',
  ])
    await knex.schema.dropTable(table);
}
