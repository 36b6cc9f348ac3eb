/**
 * govshare on a real Temporal cluster for one test file, as a city runs it: the
 * server's four services as processes of their own on PostgreSQL, govshare's
 * workers as processes of their own (runtime/worker.ts, two by default), two API
 * instances each with its own Temporal connection, and a fresh MariaDB database
 * with the demo city. Requests alternate between the two APIs.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { loadLogSigningKey } from '../../runtime/log-signing-key';
import { createTestDb, type TestDb } from '../../scripts/harness/databases';
import { startTestCluster } from '../../scripts/harness/temporal-cluster';
import { startWorkerProcess } from '../../scripts/harness/runtime-processes';
import { signIn, testApp } from '../support/api';

export interface ClusterHarness {
  cluster: Awaited<ReturnType<typeof startTestCluster>>;
  client: Client;
  t: TestDb;
  taskQueue: string;
  workers: (ChildProcess | undefined)[];
  /** Starts (or starts again) worker `i`. */
  startWorker(i: number): ChildProcess;
  /** A bearer header for a demo user (one sign-in per user). */
  as(username: string): Promise<{ Authorization: string }>;
  /** The next API, in turn. */
  http(): ReturnType<typeof request>;
}

/** `tls`: the cluster lets in only clients with govshare's certificate, and every govshare process presents it. */
export function useClusterHarness(
  name: string,
  opts: { workers?: number; tls?: boolean } = {},
): ClusterHarness {
  const h = { taskQueue: `cluster-${randomUUID()}`, workers: [] } as unknown as ClusterHarness;
  const connections: Connection[] = [];
  const apps: ReturnType<typeof testApp>[] = [];
  const tokens = new Map<string, Promise<string>>();
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-cluster-'));
  const signingKey = path.join(keyDir, 'log-signing-key.pem');
  let turn = 0;

  h.startWorker = (i) => {
    h.workers[i] = startWorkerProcess({
      temporalAddress: h.cluster.address,
      databaseUrl: h.t.location,
      taskQueue: h.taskQueue,
      env: { AUDIT_SIGNING_KEY: signingKey, ...h.cluster.clientEnv },
    });
    return h.workers[i]!;
  };
  h.http = () => request(apps[turn++ % apps.length]);
  h.as = async (username) => {
    if (!tokens.has(username)) tokens.set(username, signIn(apps[0], username));
    return { Authorization: `Bearer ${await tokens.get(username)}` };
  };

  beforeAll(async () => {
    // One after the other, so a failure of either leaves nothing running that afterAll cannot stop.
    h.t = await createTestDb('mysql');
    h.cluster = await startTestCluster(name, { tls: opts.tls });
    loadLogSigningKey(signingKey, { create: true });
    for (let i = 0; i < (opts.workers ?? 2); i += 1) h.startWorker(i);
    for (let i = 0; i < 2; i += 1) {
      const connection = await Connection.connect({ address: h.cluster.address, tls: h.cluster.tls });
      connections.push(connection);
      apps.push(
        testApp(h.t.db, new Client({ connection, namespace: h.cluster.namespace }), {
          TEMPORAL_TASK_QUEUE: h.taskQueue,
          AUDIT_SIGNING_KEY: signingKey,
        }),
      );
    }
    h.client = new Client({ connection: connections[0], namespace: h.cluster.namespace });
  }, 180_000);

  afterAll(async () => {
    for (const w of h.workers) w?.kill('SIGKILL');
    for (const c of connections) await c.close();
    await h.cluster?.teardown();
    await h.t?.drop();
    fs.rmSync(keyDir, { recursive: true, force: true });
  }, 120_000);

  return h;
}
