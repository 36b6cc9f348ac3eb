/**
 * The SLA mechanism at real lengths (days) on Temporal's time-skipping server,
 * with its read model in MariaDB: reminders before the deadline, a breach
 * exactly at it, escalation along the policy chain with the task left open,
 * no breach for a task done in time, and the completion validator.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { loadWorkingCalendar } from '../../db/calendar-repository';
import { addWorkingDays } from '../../domain/calendar/working-days';
import type { Actor } from '../../domain/roles';
import type { WorkflowHandle } from '@temporalio/client';
import { completeTask, type CompleteTaskInput, type TaskView } from '../../workflows/sla/task-contract';
import { nearYears } from '../support/calendars';
import { useWorkflowHarness } from '../support/workflow-harness';
import { waitFor } from '../support/wait';
import type { heldClosureProbe, heldMoveProbe, slaProbe } from '../fixtures/sla-probe-workflow';
import { activityCalls } from '../support/activity-calls';

const platformApprover: Actor = {
  username: 'chenjing',
  department: 'city-gov-office',
  roles: ['platform_approver'],
};
const requester: Actor = { username: 'zhangwei', department: 'civil-affairs', roles: ['requester'] };
const parties = { provider: 'public-security', consumer: 'civil-affairs' };

const h = useWorkflowHarness(require.resolve('../fixtures/sla-probe-workflow'));

type Probe = typeof slaProbe | typeof heldClosureProbe | typeof heldMoveProbe;
type ProbeInput = Parameters<typeof slaProbe>[0];

/** Starts a probe (test/fixtures/sla-probe-workflow.ts) of a sharing request's step; its id is the case's. */
function startProbe<W extends Probe>(type: string, step: string) {
  const workflowId = `probe-${randomUUID()}`;
  const input: ProbeInput = { processType: 'sharing_request', step, caseId: workflowId, parties };
  return h.env.client.workflow.start<(i: ProbeInput) => ReturnType<W>>(type, {
    taskQueue: h.taskQueue,
    workflowId,
    args: [input],
  });
}

async function start(step: string, type = 'slaProbe') {
  const handle = await startProbe(type, step);
  const task = await waitFor('the task row', () =>
    h.t.db('tasks').where({ workflow_id: handle.workflowId }).first(),
  );
  return { handle, task };
}

const events = (taskId: string) => h.t.db('sla_events').where({ task_id: taskId }).orderBy('at_ms');

function complete(handle: WorkflowHandle, input: CompleteTaskInput): Promise<TaskView> {
  return handle.executeUpdate(completeTask, { args: [input] });
}

async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return ((err as WorkflowUpdateFailedError).cause as { type?: string }).type ?? 'untyped';
}

