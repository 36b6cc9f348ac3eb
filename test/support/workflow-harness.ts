/**
 * A time-skipping Temporal server, a fresh MariaDB database and a worker running
 * the given workflows with govshare's real activities — set up before the tests
 * of a file and torn down after them.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { recordHistories, recordingHistories } from '../replay/record-histories';
import { createTestDb, type TestDb } from '../../scripts/harness/databases';
import { startTimeSkippingServer } from '../../scripts/harness/servers';
import { runWorker } from '../../scripts/harness/worker';

export interface WorkflowHarness {
  env: TestWorkflowEnvironment;
  t: TestDb;
  taskQueue: string;
}

export function useWorkflowHarness(workflowsPath: string): WorkflowHarness {
  const harness = { taskQueue: `test-${randomUUID()}` } as WorkflowHarness;
  let worker: Awaited<ReturnType<typeof runWorker>> | undefined;

  beforeAll(async () => {
    [harness.env, harness.t] = await Promise.all([startTimeSkippingServer(), createTestDb('mysql')]);
    worker = await runWorker({
      connection: harness.env.nativeConnection,
      taskQueue: harness.taskQueue,
      workflowsPath,
      db: harness.t.db,
    });
  });

  afterAll(async () => {
    if (recordingHistories() && harness.env)
      await recordHistories(harness.env.client, harness.t.db, expect.getState().testPath ?? 'unknown');
    await worker?.stop();
    await harness.env?.teardown();
    await harness.t?.drop();
  });

  return harness;
}
