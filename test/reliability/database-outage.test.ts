/**
 * MariaDB is killed (SIGKILL) while requests are being submitted and worked
 * on, then started again on the same data. While it is down every endpoint
 * answers 503 `database_unavailable` with a message a person can act on,
 * within its timeout (never a 500, never a hang); the worker's activities fail
 * and Temporal retries them. Once it is back, the client's retries with the
 * same Idempotency-Key are accepted and every request reaches its final state
 * with nothing lost or written twice. The test owns its MariaDB server, so the
 * outage touches no other test.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import { signIn, testApp } from '../support/api';
import { createTestDb, type TestDb } from '../../scripts/harness/databases';
import { localDay } from '../support/http-cases';
import { ownMariaDb, type OwnServer } from '../support/own-servers';
import { startDevServer } from '../../scripts/harness/servers';
import { countRows, expectEachGrantedOnce } from '../support/granted-once';
import { waitFor } from '../support/wait';
import { startWorkerProcess } from '../../scripts/harness/runtime-processes';

const COUNT = 100;
const taskQueue = `db-outage-${randomUUID()}`;
/** The pool's acquire timeout is 5 s: an answer must come within it, with room for a slow machine. */
const ANSWER_WITHIN_S = 10;

let mariadb: OwnServer & { url: string };
let env: TestWorkflowEnvironment;
let t: TestDb;
let worker: ChildProcess | undefined;

beforeAll(async () => {
  [mariadb, env] = await Promise.all([ownMariaDb(), startDevServer()]);
  t = await createTestDb('mysql', { server: mariadb.url });
});

afterAll(async () => {
  worker?.kill('SIGKILL');
  await env?.teardown();
  await t?.drop().catch(() => undefined);
  await mariadb?.dispose();
});

jest.setTimeout(300_000);

const count = (table: string, where: Record<string, string> = {}) => countRows(t.db, table, where);

it('answers 503 while MariaDB is down, then finishes every request once it is back, writing nothing twice', async () => {
  const app = testApp(t.db, env.client, { TEMPORAL_TASK_QUEUE: taskQueue });
  const token = await signIn(app, 'zhangwei');
  worker = startWorkerProcess({ temporalAddress: env.address, databaseUrl: t.location, taskQueue });

  const submit = (i: number) =>
    request(app)
      .post('/api/requests')
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', `db-outage-${i}`)
      .set('Prefer', 'respond-async')
      .send({
        resourceCode: 'GA-RK-001',
        items: ['姓名'],
        purpose: `数据库中断恢复 ${i}`,
        usageFrom: localDay(),
        usageTo: localDay(30),
      });
  const answers: { status: number; code?: string; message?: string; seconds: number }[] = [];
  const timed = async (call: () => request.Test) => {
    const started = Date.now();
    const res = await call();
    const answer = {
      status: res.status,
      code: res.body?.error?.code,
      message: res.body?.error?.message,
      seconds: (Date.now() - started) / 1000,
    };
    answers.push(answer);
    return answer;
  };
  const submitUntilAccepted = async (i: number) => {
    for (;;) {
      const a = await timed(() => submit(i));
      if (a.status === 202 || a.status === 200) return;
      if (a.status !== 503) throw new Error(`submit ${i}: ${JSON.stringify(a)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  const submitting = (async () => {
    for (let i = 0; i < COUNT; i += 5)
      await Promise.all(Array.from({ length: Math.min(5, COUNT - i) }, (_, j) => submitUntilAccepted(i + j)));
  })();

  await waitFor(
    'some requests granted',
    async () => (await count('sharing_requests', { status: 'granted' })) >= 10,
    90_000,
  );
  const stored = await count('sharing_requests');
  const inFlight = stored - (await count('sharing_requests', { status: 'granted' }));
  await mariadb.kill();

  // While it is down, reads and writes alike answer 503 within the timeout.
  const down = await Promise.all([
    timed(() => request(app).get('/api/tasks').set('Authorization', `Bearer ${token}`)),
    timed(() => request(app).get('/api/requests').set('Authorization', `Bearer ${token}`)),
    timed(() => request(app).post('/api/auth/dev-login').send({ username: 'zhangwei' })),
    timed(() => submit(COUNT + 1)),
  ]);
  for (const a of down) {
    expect(a).toMatchObject({ status: 503, code: 'database_unavailable' });
    expect(a.message).toMatch(/database/i);
    expect(a.seconds).toBeLessThan(ANSWER_WITHIN_S);
  }
  const health = await request(app).get('/healthz');
  expect(health.status).toBe(503);
  expect(JSON.stringify(health.body)).toMatch(/database/i);
  // Let the outage last long enough for activities to fail and be retried.
  await new Promise((r) => setTimeout(r, 5_000));
  await mariadb.start();

  await submitting;
  await waitFor(
    'every request granted',
    async () => (await count('sharing_requests', { status: 'granted' })) === COUNT,
    180_000,
  );
  // Workflows were mid-way when the database went: their activities failed, were retried, and landed.
  expect(inFlight).toBeGreaterThan(0);
  expect(answers.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
  expect(answers.filter((a) => a.status === 503).length).toBeGreaterThan(0);
  expect(answers.every((a) => a.seconds < ANSWER_WITHIN_S)).toBe(true);
  // The refused extra submission was never stored.
  expect(await count('sharing_requests', { idempotency_key: `db-outage-${COUNT + 1}` })).toBe(0);
  await expectEachGrantedOnce(t.db, COUNT);
});
