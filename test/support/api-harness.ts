/**
 * The whole of govshare for API tests: the Temporal dev server (search
 * attributes registered), a fresh MariaDB database with the demo data, a worker
 * running every workflow with the real activities, and the express app.
 */
import request from 'supertest';
import { signIn, testApp } from './api';
import { useDevServerWorker, type DevServerWorker } from './dev-server-worker';

export interface ApiHarness extends DevServerWorker {
  app: ReturnType<typeof testApp>;
  /** A bearer header for a demo user (tokens are cached per file). */
  as(username: string): Promise<{ Authorization: string }>;
  http: () => ReturnType<typeof request>;
}

/** `env`: extra settings for the app (read when the servers are up, e.g. an issuer's URL). */
export function useApiHarness(env: () => NodeJS.ProcessEnv = () => ({})): ApiHarness {
  const tokens = new Map<string, Promise<string>>();
  const h = useDevServerWorker<ApiHarness>({ queuePrefix: 'api' });

  // After the servers and the worker (hooks run in the order they are declared).
  beforeAll(() => {
    h.app = testApp(h.t.db, h.env.client, { TEMPORAL_TASK_QUEUE: h.taskQueue, ...env() });
    h.http = () => request(h.app);
  });

  // One sign-in per user, shared by callers that ask at once (sign-ins a minute are limited).
  h.as = async (username) => {
    if (!tokens.has(username)) tokens.set(username, signIn(h.app, username));
    return { Authorization: `Bearer ${await tokens.get(username)}` };
  };
  return h;
}
