/**
 * Catching up after an outage, in real time on the dev server (the
 * time-skipping server cannot skip while a workflow task waits for a worker)
 * under a policy whose deadline is a minute away: the worker is stopped while
 * the provider's review passes its deadline and both escalation levels. When a
 * worker is back, the workflow records the breach and both escalations in one
 * activity, at the instants the policy sets (not when it woke), leaves out the
 * reminder whose deadline is already past, and the task stays open for the
 * platform authority (art. 22).
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { savePolicyVersion } from '../../db/policy-repository';
import type { slaProbe } from '../fixtures/sla-probe-workflow';
import { createTestDb, type TestDb } from '../../scripts/harness/databases';
import { lastEscalationAfterMs, minutePolicy } from '../../scripts/harness/minute-policy';
import { startDevServer } from '../../scripts/harness/servers';
import { waitFor } from '../support/wait';
import { runWorker } from '../../scripts/harness/worker';
import { activityCalls } from '../support/activity-calls';

let env: TestWorkflowEnvironment;
let t: TestDb;
const taskQueue = `catch-up-${randomUUID()}`;
const workflowsPath = require.resolve('../fixtures/sla-probe-workflow');
const policy = minutePolicy(1);
const lastEscalationMs = lastEscalationAfterMs(policy);

beforeAll(async () => {
  [env, t] = await Promise.all([startDevServer(), createTestDb('mysql')]);
  await savePolicyVersion(t.db, policy);
});

afterAll(async () => {
  await env?.teardown();
  await t?.drop();
});

jest.setTimeout(240_000);

const startWorker = () => runWorker({ connection: env.nativeConnection, taskQueue, workflowsPath, db: t.db });

it('records every SLA event that passed during an outage in one activity, each at its own instant', async () => {
  let worker = await startWorker();
  const workflowId = `probe-${randomUUID()}`;
  const handle = await env.client.workflow.start<typeof slaProbe>('slaProbe', {
    taskQueue,
    workflowId,
    args: [
      {
        processType: 'sharing_request',
        step: 'provider_review',
        caseId: workflowId,
        parties: { provider: 'public-security', consumer: 'civil-affairs' },
      },
    ],
  });
  const task = await waitFor('the task row', () => t.db('tasks').where({ workflow_id: workflowId }).first());
  await worker.stop();

  // The outage: the deadline (a minute after opening) and the last escalation (a minute later) pass.
  const dueMs = Date.parse(task.deadline);
  await new Promise((r) => setTimeout(r, dueMs + lastEscalationMs + 3_000 - Date.now()));
  worker = await startWorker();
  try {
    const events = await waitFor(
      'the breach and both escalations',
      async () => {
        const rows = await t.db('sla_events').where({ task_id: task.id }).orderBy(['at_ms', 'id']);
        return rows.length >= 3 && rows;
      },
      60_000,
    );
    expect(events.map((e) => [e.kind, Number(e.level), Number(e.at_ms)])).toEqual([
      ['breach', 0, dueMs],
      ['escalation', 1, dueMs],
      ['escalation', 2, dueMs + lastEscalationMs],
    ]);
    // A reminder that would only say "due soon" of a task already overdue is not sent.
    expect(await t.db('notifications').where({ task_id: task.id, kind: 'reminder' })).toEqual([]);
    expect(
      (await t.db('notifications').where({ task_id: task.id, kind: 'escalation' })).length,
    ).toBeGreaterThan(0);
    // The task stays open, and the platform authority may now decide it (art. 22).
    const row = await t.db('tasks').where({ id: task.id }).first();
    expect(row).toMatchObject({ status: 'open', escalation_level: 2 });
    expect(Boolean(row.breached)).toBe(true);
    expect(
      await t.db('task_candidates').where({ task_id: task.id, role: 'platform_approver', status: 'open' }),
    ).toHaveLength(1);
    // One round trip through Temporal, not one per event. The call runs as a local activity: its
    // rows are written before the workflow task that records its marker completes, so wait for that.
    const scheduled = await waitFor('the SLA events call in the history', async () => {
      const names = activityCalls((await handle.fetchHistory()).events!);
      return names.includes('recordSlaEvents') && names;
    });
    expect(scheduled.filter((name) => name === 'recordSlaEvents')).toHaveLength(1);
    expect(scheduled.filter((name) => /^record(Reminder|Breach|Escalation)$/.test(name))).toEqual([]);
  } finally {
    await worker.stop();
  }
});
