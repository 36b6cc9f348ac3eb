/**
 * The Temporal dev server (search attributes registered, Schedules and
 * visibility as on a cluster), a fresh MariaDB database with the demo data and
 * a worker running every workflow with the real activities, on a task queue of
 * the test file's own: made before the file's tests and dropped after them.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { LogSigningKey } from '../../runtime/log-signing-key';
import { createTestDb, type TestDb } from '../../scripts/harness/databases';
import { startDevServer } from '../../scripts/harness/servers';
import { runWorker } from '../../scripts/harness/worker';

export interface DevServerWorker {
  env: TestWorkflowEnvironment;
  t: TestDb;
  taskQueue: string;
}

export function useDevServerWorker<H extends DevServerWorker = DevServerWorker>(
  opts: { queuePrefix?: string; signingKey?: () => LogSigningKey } = {},
): H {
  const h = { taskQueue: `${opts.queuePrefix ?? 'dev'}-${randomUUID()}` } as H;
  let worker: Awaited<ReturnType<typeof runWorker>> | undefined;
  beforeAll(async () => {
    [h.env, h.t] = await Promise.all([startDevServer(), createTestDb('mysql')]);
    worker = await runWorker({
      connection: h.env.nativeConnection,
      taskQueue: h.taskQueue,
      workflowsPath: require.resolve('../../workflows'),
      db: h.t.db,
      signingKey: opts.signingKey,
    });
  });
  afterAll(async () => {
    await worker?.stop();
    await h.env?.teardown();
    await h.t?.drop();
  });
  return h;
}
