/**
 * The worker is killed with SIGKILL while 200 requests are in flight, then
 * restarted: every request reaches its final state, and nothing is written
 * twice — one grant, one "granted" event, one audit entry and two notices
 * (one per department) per request. The worker runs as its own process, as
 * in production (runtime/worker.ts), against the dev server and MariaDB.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import { signIn, testApp } from '../support/api';
import { createTestDb, type TestDb } from '../../scripts/harness/databases';
import { localDay } from '../support/http-cases';
import { startDevServer } from '../../scripts/harness/servers';
import { countRows, expectEachGrantedOnce } from '../support/granted-once';
import { waitFor } from '../support/wait';
import { startWorkerProcess } from '../../scripts/harness/runtime-processes';

const COUNT = 200;

let env: TestWorkflowEnvironment;
let t: TestDb;
const taskQueue = `crash-${randomUUID()}`;
let worker: ChildProcess | undefined;

const startWorker = () =>
  startWorkerProcess({ temporalAddress: env.address, databaseUrl: t.location, taskQueue });

beforeAll(async () => {
  [env, t] = await Promise.all([startDevServer(), createTestDb('mysql')]);
});

afterAll(async () => {
  worker?.kill('SIGKILL');
  await env?.teardown();
  await t?.drop();
});

jest.setTimeout(240_000);

it('finishes every request after a SIGKILLed worker restarts, writing nothing twice', async () => {
  const app = testApp(t.db, env.client, { TEMPORAL_TASK_QUEUE: taskQueue });
  const token = await signIn(app, 'zhangwei');
  worker = startWorker();

  const submit = (i: number) =>
    request(app)
      .post('/api/requests')
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', `crash-${i}`)
      .set('Prefer', 'respond-async')
      .send({
        resourceCode: 'GA-RK-001',
        items: ['姓名'],
        purpose: `崩溃恢复 ${i}`,
        usageFrom: localDay(),
        usageTo: localDay(30),
      });
  const submitting = (async () => {
    for (let i = 0; i < COUNT; i += 20) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(20, COUNT - i) }, (_, j) => submit(i + j)),
      );
      for (const res of batch)
        if (res.status !== 202) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
    }
  })();

  // Kill the worker once it is mid-way through the work, then start a new one.
  await waitFor(
    'some requests granted',
    async () => {
      return (await countRows(t.db, 'sharing_requests', { status: 'granted' })) >= 20;
    },
    90_000,
  );
  worker.kill('SIGKILL');
  await submitting;
  const grantedAtKill = await countRows(t.db, 'sharing_requests', { status: 'granted' });
  expect(grantedAtKill).toBeLessThan(COUNT);
  worker = startWorker();

  await waitFor(
    'every request granted',
    async () => (await countRows(t.db, 'sharing_requests', { status: 'granted' })) === COUNT,
    180_000,
  );
  await expectEachGrantedOnce(t.db, COUNT);
});