describe('one SLA mechanism for every human task', () => {
  it('a task left alone: reminder before, breach exactly at the deadline (2 working days on the official calendar), escalation, task still open', async () => {
    const { handle, task } = await start('platform_review');
    const calendar = await loadWorkingCalendar(h.t.db, nearYears());
    const expected = addWorkingDays(task.started_at, 2, calendar);
    expect(task).toMatchObject({
      status: 'open',
      role: 'platform_approver',
      department_code: null,
      article: 23,
      deadline: expected.deadline,
    });
    const dueMs = Date.parse(task.deadline);

    // One minute before the deadline: the reminder (4 hours before) is in, no breach yet.
    await h.env.sleep(dueMs - 60_000 - (await h.env.currentTimeMs()));
    await waitFor('the reminder', async () => (await events(task.id)).some((e) => e.kind === 'reminder'));
    expect((await events(task.id)).map((e) => e.kind)).toEqual(['reminder']);
    expect((await events(task.id))[0].at_ms).toBe(dueMs - 4 * 3600_000);

    // Past the deadline: a breach at the deadline, escalation level 1 to the LG office and the supervisor.
    await h.env.sleep(120_000);
    const after = await waitFor('breach and escalation', async () => {
      const rows = await events(task.id);
      return rows.length === 3 ? rows : undefined;
    });
    expect(after.map((e) => [e.kind, e.level, e.at])).toEqual([
      ['reminder', 0, expect.any(String)],
      ['breach', 0, task.deadline],
      ['escalation', 1, new Date(dueMs).toISOString()],
    ]);
    const notified = await h.t
      .db('notifications')
      .where({ task_id: task.id, kind: 'escalation' })
      .orderBy('recipient_role');
    expect(notified.map((n) => n.recipient_role)).toEqual(['lg_office', 'supervisor']);
    expect(notified[0].title_zh).toContain('已逾期');
    expect(await h.t.db('tasks').where({ id: task.id }).first()).toMatchObject({
      status: 'open',
      escalation_level: 1,
    });
    expect(Boolean((await h.t.db('tasks').where({ id: task.id }).first()).breached)).toBe(true);

    // The task stays open: the approver can still decide, and the outcome says it was late.
    const view = await complete(handle, { taskId: task.id, actor: platformApprover, decision: 'approve' });
    expect(view).toMatchObject({
      status: 'done',
      breached: true,
      escalationLevel: 1,
      outcome: { decision: 'approve' },
    });
    expect(await handle.result()).toMatchObject({ breached: true, actor: { username: 'chenjing' } });
    expect(await h.t.db('tasks').where({ id: task.id }).first()).toMatchObject({
      status: 'done',
      decision: 'approve',
      completed_by: 'chenjing',
    });
  });

  it('a task completed in time records no breach, and nothing fires afterwards', async () => {
    const { handle, task } = await start('platform_review');
    await h.env.sleep(3600_000);
    const view = await complete(handle, {
      taskId: task.id,
      actor: platformApprover,
      decision: 'deny',
      reason: '用途与申请事项不符',
    });
    expect(view).toMatchObject({
      status: 'done',
      breached: false,
      outcome: { decision: 'deny', reason: '用途与申请事项不符' },
    });
    expect(await handle.result()).toMatchObject({ breached: false, escalationLevel: 0 });
    await h.env.sleep(10 * 24 * 3600_000);
    expect(await events(task.id)).toEqual([]);
    expect(await h.t.db('tasks').where({ id: task.id }).first()).toMatchObject({
      status: 'done',
      breached: 0,
    });
  });

  it('refuses the wrong actor, an unknown decision, a denial without a (visible) reason, and a second completion, changing nothing', async () => {
    const { handle, task } = await start('platform_review');
    expect(await refusal(complete(handle, { taskId: task.id, actor: requester, decision: 'approve' }))).toBe(
      'TaskForbidden',
    );
    expect(
      await refusal(complete(handle, { taskId: task.id, actor: platformApprover, decision: 'maybe' })),
    ).toBe('TaskInvalid');
    expect(
      await refusal(
        complete(handle, { taskId: task.id, actor: platformApprover, decision: 'deny', reason: '  ' }),
      ),
    ).toBe('TaskInvalid');
    // Reaching Temporal directly, past the API's edge: a reason of zero-width characters says nothing either.
    expect(
      await refusal(
        complete(handle, {
          taskId: task.id,
          actor: platformApprover,
          decision: 'deny',
          reason: '\u200b\u2060',
        }),
      ),
    ).toBe('TaskInvalid');
    expect(
      await refusal(complete(handle, { taskId: 'nope', actor: platformApprover, decision: 'approve' })),
    ).toBe('TaskNotFound');
    expect(await h.t.db('tasks').where({ id: task.id }).first()).toMatchObject({
      status: 'open',
      decision: null,
    });

    const [a, b] = await Promise.allSettled([
      complete(handle, { taskId: task.id, actor: platformApprover, decision: 'approve' }),
      complete(handle, {
        taskId: task.id,
        actor: { ...platformApprover, username: 'other' },
        decision: 'deny',
        reason: 'x',
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual(['fulfilled', 'rejected']);
    const loser = (a.status === 'rejected' ? a : b) as PromiseRejectedResult;
    expect((loser.reason as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'TaskClosed' });
    await handle.result();
  });

  it('an escalation may let others act: after the provider misses its 10 working days, the platform authority may decide (art. 22)', async () => {
    const { handle, task } = await start('provider_review');
    expect(
      await refusal(complete(handle, { taskId: task.id, actor: platformApprover, decision: 'approve' })),
    ).toBe('TaskForbidden');
    await h.env.sleep(Date.parse(task.deadline) + 60_000 - (await h.env.currentTimeMs()));
    await waitFor('the platform authority as candidate', () =>
      h.t
        .db('task_candidates')
        .where({ task_id: task.id, role: 'platform_approver', source: 'escalation' })
        .first(),
    );
    const view = await complete(handle, { taskId: task.id, actor: platformApprover, decision: 'approve' });
    expect(view).toMatchObject({ breached: true, outcome: { actor: { username: 'chenjing' } } });
    await handle.result();
  });

  it('a task held to close with the next opening is closed before any other activities the workflow calls first, even two at once: the decision is answered and the task leaves the inbox', async () => {
    const { handle, task } = await start('platform_review', 'heldClosureProbe');

    const view = await complete(handle, { taskId: task.id, actor: platformApprover, decision: 'approve' });
    expect(view).toMatchObject({ status: 'done', outcome: { decision: 'approve' } });
    expect(await h.t.db('tasks').where({ id: task.id }).first()).toMatchObject({
      status: 'done',
      decision: 'approve',
      completed_by: 'chenjing',
    });
    expect(await handle.result()).toMatchObject({ decision: 'approve' });
    const { events } = await handle.fetchHistory();
    expect(activityCalls(events ?? [])).toEqual([
      'loadPolicyInForce',
      'openTaskOnSchedule',
      'closeTask',
      'loadPolicyInForce',
      'loadPolicyInForce',
    ]);
  });

  it('a move held to be recorded with the next one is recorded before any other activity the workflow calls first', async () => {
    const handle = await startProbe<typeof heldMoveProbe>('heldMoveProbe', 'provider_review');
    await handle.result();
    const timeline = await h.t.db('case_events').where({ case_id: handle.workflowId });
    expect(timeline.map((e) => e.action)).toEqual(['submitted']);
    const { events } = await handle.fetchHistory();
    expect(activityCalls(events ?? [])).toEqual(['recordCaseState', 'loadPolicyInForce']);
  });
});
