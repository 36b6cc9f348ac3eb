/**
 * What the cluster tests on conditional requests ask: each routed once to one open
 * review, then both reviews decided through the API (each answer naming the next task),
 * and every table a case writes holding each thing once: tasks, candidates, timeline,
 * notices, SLA and inbox rollups, grants, audit.
 */
import type { Db } from '../../db/connection';
import { countRows } from '../support/granted-once';
import { insuranceRequest } from '../support/http-cases';
import { waitFor } from '../support/wait';
import type { ClusterHarness } from './cluster-harness';

/** A conditional request (HR & social security's insurance data): the provider reviews it. */
export const conditional = (purpose: string) => insuranceRequest({ purpose });

/** How many rows each key has, one count a key: all alike when nothing is lost or doubled. */
async function perKey(db: Db, table: string, key: string, where: Record<string, unknown> = {}) {
  const rows = await db(table).where(where).groupBy(key).select(key).count({ n: '*' });
  return rows.map((r) => Number(r.n));
}

const sum = async (db: Db, table: string) => Number((await db(table).sum({ n: 'n' }))[0].n ?? 0);

/** Every one of `count` requests in the provider's review, each written once; their tasks. */
export async function expectEachRoutedOnce(db: Db, count: number): Promise<{ id: string }[]> {
  await waitFor(
    'every request in the provider review',
    async () => (await countRows(db, 'sharing_requests', { status: 'provider_review' })) === count,
    240_000,
  );
  const tasks = await db('tasks').select('id', 'case_id', 'status');
  expect(tasks).toHaveLength(count);
  expect(new Set(tasks.map((t) => t.case_id)).size).toBe(count);
  expect(tasks.every((t) => t.status === 'open')).toBe(true);
  const candidates = await perKey(db, 'task_candidates', 'task_id');
  expect(candidates).toHaveLength(count);
  expect(new Set(candidates).size).toBe(1);
  for (const action of ['submitted', 'task_opened'])
    expect(await perKey(db, 'case_events', 'case_id', { action })).toEqual(Array(count).fill(1));
  const notices = await perKey(db, 'notifications', 'task_id', { kind: 'task' });
  expect(notices).toHaveLength(count);
  expect(new Set(notices).size).toBe(1);
  expect(await sum(db, 'sla_open_daily')).toBe(count);
  // Each open candidate row counted once for its group.
  expect(await sum(db, 'open_task_groups')).toBe(count * candidates[0]);
  expect(await sum(db, 'request_daily')).toBe(count);
  expect(await countRows(db, 'sla_events')).toBe(0);
  return tasks;
}

/** The provider then the platform approve each task's case, ten at a time; each is granted once. */
export async function decideEachAndExpectGrantedOnce(h: ClusterHarness, tasks: { id: string }[]) {
  const count = tasks.length;
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
  for (let i = 0; i < count; i += 10) await Promise.all(tasks.slice(i, i + 10).map(decide));
  const db = h.t.db;
  await waitFor(
    'every request granted',
    async () => (await countRows(db, 'sharing_requests', { status: 'granted' })) === count,
    120_000,
  );
  expect(await countRows(db, 'tasks', { status: 'done' })).toBe(2 * count);
  expect(await countRows(db, 'grants')).toBe(count);
  for (const [action, n] of [
    ['submitted', 1],
    ['task_opened', 2],
    ['decided', 2],
    ['granted', 1],
  ] as const)
    expect(await perKey(db, 'case_events', 'case_id', { action })).toEqual(Array(count).fill(n));
  expect(await sum(db, 'sla_open_daily')).toBe(0);
  expect(await sum(db, 'open_task_groups')).toBe(0);
  expect(await sum(db, 'sla_done_daily')).toBe(2 * count);
  expect(await perKey(db, 'audit_log', 'entity_id', { action: 'task.complete' })).toEqual(
    Array(count).fill(2),
  );
  expect(await countRows(db, 'notifications', { kind: 'result' })).toBe(2 * count);
}
