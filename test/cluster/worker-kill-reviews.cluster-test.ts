/**
 * A worker SIGKILLed while conditional requests are being routed: each routing is one
 * workflow task whose writes (state, policy, deadline, task, candidates, notices, rollups)
 * run as local activities, so a task the killed worker held is run again on the other
 * worker after it times out. Every request then has one open review with its candidates and
 * running deadline timers; both reviews are decided through the API, each decision's answer
 * naming the next task; and every table a case writes holds each thing once: tasks,
 * candidates, timeline, notices, SLA rollups, grants, audit.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connection';
import { SHARING_REQUEST_PROCESS } from '../../workflows/sharing_request/contract';
import { insuranceRequest } from '../support/http-cases';
import { countRows } from '../support/granted-once';
import { waitFor } from '../support/wait';
import { useClusterHarness, type ClusterHarness } from './cluster-harness';
import { lostWorkflowTasks } from './histories';

const COUNT = 100;
const h = useClusterHarness('worker-kill-reviews');

async function submitAll(harness: ClusterHarness): Promise<void> {
  const headers = await harness.as('zhangwei');
  const submit = async (i: number) => {
    const res = await harness
      .http()
      .post('/api/requests')
      .set(headers)
      .set('Idempotency-Key', randomUUID())
      .set('Prefer', 'respond-async')
      .send(insuranceRequest({ purpose: `集群审核可靠性 ${i}` }));
    if (res.status !== 202) throw new Error(`submit ${i}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  for (let i = 0; i < COUNT; i += 10) await Promise.all(Array.from({ length: 10 }, (_, j) => submit(i + j)));
}

/** How many rows each key has, as a sorted list of counts: all alike when nothing is lost or doubled. */
async function perKey(db: Db, table: string, key: string, where: Record<string, unknown> = {}) {
  const rows = await db(table).where(where).groupBy(key).select(key).count({ n: '*' });
  return rows.map((r) => Number(r.n));
}

const sum = async (db: Db, table: string) => Number((await db(table).sum({ n: 'n' }))[0].n ?? 0);

it('routes every conditional request once after a worker is SIGKILLed mid-routing, and decides each once', async () => {
  const submitting = submitAll(h);
  await waitFor('some requests routed', async () => (await countRows(h.t.db, 'tasks')) >= 10, 120_000);
  h.workers[0]!.kill('SIGKILL');
  await submitting;
  h.startWorker(0);
  await waitFor(
    'every request in the provider review',
    async () => (await countRows(h.t.db, 'sharing_requests', { status: 'provider_review' })) === COUNT,
    240_000,
  );

  // One open review each, with the same candidates, one timeline of submitted + task_opened,
  // one notice to its holders, and the SLA rollups counting each task once.
  const tasks = await h.t.db('tasks').select('id', 'case_id', 'status');
  expect(tasks).toHaveLength(COUNT);
  expect(new Set(tasks.map((t) => t.case_id)).size).toBe(COUNT);
  expect(tasks.every((t) => t.status === 'open')).toBe(true);
  const candidates = await perKey(h.t.db, 'task_candidates', 'task_id');
  expect(candidates).toHaveLength(COUNT);
  expect(new Set(candidates).size).toBe(1);
  for (const action of ['submitted', 'task_opened'])
    expect(await perKey(h.t.db, 'case_events', 'case_id', { action })).toEqual(Array(COUNT).fill(1));
  const notices = await perKey(h.t.db, 'notifications', 'task_id', { kind: 'task' });
  expect(notices).toHaveLength(COUNT);
  expect(new Set(notices).size).toBe(1);
  expect(await sum(h.t.db, 'sla_open_daily')).toBe(COUNT);
  expect(await sum(h.t.db, 'request_daily')).toBe(COUNT);
  expect(await countRows(h.t.db, 'sla_events')).toBe(0);
  const lost = await lostWorkflowTasks(h.client, SHARING_REQUEST_PROCESS);
  process.stdout.write(`worker kill while routing: ${lost} workflow tasks lost and run again\n`);

  // Both reviews, each answer naming the next task: nothing waits, nothing is asked twice.
  const provider = await h.as('zhaoqiang');
  const platform = await h.as('chenjing');
  const decide = async (task: { id: string }) => {
    const approved = await h
      .http()
      .post(`/api/tasks/${task.id}/complete`)
      .set(provider)
      .send({ decision: 'approve', reason: '符合条件' });
    expect(approved.status).toBe(200);
    expect(approved.body.opened).toHaveLength(1);
    const final = await h
      .http()
      .post(`/api/tasks/${approved.body.opened[0].id}/complete`)
      .set(platform)
      .send({ decision: 'approve' });
    expect(final.status).toBe(200);
  };
  for (let i = 0; i < COUNT; i += 10) await Promise.all(tasks.slice(i, i + 10).map(decide));
  await waitFor(
    'every request granted',
    async () => (await countRows(h.t.db, 'sharing_requests', { status: 'granted' })) === COUNT,
    120_000,
  );

  expect(await countRows(h.t.db, 'tasks', { status: 'done' })).toBe(2 * COUNT);
  expect(await countRows(h.t.db, 'grants')).toBe(COUNT);
  for (const [action, n] of [
    ['submitted', 1],
    ['task_opened', 2],
    ['decided', 2],
    ['granted', 1],
  ] as const)
    expect(await perKey(h.t.db, 'case_events', 'case_id', { action })).toEqual(Array(COUNT).fill(n));
  expect(await sum(h.t.db, 'sla_open_daily')).toBe(0);
  expect(await sum(h.t.db, 'sla_done_daily')).toBe(2 * COUNT);
  expect(await perKey(h.t.db, 'audit_log', 'entity_id', { action: 'task.complete' })).toEqual(
    Array(COUNT).fill(2),
  );
  const results = await perKey(h.t.db, 'notifications', 'title_zh', { kind: 'result' });
  expect(results.reduce((a, b) => a + b, 0)).toBe(2 * COUNT);
});
