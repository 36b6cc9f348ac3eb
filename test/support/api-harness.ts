/**
 * The whole of govshare for API tests: the Temporal dev server (search
 * attributes registered), a fresh MariaDB database with the demo data, a worker
 * running every workflow with the real activities, and the express app.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import { signIn, testApp } from './api';
import { createTestDb, type TestDb } from '../../scripts/harness/databases';
import { startDevServer } from '../../scripts/harness/servers';
import { runWorker } from '../../scripts/harness/worker';

export interface ApiHarness {
  env: TestWorkflowEnvironment;
  t: TestDb;
  app: ReturnType<typeof testApp>;
  taskQueue: string;
  /** A bearer header for a demo user (tokens are cached per file). */
  as(username: string): Promise<{ Authorization: string }>;
  http: () => ReturnType<typeof request>;
}

/** `env`: extra settings for the app (read when the servers are up, e.g. an issuer's URL). */
export function useApiHarness(env: () => NodeJS.ProcessEnv = () => ({})): ApiHarness {
  const tokens = new Map<string, Promise<string>>();
  const h = { taskQueue: `api-${randomUUID()}` } as ApiHarness;
  let worker: Awaited<ReturnType<typeof runWorker>> | undefined;

  beforeAll(async () => {
    [h.env, h.t] = await Promise.all([startDevServer(), createTestDb('mysql')]);
    worker = await runWorker({
      connection: h.env.nativeConnection,
      taskQueue: h.taskQueue,
      workflowsPath: require.resolve('../../workflows'),
      db: h.t.db,
    });
    h.app = testApp(h.t.db, h.env.client, { TEMPORAL_TASK_QUEUE: h.taskQueue, ...env() });
    h.http = () => request(h.app);
  });

  afterAll(async () => {
    await worker?.stop();
    await h.env?.teardown();
    await h.t?.drop();
  });

  // One sign-in per user, shared by callers that ask at once (sign-ins a minute are limited).
  h.as = async (username) => {
    if (!tokens.has(username)) tokens.set(username, signIn(h.app, username));
    return { Authorization: `Bearer ${await tokens.get(username)}` };
  };
  return h;
}
