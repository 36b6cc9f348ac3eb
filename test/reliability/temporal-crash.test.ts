/**
 * The Temporal dev server is killed with SIGKILL while 100 requests are being
 * worked on and 100 more are arriving, then started again on the same SQLite
 * file. While
 * it is down the API answers 503 naming Temporal (never a 500, never a hang),
 * reads of stored cases still work, and the client's retries with the same
 * Idempotency-Key are accepted once it is back. In the end every request is
 * granted exactly once: one request row, one workflow, one grant, one event,
 * one audit entry and two notices each. The worker runs as its own process.
 */
import { SHARING_REQUEST_PROCESS } from '../../workflows/sharing_request/contract';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { signIn, testApp } from '../support/api';
import { createTestDb, type TestDb } from '../../scripts/harness/databases';
import { localDay } from '../support/http-cases';
import { ownTemporalServer, type OwnServer } from '../support/own-servers';
import { countRows, expectEachGrantedOnce } from '../support/granted-once';
import { waitFor } from '../support/wait';
import { startWorkerProcess } from '../../scripts/harness/runtime-processes';

const COUNT = 200;
/** How long the API waits for Temporal on one call before answering 503. */
const CALL_TIMEOUT_S = 5;
const taskQueue = `temporal-crash-${randomUUID()}`;

let temporal: OwnServer & { address: string };
let t: TestDb;
let connection: Connection;
let worker: ChildProcess | undefined;

beforeAll(async () => {
  [temporal, t] = await Promise.all([ownTemporalServer(), createTestDb('mysql')]);
  connection = await Connection.connect({ address: temporal.address });
});

afterAll(async () => {
  worker?.kill('SIGKILL');
  await connection?.close();
  await temporal?.dispose();
  await t?.drop();
});

jest.setTimeout(300_000);

const count = (table: string, where: Record<string, string> = {}) => countRows(t.db, table, where);

it('finishes every request after the Temporal server is SIGKILLed and restarted, writing nothing twice', async () => {
  const client = new Client({ connection });
  const app = testApp(t.db, client, {
    TEMPORAL_TASK_QUEUE: taskQueue,
    TEMPORAL_CALL_TIMEOUT_MS: String(CALL_TIMEOUT_S * 1000),
  });
  const token = await signIn(app, 'zhangwei');
  worker = startWorkerProcess({ temporalAddress: temporal.address, databaseUrl: t.location, taskQueue });

  const submit = (i: number) =>
    request(app)
      .post('/api/requests')
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', `temporal-crash-${i}`)
      .set('Prefer', 'respond-async')
      .send({
        resourceCode: 'GA-RK-001',
        items: ['姓名'],
        purpose: `服务重启恢复 ${i}`,
        usageFrom: localDay(),
        usageTo: localDay(30),
      });

  // A client as the API asks it to be: it sends a refused submission again, with the same key.
  const refused: { status: number; code: string; seconds: number }[] = [];
  const submitUntilAccepted = async (i: number) => {
    for (;;) {
      const started = Date.now();
      const res = await submit(i);
      if (res.status === 202 || res.status === 200) return;
      refused.push({
        status: res.status,
        code: res.body?.error?.code,
        seconds: (Date.now() - started) / 1000,
      });
      if (res.status !== 503) throw new Error(`submit ${i}: ${res.status} ${JSON.stringify(res.body)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  const submitAll = async (from: number, to: number) => {
    for (let i = from; i < to; i += 10)
      await Promise.all(Array.from({ length: Math.min(10, to - i) }, (_, j) => submitUntilAccepted(i + j)));
  };

  // Half the requests are accepted and being worked on when the server dies.
  await submitAll(0, COUNT / 2);
  await waitFor(
    'some requests granted',
    async () => (await count('sharing_requests', { status: 'granted' })) >= 20,
    90_000,
  );
  expect(await count('sharing_requests', { status: 'granted' })).toBeLessThan(COUNT / 2);
  await temporal.kill();

  // The other half arrive while it is down: refused with 503 naming Temporal, and sent again.
  const submitting = submitAll(COUNT / 2, COUNT);
  await waitFor('submissions refused while Temporal is down', async () => refused.length >= 10, 60_000);
  const granted = await t.db('sharing_requests').where({ status: 'granted' }).first('id');
  const read = await request(app).get(`/api/requests/${granted.id}`).set('Authorization', `Bearer ${token}`);
  expect(read.status).toBe(200);
  expect(read.body.status).toBe('granted');
  const health = await request(app).get('/healthz');
  expect(health.status).toBe(503);
  expect(JSON.stringify(health.body)).toMatch(/temporal/i);

  await temporal.start();
  await submitting;
  await waitFor(
    'every request granted',
    async () => (await count('sharing_requests', { status: 'granted' })) === COUNT,
    180_000,
  );

  expect(refused.length).toBeGreaterThan(0);
  for (const r of refused) {
    expect(r).toMatchObject({ status: 503, code: 'temporal_unavailable' });
    // The API's own work on top of the wait for Temporal stays well under a second or two.
    expect(r.seconds).toBeLessThan(CALL_TIMEOUT_S + 2);
  }
  await expectEachGrantedOnce(t.db, COUNT);
  // One workflow a request on the restarted server: its history survived the kill.
  let workflows = 0;
  for await (const w of client.workflow.list({ query: `TaskQueue="${taskQueue}"` }))
    if (w.type === SHARING_REQUEST_PROCESS) workflows += 1;
  expect(workflows).toBe(COUNT);
});
