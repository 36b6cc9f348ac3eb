/**
 * The dashboard's rollups, on MariaDB and SQLite: each opening, close, new
 * deadline, breach and request is counted once however often its write is retried (a breach that
 * lands after the decision moves the count to the breached side), a rebuild
 * from the rows gives the same counts, and medians come off the buckets.
 */
import { insertRequest } from '../../db/sharing_request/request-repository';
import { closeTaskRow, insertTask, recordDueSlaEvents, updateTaskDeadline } from '../../db/task-repository';
import {
  breachesByStep,
  doneByStep,
  DURATION_BUCKETS,
  durationBucket,
  openByDueDay,
  openCaseCount,
  localDayNumber,
  medianOfBuckets,
  rebuildSlaRollups,
  requestsByDay,
} from '../../db/sla-rollup-repository';
import { createTestDb, type DbKind, type TestDb } from '../../scripts/harness/databases';
import { HOUR, iso, seedTasks, T0 } from '../support/task-fixtures';
import { filedRequest } from '../support/request-fixtures';

describe.each<DbKind>(['mysql', 'sqlite'])('on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
    await seedTasks(t);
  });
  afterAll(() => t?.drop());

  it('counts each close, breach and request once however often it is retried, as a rebuild does', async () => {
    const day = localDayNumber(T0 + 30 * 24 * HOUR);
    const filter = { fromDay: day, toDay: day };
    const before = await doneByStep(t.db, filter);
    const total = (rows: Record<string, unknown>[]) => rows.reduce((a, r) => a + Number(r.n), 0);
    const id = 'wf-3.step.3';
    const closing = {
      taskId: id,
      status: 'done' as const,
      decision: 'approve',
      reason: null,
      by: 'zhaoqiang',
      at: iso(T0 + 30 * 24 * HOUR),
    };
    await closeTaskRow(t.db, closing);
    await closeTaskRow(t.db, closing);
    expect(total(await doneByStep(t.db, filter))).toBe(total(before) + 1);
    // A breach recorded after the decision moves the count to the breached side, once.
    const breach = { taskId: id, kind: 'breach' as const, level: 0, at: iso(T0 + 31 * 24 * HOUR) };
    const due = { taskId: id, events: [breach], escalationCandidates: [], notices: [] };
    await recordDueSlaEvents(t.db, due);
    await recordDueSlaEvents(t.db, due);
    const after = await doneByStep(t.db, filter);
    // The breach is counted under its task's step (the dashboard's department × step table).
    const { step } = await t.db('tasks').where({ id }).first('step');
    const breaches = await breachesByStep(t.db, { fromDay: 0, toDay: localDayNumber(T0 + 400 * 24 * HOUR) });
    expect(
      breaches.filter((r) => r.step === step).reduce((a, r) => a + Number(r.n), 0),
    ).toBeGreaterThanOrEqual(1);
    expect(total(after)).toBe(total(before) + 1);
    expect(after.filter((r) => Number(r.breached)).reduce((a, r) => a + Number(r.n), 0)).toBeGreaterThan(
      before.filter((r) => Number(r.breached)).reduce((a, r) => a + Number(r.n), 0),
    );
    const request = filedRequest('SR-ROLLUP-1', { idempotencyKey: 'rollup-1', submittedAt: iso(T0) });
    await insertRequest(t.db, request);
    await insertRequest(t.db, { ...request, id: 'SR-ROLLUP-RETRY' });
    const d0 = localDayNumber(T0);
    expect(await requestsByDay(t.db, { fromDay: d0, toDay: d0 })).toEqual([{ day: d0, n: 1 }]);

    // A retried opening counts once; a new deadline moves the task to its new due day.
    const open = (await t.db('tasks').where({ status: 'open' }).first('*'))!;
    await insertTask(t.db, {
      id: open.id,
      workflowId: open.workflow_id,
      processType: open.process_type,
      caseId: open.case_id,
      step: open.step,
      candidates: [{ role: open.role, department: open.department_code }],
      startedAt: open.started_at,
      deadline: open.deadline,
      provisional: false,
      article: 23,
      policyKey: open.policy_key,
    });
    await updateTaskDeadline(t.db, open.id, iso(T0 + 60 * 24 * HOUR), false);
    const openRows = await t.db('tasks').where({ status: 'open' }).select('case_id');
    expect((await openByDueDay(t.db, { beforeDay: 0 })).open).toBe(openRows.length);
    expect(await openCaseCount(t.db)).toBe(new Set(openRows.map((r) => r.case_id)).size);

    const snapshot = async () =>
      Promise.all(
        ['sla_done_daily', 'sla_breach_daily', 'sla_open_daily', 'open_cases', 'request_daily'].map(
          async (table) =>
            (await t.db(table).where('n', '>', 0).select('*')).map((r) => JSON.stringify(r)).sort(),
        ),
      );
    const incremental = await snapshot();
    await rebuildSlaRollups(t.db);
    expect(await snapshot()).toEqual(incremental);
  });
});

it('puts durations in buckets and reads the median off them', () => {
  expect(durationBucket(30_000)).toBe(0); // under a minute
  expect(durationBucket(10 * 60_000)).toBe(2); // 5–15 minutes
  expect(durationBucket(3 * HOUR)).toBe(6); // 2–4 hours
  expect(durationBucket(100_000 * HOUR)).toBe(DURATION_BUCKETS - 1);
  // Three tasks of 3 h and one of 30 h: the median lies in the 2–4 h bucket.
  const counts = Array<number>(DURATION_BUCKETS).fill(0);
  counts[durationBucket(3 * HOUR)] = 3;
  counts[durationBucket(30 * HOUR)] = 1;
  const median = medianOfBuckets(counts);
  expect(median).toBeGreaterThanOrEqual(2);
  expect(median).toBeLessThan(4);
  expect(medianOfBuckets(Array<number>(DURATION_BUCKETS).fill(0))).toBeNull();
});

it('reads the median of decisions taken in minutes in minutes, not as the half hour they fall under', () => {
  // A reviewer's decisions after 2, 3 and 4 minutes: the median is a few minutes (it read 0.3 h).
  const counts = Array<number>(DURATION_BUCKETS).fill(0);
  for (const minutes of [2, 3, 4]) counts[durationBucket(minutes * 60_000)] += 1;
  const median = medianOfBuckets(counts)!;
  expect(median * 60).toBeGreaterThanOrEqual(1);
  expect(median * 60).toBeLessThanOrEqual(5);
});
