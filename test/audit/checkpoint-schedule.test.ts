/**
 * The logs' heads are signed every day by a Temporal Schedule (on the dev
 * server: the time-skipping server has no Schedules). Made once however many
 * APIs start; a run signs both logs and logs that it did.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { keyIdOf, verifyChain } from '../../db/audit/log-chain-repository';
import { AUDIT_LOG } from '../../domain/audit/log-chain';
import { ensureLogCheckpointSchedule } from '../../runtime/log-checkpoint-schedule';
import type { LogSigningKey } from '../../runtime/log-signing-key';
import { createTestDb, type TestDb } from '../../scripts/harness/databases';
import { startDevServer } from '../../scripts/harness/servers';
import { runWorker } from '../../scripts/harness/worker';
import { LOG_CHECKPOINT_SCHEDULE } from '../../workflows/audit/contract';
import { waitFor } from '../support/wait';

const pair = generateKeyPairSync('ec', { namedCurve: 'SM2' });
const key: LogSigningKey = {
  ...pair,
  keyId: keyIdOf(pair.publicKey),
  publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
};
const taskQueue = `checkpoints-${randomUUID()}`;
let env: TestWorkflowEnvironment;
let t: TestDb;
let worker: Awaited<ReturnType<typeof runWorker>>;

beforeAll(async () => {
  [env, t] = await Promise.all([startDevServer(), createTestDb('mysql')]);
  worker = await runWorker({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('../../workflows'),
    db: t.db,
    signingKey: () => key,
  });
});

afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
  await t?.drop();
});

it('is made once, daily at 00:10 Beijing time, and a run signs both logs', async () => {
  const made = await Promise.all([
    ensureLogCheckpointSchedule(env.client, taskQueue),
    ensureLogCheckpointSchedule(env.client, taskQueue),
  ]);
  expect(made.sort()).toEqual(['created', 'exists']);
  const handle = env.client.schedule.getHandle(LOG_CHECKPOINT_SCHEDULE);
  const described = await handle.describe();
  expect(described.spec.timezone).toBe('Asia/Shanghai');
  expect(described.spec.calendars?.[0]).toMatchObject({
    hour: [{ start: 0, end: 0, step: 1 }],
    minute: [{ start: 10, end: 10, step: 1 }],
  });

  await handle.trigger();
  const rows = await waitFor('the checkpoints', async () => {
    const r = await t.db('log_checkpoints').orderBy('id');
    return r.length >= 2 ? r : undefined;
  });
  expect(rows.map((r) => r.log)).toEqual(['audit', 'exchange']);
  const logged = await waitFor('the audit entry', () =>
    t.db('audit_log').where({ action: 'audit.checkpoint' }).first(),
  );
  expect(JSON.parse(logged.detail).checkpoints).toHaveLength(2);
  expect(await verifyChain(t.db, AUDIT_LOG, key.publicKey, key.keyId)).toMatchObject({
    ok: true,
    checkpoints: 1,
  });
});
