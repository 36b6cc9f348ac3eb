/**
 * The security registers the measures ask for: agreements with technical
 * service units (art. 30) and each department's yearly risk assessment of its
 * data service node (art. 27).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('security_agreements', (t) => {
    t.string('id', 40).primary(); // SA-yyyyMMdd-XXXXXX
    t.string('department_code', 40).notNullable().references('code').inTable('departments');
    t.string('service_unit', 200).notNullable();
    t.text('scope').notNullable();
    t.text('kinds').notNullable(); // JSON: ['security', 'confidentiality']
    t.string('signed_on', 10).notNullable();
    t.string('expires_on', 10).notNullable();
    t.string('remind_at', 40).notNullable(); // the instant the department is reminded, from the policy
    t.string('policy_key', 60).notNullable();
    t.string('status', 12).notNullable(); // in_force | expired
    t.string('recorded_by', 64).notNullable();
    t.bigInteger('recorded_at_ms').notNullable();
    t.string('workflow_id', 80).notNullable();
    t.index(['department_code', 'expires_on'], 'security_agreements_dept_idx');
  });
  await knex.schema.createTable('risk_assessments', (t) => {
    t.string('id', 60).primary(); // RA-<department>-<year>
    t.string('department_code', 40).notNullable().references('code').inTable('departments');
    t.integer('year').notNullable();
    t.string('assessed_on', 10).notNullable();
    t.string('node', 200).notNullable(); // the department's data service node
    t.string('assessor', 200).notNullable();
    t.string('risk_level', 8).notNullable(); // low | medium | high
    t.text('findings').notNullable();
    t.string('recorded_by', 64).notNullable();
    t.bigInteger('recorded_at_ms').notNullable();
    t.unique(['department_code', 'year'], { indexName: 'risk_assessments_dept_year_uq' });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('risk_assessments');
  await knex.schema.dropTable('security_agreements');
}
