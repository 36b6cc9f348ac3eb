/**
 * The rollup check, on MariaDB and SQLite: rollups the application kept agree
 * with a fresh count; a task written around it (as an import would) is found
 * as drift in the inbox's and the dashboard's rollups and is in nobody's inbox
 * until they are recounted; a count changed by hand is found too; and a
 * recount of what drifted puts everything right.
 */
import { recountRollups, rollupDrift } from '../../db/rollup-drift';
import { listInbox, recordDueSlaEvents } from '../../db/task-repository';
import { createTestDb, type DbKind, type TestDb } from '../../scripts/harness/databases';
import { auditBureauInbox, HOUR, importOpenTasks, iso, seedTasks, T0 } from '../support/task-fixtures';

const kinds: DbKind[] = ['mysql', 'sqlite'];

describe.each(kinds)('the rollup check on %s', (kind) => {
  let t: TestDb;
  const inbox = auditBureauInbox;

  beforeAll(async () => {
    t = await createTestDb(kind);
    await seedTasks(t);
    // A breach and an escalation to a city-wide group, as a woken workflow records them.
    await recordDueSlaEvents(t.db, {
      taskId: 'wf-1.step.1',
      events: [
        { taskId: 'wf-1.step.1', kind: 'breach', level: 0, at: iso(T0 + 30 * 24 * HOUR) },
        { taskId: 'wf-1.step.1', kind: 'escalation', level: 1, at: iso(T0 + 30 * 24 * HOUR) },
      ],
      escalationCandidates: [{ role: 'supervisor', department: null }],
      notices: [],
    });
  });
  afterAll(() => t?.drop());

  it('finds nothing where the application kept the rollups', async () => {
    expect(await rollupDrift(t.db)).toEqual([]);
  });

  it('finds a task written around the application, which nobody sees until it is recounted', async () => {
    const [id] = await importOpenTasks(t, [
      { workflowId: 'imported-1', caseId: 'IMPORTED-1', dueAtMs: T0 + 3 * 24 * HOUR },
    ]);
    expect((await listInbox(t.db, inbox)).items.map((x) => x.id)).not.toContain(id);

    const drift = await rollupDrift(t.db);
    expect(drift.map((d) => d.table).sort()).toEqual(['open_cases', 'open_task_groups', 'sla_open_daily']);
    expect(drift.find((d) => d.table === 'open_task_groups')).toEqual({
      table: 'open_task_groups',
      rows: 1,
      examples: [
        {
          key: { role: 'provider_reviewer', department_code: 'audit-bureau' },
          stored: { n: 0 },
          counted: { n: 1 },
        },
      ],
    });
    expect(drift.find((d) => d.table === 'open_cases')?.examples).toEqual([
      { key: { case_id: 'IMPORTED-1' }, stored: { n: 0 }, counted: { n: 1 } },
    ]);

    await t.db.transaction((trx) =>
      recountRollups(
        trx,
        drift.map((d) => d.table),
      ),
    );
    expect(await rollupDrift(t.db)).toEqual([]);
    expect((await listInbox(t.db, inbox)).items.map((x) => x.id)).toContain(id);
  });

  it('finds a count changed by hand in the dashboard’s rollups', async () => {
    await t.db('sla_breach_daily').update({ n: 7 });
    const done = await t.db('sla_done_daily').where({ breached: false }).first();
    const { day, department_code, process_type, step, policy_key } = done;
    await t
      .db('sla_done_daily')
      .where({ day, department_code, process_type, step, policy_key, breached: false })
      .update({ b0: Number(done.b0) + 5 });
    const drift = await rollupDrift(t.db);
    expect(drift.map((d) => ({ table: d.table, rows: d.rows }))).toEqual([
      { table: 'sla_done_daily', rows: 1 },
      { table: 'sla_breach_daily', rows: 1 },
    ]);
    expect(drift[1].examples[0]).toMatchObject({ stored: { n: 7 }, counted: { n: 1 } });
    await t.db.transaction((trx) => recountRollups(trx, ['sla_done_daily', 'sla_breach_daily']));
    expect(await rollupDrift(t.db)).toEqual([]);
  });
});
