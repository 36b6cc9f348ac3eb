/**
 * A deadline that reaches past the last known year is computed with weekends
 * only and marked provisional; importing that year recomputes the deadlines of
 * running workflows (DESIGN.md §2). Its own time-skipping server, so its clock
 * starts at today whatever other tests do.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DateTime } from 'luxon';
import { createActivities } from '../../activities';
import { lastKnownYear, loadWorkingCalendar, replaceCalendarYear } from '../../db/calendar-repository';
import { addWorkingDays, ZONE } from '../../domain/calendar/working-days';
import { CALENDAR_CHANGED_SIGNAL, COMPLETE_TASK_UPDATE } from '../../domain/sla/task-contract';
import { createTestDb, type TestDb } from '../support/databases';
import { startTimeSkippingServer } from '../support/servers';
import { waitFor } from '../support/wait';

let env: TestWorkflowEnvironment;
let t: TestDb;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `recompute-${randomUUID()}`;

beforeAll(async () => {
  [env, t] = await Promise.all([startTimeSkippingServer(), createTestDb('mysql')]);
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('../fixtures/sla-probe-workflow'),
    activities: createActivities(t.db),
  });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await t?.drop();
});

it('recomputes a provisional deadline of a running task when its year is imported', async () => {
  const lastYear = (await lastKnownYear(t.db)) as number;
  // Move the server clock to 10:00 on the last working day of the last known year.
  let day = DateTime.fromObject({ year: lastYear, month: 12, day: 31, hour: 10 }, { zone: ZONE });
  while (day.weekday > 5) day = day.minus({ days: 1 });
  const now = await env.currentTimeMs();
  expect(day.toMillis()).toBeGreaterThan(now); // today is before the end of the last year chinese-days knows
  await env.sleep(day.toMillis() - now);

  const workflowId = `probe-${randomUUID()}`;
  const handle = await env.client.workflow.start('slaProbe', {
    taskQueue,
    workflowId,
    args: [{ processType: 'sharing_request', step: 'platform_review', caseId: workflowId, parties: {} }],
  });
  const task = await waitFor('the task row', () => t.db('tasks').where({ workflow_id: workflowId }).first());
  const before = addWorkingDays(
    task.started_at,
    2,
    await loadWorkingCalendar(t.db, [lastYear, lastYear + 1]),
  );
  expect(before.provisional).toBe(true);
  expect(task.deadline).toBe(before.deadline);
  expect(Boolean(task.provisional)).toBe(true);

  // The next year's schedule arrives: its first three days are holidays.
  const next = lastYear + 1;
  await replaceCalendarYear(
    t.db,
    next,
    { holidays: [1, 2, 3].map((d) => ({ date: `${next}-01-0${d}`, name: '元旦' })), workdays: [] },
    'admin',
  );
  await handle.signal(CALENDAR_CHANGED_SIGNAL);
  const after = addWorkingDays(task.started_at, 2, await loadWorkingCalendar(t.db, [lastYear, next]));
  expect(after.provisional).toBe(false);
  expect(after.deadline).not.toBe(before.deadline);
  const updated = await waitFor('the recomputed deadline', async () => {
    const row = await t.db('tasks').where({ id: task.id }).first();
    return row.provisional ? undefined : row;
  });
  expect(updated.deadline).toBe(after.deadline);

  await handle.executeUpdate(COMPLETE_TASK_UPDATE, {
    args: [
      {
        taskId: task.id,
        actor: { username: 'chenjing', department: 'city-gov-office', roles: ['platform_approver'] },
        decision: 'approve',
      },
    ],
  });
  expect(await handle.result()).toMatchObject({ breached: false });
});
