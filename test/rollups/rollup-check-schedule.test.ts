/**
 * The rollup checks, on the dev server (the time-skipping server has no
 * Schedules): made once however many APIs start. The hourly one, after tasks
 * were imported around the application, recounts the open work's rollups that
 * drifted, records what differed in the audit log, and the imported task
 * reaches the inbox; a run that finds nothing writes nothing. The nightly one
 * also finds drift in the history's rollups, which the hourly one does not read.
 */
import { rollupDrift } from '../../db/rollup-drift';
import { listInbox } from '../../db/task-repository';
import { ensureRollupCheckSchedules } from '../../runtime/rollup-check-schedule';
import {
  ROLLUP_CHECK_SCHEDULE,
  ROLLUP_FULL_CHECK_SCHEDULE,
  type RollupCheckResult,
} from '../../workflows/rollups/contract';
import { auditBureauInbox, HOUR, importOpenTasks, T0 } from '../support/task-fixtures';
import { useDevServerWorker } from '../support/dev-server-worker';
import { waitFor } from '../support/wait';

const h = useDevServerWorker({ queuePrefix: 'rollups' });

const auditorInbox = () => listInbox(h.t.db, auditBureauInbox);

async function resultOfRun(scheduleId: string, n: number): Promise<RollupCheckResult> {
  const handle = h.env.client.schedule.getHandle(scheduleId);
  const run = await waitFor(`run ${n} of ${scheduleId}`, async () => {
    const actions = (await handle.describe()).info.recentActions;
    return actions.length >= n ? actions[n - 1] : undefined;
  });
  return h.env.client.workflow.getHandle(run.action.workflow.workflowId).result();
}

const recountedAudits = () => h.t.db('audit_log').where({ action: 'rollups.recounted' }).orderBy('seq');

it('is made once however many APIs start: the open work hourly, everything nightly', async () => {
  const made = await Promise.all([
    ensureRollupCheckSchedules(h.env.client, h.taskQueue),
    ensureRollupCheckSchedules(h.env.client, h.taskQueue),
  ]);
  for (const i of [0, 1]) expect(made.map((m) => m[i]).sort()).toEqual(['created', 'exists']);
  const hourly = await h.env.client.schedule.getHandle(ROLLUP_CHECK_SCHEDULE).describe();
  expect(hourly.spec.timezone).toBe('Asia/Shanghai');
  expect(hourly.spec.calendars?.[0]).toMatchObject({
    hour: [{ start: 0, end: 23, step: 1 }],
    minute: [{ start: 25, end: 25, step: 1 }],
  });
  // The next run is within the hour, at 25 past, and so is each after it.
  const next = hourly.info.nextActionTimes.map((d) => d.getTime());
  expect(next[0] - Date.now()).toBeLessThanOrEqual(3_600_000);
  for (const [i, at] of next.entries()) {
    expect(new Date(at).getUTCMinutes()).toBe(25);
    if (i > 0) expect(at - next[i - 1]).toBe(3_600_000);
  }
  const nightly = await h.env.client.schedule.getHandle(ROLLUP_FULL_CHECK_SCHEDULE).describe();
  expect(nightly.spec.calendars?.[0]).toMatchObject({
    hour: [{ start: 3, end: 3, step: 1 }],
    minute: [{ start: 55, end: 55, step: 1 }],
  });
});

it('recounts within the hour what an import left behind, audits what it found, and then finds nothing', async () => {
  const [imported] = await importOpenTasks(h.t, [
    { workflowId: 'imported-7', caseId: 'IMPORTED-7', dueAtMs: T0 + 2 * 24 * HOUR },
  ]);
  expect((await auditorInbox()).items).toEqual([]);

  const hourly = h.env.client.schedule.getHandle(ROLLUP_CHECK_SCHEDULE);
  await hourly.trigger();
  const first = await resultOfRun(ROLLUP_CHECK_SCHEDULE, 1);
  expect(first.checked).toBe(4);
  expect(first.recounted.map((d) => d.table).sort()).toEqual([
    'open_cases',
    'open_task_groups',
    'sla_open_daily',
  ]);
  expect((await auditorInbox()).items.map((x) => x.id)).toEqual([imported]);
  expect(await rollupDrift(h.t.db)).toEqual([]);
  const audited = await recountedAudits();
  expect(audited).toHaveLength(1);
  expect(JSON.parse(audited[0].detail)).toEqual(first);

  await hourly.trigger();
  expect(await resultOfRun(ROLLUP_CHECK_SCHEDULE, 2)).toEqual({ checked: 4, recounted: [] });
  expect(await recountedAudits()).toHaveLength(1);
});

it("leaves the history's rollups to the nightly check, which recounts them", async () => {
  // Requests counted on a day nobody submitted any, as a restore of an older rollup could leave.
  await h.t.db('request_daily').insert({
    day: 20_000,
    consumer_department: 'audit-bureau',
    provider_department: 'public-security',
    n: 3,
  });
  await h.env.client.schedule.getHandle(ROLLUP_CHECK_SCHEDULE).trigger();
  expect(await resultOfRun(ROLLUP_CHECK_SCHEDULE, 3)).toEqual({ checked: 4, recounted: [] });

  await h.env.client.schedule.getHandle(ROLLUP_FULL_CHECK_SCHEDULE).trigger();
  const nightly = await resultOfRun(ROLLUP_FULL_CHECK_SCHEDULE, 1);
  expect(nightly.checked).toBe(6);
  expect(nightly.recounted.map((d) => d.table)).toEqual(['request_daily']);
  expect(await rollupDrift(h.t.db)).toEqual([]);
  expect(await recountedAudits()).toHaveLength(2);
});
