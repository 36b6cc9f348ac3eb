/**
 * Both of the cluster's govshare workers are SIGKILLed while conditional requests wait in the
 * provider's review, under a policy whose review is due in two minutes, and stay down while the
 * reminder, the deadline and both escalation levels pass (art. 22). The timers are the Temporal
 * server's: once the workers are back, each case records its breach and both escalations at the
 * instants the policy sets, once each, sends no reminder for a task already overdue, and gives
 * the platform authority the task; then both reviews are decided through the API and every table
 * a case writes holds each thing once (test/cluster/reviews.ts).
 */
import { savePolicyVersion } from '../../db/policy-repository';
import { lastEscalationAfterMs, minutePolicy } from '../../scripts/harness/minute-policy';
import { stopChild } from '../../scripts/stop-child';
import { countRows } from '../support/granted-once';
import { waitFor } from '../support/wait';
import { useClusterHarness } from './cluster-harness';
import { conditional, decideEachAndExpectGrantedOnce, expectEachRoutedOnce } from './reviews';
import { submitMany } from './submissions';

const COUNT = 20;
const DEADLINE_MINUTES = 2;
/**
 * The outage alone lasts past every deadline and last escalation (over three minutes), and the
 * catching up may then take the three minutes its wait allows: the suite's five-minute default
 * would cut that wait short.
 */
const TEST_TIMEOUT_MS = 8 * 60_000;
const h = useClusterHarness('deadline-outage');

it(
  'records every deadline and escalation that passed while all workers were down, each once and at its instant',
  async () => {
    const policy = minutePolicy(DEADLINE_MINUTES);
    const lastEscalationMs = lastEscalationAfterMs(policy);
    await savePolicyVersion(h.t.db, policy);
    await submitMany(h, { from: 0, to: COUNT, prefix: 'outage' }, [], conditional);
    await expectEachRoutedOnce(h.t.db, COUNT);

    // The outage: no worker at all while the reminder, the deadline and the last escalation pass.
    await Promise.all(h.workers.map((w) => w && stopChild(w, { signal: 'SIGKILL' })));
    const tasks = await h.t.db('tasks').select('id', 'deadline', 'status');
    const lastEscalation = Math.max(...tasks.map((t) => Date.parse(t.deadline))) + lastEscalationMs;
    await new Promise((r) => setTimeout(r, lastEscalation + 5_000 - Date.now()));
    expect(await countRows(h.t.db, 'sla_events')).toBe(0);
    h.startWorker(0);
    h.startWorker(1);

    await waitFor(
      'the breach and both escalations of every task',
      async () => (await countRows(h.t.db, 'sla_events')) === 3 * COUNT,
      180_000,
    );
    for (const task of tasks) {
      const events = await h.t.db('sla_events').where({ task_id: task.id }).orderBy(['at_ms', 'id']);
      const due = Date.parse(task.deadline);
      expect(events.map((e) => [e.kind, Number(e.level), Number(e.at_ms)])).toEqual([
        ['breach', 0, due],
        ['escalation', 1, due],
        ['escalation', 2, due + lastEscalationMs],
      ]);
    }
    // A reminder that would only say "due soon" of a task already overdue is not sent.
    expect(await countRows(h.t.db, 'notifications', { kind: 'reminder' })).toBe(0);
    const escalationNotices = await h.t
      .db('notifications')
      .where({ kind: 'escalation' })
      .groupBy('task_id')
      .select('task_id')
      .count({ n: '*' });
    expect(escalationNotices).toHaveLength(COUNT);
    expect(new Set(escalationNotices.map((r) => Number(r.n))).size).toBe(1);
    // Each task stays open, breached at the last level, and the platform authority may decide it.
    const open = await h.t
      .db('tasks')
      .where({ status: 'open', escalation_level: 2 })
      .select('id', 'breached');
    expect(open).toHaveLength(COUNT);
    expect(open.every((t) => Boolean(t.breached))).toBe(true);
    expect(await countRows(h.t.db, 'task_candidates', { role: 'platform_approver', status: 'open' })).toBe(
      COUNT,
    );

    await decideEachAndExpectGrantedOnce(h, tasks);
    // Deciding after the outage added no SLA event: the platform's own review is days away.
    expect(await countRows(h.t.db, 'sla_events')).toBe(3 * COUNT);
  },
  TEST_TIMEOUT_MS,
);
