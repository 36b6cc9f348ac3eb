/**
 * A time-skipping Temporal server, a fresh MariaDB database and a worker running
 * the given workflows with govshare's real activities — set up before the tests
 * of a file and torn down after them.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { createTestDb, type TestDb } from './databases';
import { startTimeSkippingServer } from './servers';

export interface WorkflowHarness {
  env: TestWorkflowEnvironment;
  t: TestDb;
  taskQueue: string;
}

export function useWorkflowHarness(workflowsPath: string): WorkflowHarness {
  const harness = { taskQueue: `test-${randomUUID()}` } as WorkflowHarness;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;

  beforeAll(async () => {
    [harness.env, harness.t] = await Promise.all([startTimeSkippingServer(), createTestDb('mysql')]);
    worker = await Worker.create({
      connection: harness.env.nativeConnection,
      taskQueue: harness.taskQueue,
      workflowsPath,
      activities: createActivities(harness.t.db),
    });
    running = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await harness.env?.teardown();
    await harness.t?.drop();
  });

  return harness;
}
