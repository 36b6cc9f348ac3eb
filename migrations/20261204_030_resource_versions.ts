/**
 * Catalogue entries keep their versions (issue 16, art. 9): every registration
 * or change of an entry is a numbered version with who, when, why, the entry
 * as it then stood and what changed, field by field. `resources.version` is
 * the version the catalogue shows. Entries catalogued before this have their
 * present state recorded as version 1 (by whoever last changed them, when
 * they did), so the next change has something to be compared with.
 *
 * The backfill reads the tables as they are at this migration, not through
 * the repository, so a later change to the repository cannot change it.
 */
import type { Knex } from 'knex';
import { withoutSqliteForeignKeys } from './without-sqlite-foreign-keys';

type Row = Record<string, unknown>;

/** SQLite drops a column by copying the table, which its foreign keys refuse inside a transaction. */
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('resource_versions', (t) => {
    t.string('resource_code', 40).notNullable().references('code').inTable('resources').onDelete('CASCADE');
    t.integer('version').notNullable();
    t.bigInteger('recorded_at_ms').notNullable();
    t.string('recorded_by', 64).notNullable();
    t.text('reason').nullable(); // null: registered, or recorded when versions began
    t.text('entry').notNullable(); // the entry as it stood (JSON, the steward's input shape)
    t.text('changes').notNullable(); // [{ field, before, after }] against the version before (JSON)
    t.text('narrowings').notNullable(); // how the change narrowed sharing (JSON list, usually empty)
    t.primary(['resource_code', 'version']);
  });
  await knex.schema.alterTable('resources', (t) => {
    t.integer('version').notNullable().defaultTo(1);
  });

  // The backfill is all or nothing (the schema changes above commit on their own on MySQL).
  await knex.transaction((trx) => recordPresentEntries(trx));
}

async function recordPresentEntries(knex: Knex): Promise<void> {
  const resources: Row[] = await knex('resources').orderBy('code');
  for (const r of resources) {
    const code = r.code as string;
    const [items, conditions, recipients] = await Promise.all([
      knex('resource_items').where({ resource_code: code }).orderBy('position'),
      knex('resource_conditions').where({ resource_code: code }).orderBy('position'),
      knex('resource_statutory_recipients').where({ resource_code: code }).orderBy('department_code'),
    ]);
    const entry = {
      code,
      name: r.name,
      summary: r.summary,
      providerDepartment: r.provider_department,
      category: r.category,
      items: items.map((i: Row) => ({ name: i.name, kind: i.kind })),
      shareType: r.share_type,
      conditions: conditions.map((c: Row) => ({ id: c.id, question: c.question })),
      legalBasis: r.legal_basis ?? null,
      statutoryRecipients: recipients.map((d: Row) => d.department_code as string).sort(),
      mode: r.mode,
      updateCycle: r.update_cycle,
      openToPublic: Boolean(r.open_to_public),
      classification: r.classification,
    };
    await knex('resource_versions').insert({
      resource_code: code,
      version: 1,
      recorded_at_ms: r.updated_at_ms,
      recorded_by: r.updated_by,
      reason: null,
      entry: JSON.stringify(entry),
      changes: JSON.stringify([]),
      narrowings: JSON.stringify([]),
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('resource_versions');
  await withoutSqliteForeignKeys(knex, async () => {
    await knex.schema.alterTable('resources', (t) => {
      t.dropColumn('version');
    });
  });
}
