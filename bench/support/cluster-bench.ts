/**
 * What a benchmark on a real Temporal cluster sets up: the cluster (scripts/harness/temporal-cluster),
 * a fresh MariaDB database with the demo city, a log-signing key, a client, the baseline (bare
 * `client.workflow.start` of a trivial workflow on a queue of its own), and govshare's workers and
 * API as processes of their own, as production runs them.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createTestDb, type TestDb } from '../../scripts/harness/databases';
import { startWorkerProcess } from '../../scripts/harness/runtime-processes';
import { startTestCluster } from '../../scripts/harness/temporal-cluster';
import { runWorker } from '../../scripts/harness/worker';
import { startBenchApiProcess, type BenchApiProcess } from './api-process';
import { temporarySigningKey } from './signing-key';
import type { BenchApi } from './bench-api';
import { waitForPollers } from './pollers';
import { stopChild } from '../../scripts/stop-child';

export interface ClusterBench {
  t: TestDb;
  cluster: Awaited<ReturnType<typeof startTestCluster>>;
  client: Client;
  /** A worker's connection to the cluster, for a baseline worker in the benchmark's own process. */
  connection: NativeConnection;
  /** govshare's task queue. */
  taskQueue: string;
  /** The key file govshare's processes sign the logs with (AUDIT_SIGNING_KEY). */
  signingKey: string;
  /** The baseline: starts one trivial workflow. */
  bare(): Promise<void>;
  /**
   * Waits until `count` workers poll govshare's queue, so a measurement never meets a worker still
   * bundling; after a restart, only those seen since `since` (ms) count.
   */
  pollers(count: number, since?: number): Promise<void>;
  /** Starts one more govshare worker process; its pid. */
  startWorker(): number;
  /** Stops every govshare worker process and waits until they have exited (an outage). */
  stopWorkers(): Promise<void>;
  /** Starts the govshare API as a process of its own; it, called over HTTP. */
  startApi(): Promise<Omit<BenchApi, 'close'>>;
  close(): Promise<void>;
}

export async function startClusterBench(name: string): Promise<ClusterBench> {
  const t = await createTestDb('mysql');
  const cluster = await startTestCluster(name);
  const key = temporarySigningKey();
  const signingKey = key.file;
  const taskQueue = `bench-${randomUUID()}`;
  const connection = await Connection.connect({ address: cluster.address });
  const client = new Client({ connection, namespace: cluster.namespace });
  const nativeConnection = await NativeConnection.connect({ address: cluster.address });
  const baselineQueue = `${taskQueue}-baseline`;
  const baselineWorker = await runWorker({
    connection: nativeConnection,
    taskQueue: baselineQueue,
    workflowsPath: require.resolve('../fixtures/bench-workflows'),
    db: t.db,
  });
  const processes: ChildProcess[] = [];
  const apis: BenchApiProcess[] = [];
  const runtime = () => ({
    temporalAddress: cluster.address,
    databaseUrl: t.location,
    taskQueue,
    env: { AUDIT_SIGNING_KEY: signingKey },
  });
  return {
    t,
    cluster,
    client,
    connection: nativeConnection,
    taskQueue,
    signingKey,
    async bare() {
      await client.workflow.start('trivial', {
        taskQueue: baselineQueue,
        workflowId: `trivial-${randomUUID()}`,
      });
    },
    pollers: (count, since) => waitForPollers(client, taskQueue, count, since),
    startWorker() {
      const worker = startWorkerProcess(runtime());
      processes.push(worker);
      return worker.pid!;
    },
    async stopWorkers() {
      await Promise.all(processes.splice(0).map((p) => stopChild(p)));
    },
    async startApi() {
      const api = await startBenchApiProcess(runtime());
      apis.push(api);
      return api.api;
    },
    async close() {
      await Promise.all(processes.map((p) => stopChild(p)));
      await Promise.all(apis.map((a) => a.stop()));
      await baselineWorker.stop();
      await nativeConnection.close();
      await connection.close();
      await cluster.teardown();
      await t.drop();
      key.remove();
    },
  };
}
