/**
 * A deadline that reaches past the last known year is computed with weekends
 * only and marked provisional; importing that year recomputes the deadlines of
 * running workflows and tells the tasks' holders. Its own time-skipping server, so its clock
 * starts at today whatever other tests do.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { lastKnownYear, loadWorkingCalendar, replaceCalendarYear } from '../../db/calendar-repository';
import { addWorkingDays, ZONE } from '../../domain/calendar/working-days';
import { calendarChanged, completeTask } from '../../workflows/sla/task-contract';
import { useWorkflowHarness } from '../support/workflow-harness';
import { waitFor } from '../support/wait';

const h = useWorkflowHarness(require.resolve('../fixtures/sla-probe-workflow'));

it('recomputes a provisional deadline of a running task when its year is imported, and tells its holders', async () => {
  const lastYear = (await lastKnownYear(h.t.db)) as number;
  // Move the server clock to 10:00 on the last working day of the last known year.
  let day = DateTime.fromObject({ year: lastYear, month: 12, day: 31, hour: 10 }, { zone: ZONE });
  while (day.weekday > 5) day = day.minus({ days: 1 });
  const now = await h.env.currentTimeMs();
  expect(day.toMillis()).toBeGreaterThan(now); // today is before the end of the last year chinese-days knows
  await h.env.sleep(day.toMillis() - now);

  const workflowId = `probe-${randomUUID()}`;
  const handle = await h.env.client.workflow.start('slaProbe', {
    taskQueue: h.taskQueue,
    workflowId,
    args: [{ processType: 'sharing_request', step: 'platform_review', caseId: workflowId, parties: {} }],
  });
  const task = await waitFor('the task row', () =>
    h.t.db('tasks').where({ workflow_id: workflowId }).first(),
  );
  const before = addWorkingDays(
    task.started_at,
    2,
    await loadWorkingCalendar(h.t.db, [lastYear, lastYear + 1]),
  );
  expect(before.provisional).toBe(true);
  expect(task.deadline).toBe(before.deadline);
  expect(Boolean(task.provisional)).toBe(true);

  // The next year's schedule arrives: its first three days are holidays.
  const next = lastYear + 1;
  await replaceCalendarYear(
    h.t.db,
    next,
    { holidays: [1, 2, 3].map((d) => ({ date: `${next}-01-0${d}`, name: '元旦' })), workdays: [] },
    'admin',
  );
  await handle.signal(calendarChanged);
  const after = addWorkingDays(task.started_at, 2, await loadWorkingCalendar(h.t.db, [lastYear, next]));
  expect(after.provisional).toBe(false);
  expect(after.deadline).not.toBe(before.deadline);
  const updated = await waitFor('the recomputed deadline', async () => {
    const row = await h.t.db('tasks').where({ id: task.id }).first();
    return row.provisional ? undefined : row;
  });
  expect(updated.deadline).toBe(after.deadline);
  // Whoever holds the task is told its new deadline, with the move, not only by looking again.
  expect(
    await h.t
      .db('notifications')
      .where({ task_id: task.id })
      .where('id', 'like', '%#deadline#%')
      .select('recipient_role', 'recipient_department', 'title_zh'),
  ).toEqual([
    {
      recipient_role: 'platform_approver',
      recipient_department: null,
      title_zh: expect.stringContaining(
        `工作日历更新后须于 ${after.deadline.slice(0, 16).replace('T', ' ')} 前办结`,
      ),
    },
  ]);

  await handle.executeUpdate(completeTask, {
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
