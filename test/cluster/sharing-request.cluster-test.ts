/**
 * The sharing-request flow on a real Temporal cluster (PostgreSQL persistence and
 * SQL visibility, each service its own process), with two govshare workers and
 * two APIs: a conditional request goes through the provider's and the platform's
 * reviews, its search attributes answer visibility queries, and the daily
 * Schedule that signs the logs is made once and runs there.
 */
import { ensureLogCheckpointSchedule } from '../../runtime/log-checkpoint-schedule';
import { LOG_CHECKPOINT_SCHEDULE } from '../../workflows/audit/contract';
import { sharingWorkflowId } from '../../workflows/sharing_request/contract';
import { httpCases, insuranceRequest } from '../support/http-cases';
import { waitFor } from '../support/wait';
import { useClusterHarness } from './cluster-harness';
import { checkpointsOfARun } from './log-signing';

const h = useClusterHarness('sharing-request');
const cases = httpCases(h);

async function openTask(username: string, id: string, step: string) {
  const d = await cases.until(username, `/api/requests/${id}`, (r) => {
    const task = r.currentTask as { step: string } | null;
    return task?.step === step;
  });
  return d.currentTask as { id: string; step: string };
}

it('takes a conditional request through both reviews, across two APIs and two workers', async () => {
  const req = await cases.request('zhangwei', insuranceRequest());
  expect(req).toMatchObject({ status: 'provider_review', currentTask: { step: 'provider_review' } });

  const inbox = await cases.get('zhaoqiang', '/api/tasks');
  expect(inbox.status).toBe(200);
  expect(inbox.body.items.map((t: { id: string }) => t.id)).toContain(req.currentTask.id);
  const approved = await cases.complete('zhaoqiang', req.currentTask.id, {
    decision: 'approve',
    reason: '符合条件',
  });
  expect(approved.status).toBe(200);

  const platformTask = await openTask('chenjing', req.id, 'platform_review');
  expect((await cases.complete('chenjing', platformTask.id, { decision: 'approve' })).status).toBe(200);
  const granted = await cases.until('zhangwei', `/api/requests/${req.id}`, (r) => r.status === 'granted');
  expect(granted.grant).toMatchObject({ status: 'active', consumerDepartment: 'civil-affairs' });

  // SQL visibility on PostgreSQL answers govshare's search attributes, as the dev server's does.
  const found = await waitFor('the granted case in visibility', async () => {
    const ids: string[] = [];
    for await (const w of h.client.workflow.list({
      query:
        'GovshareProcess="sharing_request" AND GovshareStatus="granted" AND GovshareProvider="hr-social-security"',
    }))
      ids.push(w.workflowId);
    return ids.length > 0 ? ids : undefined;
  });
  expect(found).toEqual([sharingWorkflowId(req.id)]);
  expect(await h.client.workflow.count('GovshareStatus="provider_review"')).toEqual({ count: 0, groups: [] });
});

it('makes the log-signing Schedule once however many APIs start, and a run signs both logs', async () => {
  const made = await Promise.all([
    ensureLogCheckpointSchedule(h.client, h.taskQueue),
    ensureLogCheckpointSchedule(h.client, h.taskQueue),
  ]);
  expect(made.sort()).toEqual(['created', 'exists']);
  const handle = h.client.schedule.getHandle(LOG_CHECKPOINT_SCHEDULE);
  expect((await handle.describe()).spec.timezone).toBe('Asia/Shanghai');

  const rows = await checkpointsOfARun(h);
  expect(rows.map((r) => r.log)).toEqual(['audit', 'exchange']);
  expect(await h.t.db('audit_log').where({ action: 'audit.checkpoint' }).count({ n: '*' })).toEqual([
    { n: 1 },
  ]);
});
