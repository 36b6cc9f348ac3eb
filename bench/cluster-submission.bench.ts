/**
 * Benchmark 5: submission (benchmark 1) on a real Temporal cluster — the server's
 * four services as processes of their own on PostgreSQL, as `npm run cluster` runs
 * them — with govshare's workers as processes of their own, first one, then two.
 * Each round alternates bare `client.workflow.start` of a trivial workflow (the
 * baseline, on the same cluster), `POST /api/requests` with `Prefer: respond-async`
 * and the default that waits for routing. Target: the async submission's throughput
 * at least 0.8 of the baseline's. The scale-out factor is two workers ÷ one.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NativeConnection } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { ChildProcess } from 'node:child_process';
import { loadLogSigningKey } from '../runtime/log-signing-key';
import { createTestDb } from '../scripts/harness/databases';
import { startTestCluster } from '../scripts/harness/temporal-cluster';
import { runWorker } from '../scripts/harness/worker';
import { startWorkerProcess } from '../scripts/harness/worker-process';
import { serveApi } from './support/bench-api';
import { submitters } from './support/submissions';
import { fmt, latencyRow, measure, record, summarize, type Round } from './support/stats';

const COUNT = Number(process.env.BENCH_COUNT ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const ROUNDS = Number(process.env.BENCH_CLUSTER_ROUNDS ?? 5);
const TARGET = 0.8;

interface Measured {
  workers: number;
  async: Round;
  waiting: Round;
  baseline: Round;
  ratio: number;
  rounds: { async: Round[]; waiting: Round[]; baseline: Round[] };
}

/** Waits until `count` workers poll the task queue, so a round never measures a worker still bundling. */
async function pollers(client: Client, taskQueue: string, count: number): Promise<void> {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    const d = await client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: taskQueue },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    if ((d.pollers ?? []).length >= count) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${count} worker(s) did not poll ${taskQueue} within 120 s`);
}

export async function clusterSubmissionBench(): Promise<Measured[]> {
  const t = await createTestDb('mysql');
  const cluster = await startTestCluster('bench-submission');
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-bench-'));
  const signingKey = path.join(keyDir, 'log-signing-key.pem');
  loadLogSigningKey(signingKey, { create: true });
  const taskQueue = `bench-${randomUUID()}`;
  const connection = await Connection.connect({ address: cluster.address });
  const client = new Client({ connection, namespace: cluster.namespace });
  // The baseline's trivial workflow runs on a queue of its own, in this process.
  const nativeConnection = await NativeConnection.connect({ address: cluster.address });
  const baselineQueue = `${taskQueue}-baseline`;
  const baselineWorker = await runWorker({
    connection: nativeConnection,
    taskQueue: baselineQueue,
    workflowsPath: require.resolve('./fixtures/bench-workflows'),
    db: t.db,
  });
  const api = await serveApi(t.db, client, taskQueue);
  const workers: ChildProcess[] = [];
  const results: Measured[] = [];
  try {
    const token = await api.token('zhangwei');
    const { submit, submitAndWait } = submitters(api.base, token);
    const bare = async () => {
      await client.workflow.start('trivial', {
        taskQueue: baselineQueue,
        workflowId: `trivial-${randomUUID()}`,
      });
    };

    for (const count of [1, 2]) {
      while (workers.length < count)
        workers.push(
          startWorkerProcess({
            temporalAddress: cluster.address,
            databaseUrl: t.location,
            taskQueue,
            env: { AUDIT_SIGNING_KEY: signingKey },
          }),
        );
      await pollers(client, taskQueue, count);
      await measure(20, 5, submitAndWait); // warm-up: connections, caches, JIT, the workers' caches
      await measure(20, 5, bare);
      const rounds = { async: [] as Round[], waiting: [] as Round[], baseline: [] as Round[] };
      for (let r = 0; r < ROUNDS; r++) {
        process.stdout.write(`   cluster, ${count} worker(s): round ${r + 1} of ${ROUNDS}\n`);
        rounds.baseline.push(await measure(COUNT, CONCURRENCY, bare));
        rounds.async.push(await measure(COUNT, CONCURRENCY, submit));
        rounds.waiting.push(await measure(COUNT, CONCURRENCY, submitAndWait));
      }
      const m = {
        workers: count,
        async: summarize(rounds.async),
        waiting: summarize(rounds.waiting),
        baseline: summarize(rounds.baseline),
        rounds,
      };
      results.push({ ...m, ratio: m.async.perSecond / m.baseline.perSecond });
    }

    console.log(
      `\n5. Submission on the Temporal cluster (PostgreSQL, four service processes): ${COUNT} requests × ${ROUNDS} rounds, ${CONCURRENCY} in flight, worker(s) as their own processes (medians of rounds)`,
    );
    console.table(
      Object.fromEntries(
        results.flatMap((m) => [
          [`${m.workers} worker(s): POST /api/requests, respond-async`, latencyRow(m.async)],
          [`${m.workers} worker(s): POST /api/requests, waits for routing`, latencyRow(m.waiting)],
          [`${m.workers} worker(s): bare client.workflow.start`, latencyRow(m.baseline)],
        ]),
      ),
    );
    for (const m of results)
      console.log(
        `   ${m.workers} worker(s): ratio ${fmt(m.ratio, 2)} (target ≥ ${TARGET}) ${m.ratio >= TARGET ? 'met' : 'MISSED'}; waiting for routing: ${fmt(m.waiting.perSecond / m.baseline.perSecond, 2)}`,
      );
    const [one, two] = results;
    const scaleOut = {
      async: two.async.perSecond / one.async.perSecond,
      waiting: two.waiting.perSecond / one.waiting.perSecond,
    };
    console.log(
      `   scale-out, two workers ÷ one: respond-async ${fmt(scaleOut.async, 2)}, waiting for routing ${fmt(scaleOut.waiting, 2)}`,
    );
    const file = record('cluster-submission', {
      count: COUNT,
      concurrency: CONCURRENCY,
      rounds: ROUNDS,
      target: TARGET,
      results,
      scaleOut,
    });
    console.log(`   written to ${file}`);
    return results;
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await api.close();
    await baselineWorker.stop();
    await nativeConnection.close();
    await connection.close();
    await cluster.teardown();
    await t.drop();
    fs.rmSync(keyDir, { recursive: true, force: true });
  }
}
