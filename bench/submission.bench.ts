/**
 * Benchmark 1: submitting conditional sharing requests through POST /api/requests
 * (auth, validation, database, workflow start, waiting for routing) against
 * bare client.workflow.start of a trivial workflow, on the same Temporal dev
 * server, with the same count and concurrency, in the same run. govshare's
 * worker and API run as processes of their own, as production runs them; the
 * load generator and the baseline's worker share the benchmark's process.
 * Each round measures the three in turn. Target: the project's throughput is
 * at least 0.8 of the baseline's.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connection';
import { createTestDb } from '../scripts/harness/databases';
import { startWorkerProcess } from '../scripts/harness/runtime-processes';
import { startDevServer } from '../scripts/harness/servers';
import { runWorker } from '../scripts/harness/worker';
import { startBenchApiProcess, type BenchApiProcess } from './support/api-process';
import { temporarySigningKey } from './support/signing-key';
import { waitForPollers } from './support/pollers';
import { submitters } from './support/submissions';
import { alternatedRounds, fmt, latencyRow, measure, record } from './support/stats';
import { stopChild } from '../scripts/stop-child';

const COUNT = Number(process.env.BENCH_COUNT ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TARGET = 0.8;

/**
 * Waits until every request submitted so far is routed (each opens its provider's review):
 * until requests and tasks differ by no more than they did before the first submission.
 */
async function routed(db: Db, gapBefore: number): Promise<void> {
  const until = Date.now() + 300_000;
  while ((await requestsWithoutTask(db)) > gapBefore) {
    if (Date.now() > until) throw new Error('the submitted requests were not routed within 5 minutes');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function requestsWithoutTask(db: Db): Promise<number> {
  const count = async (table: string) => Number((await db(table).count({ n: '*' }))[0].n);
  return (await count('sharing_requests')) - (await count('tasks'));
}

export async function submissionBench(): Promise<{ ratio: number; target: number; met: boolean }> {
  const [env, t] = await Promise.all([startDevServer(), createTestDb('mysql')]);
  const key = temporarySigningKey();
  const taskQueue = `bench-${randomUUID()}`;
  const baselineQueue = `${taskQueue}-baseline`;
  const runtime = {
    temporalAddress: env.address,
    databaseUrl: t.location,
    taskQueue,
    env: { AUDIT_SIGNING_KEY: key.file },
  };
  const worker = startWorkerProcess(runtime);
  const baselineWorker = await runWorker({
    connection: env.nativeConnection,
    taskQueue: baselineQueue,
    workflowsPath: require.resolve('./fixtures/bench-workflows'),
    db: t.db,
  });
  let api: BenchApiProcess | undefined;
  try {
    api = await startBenchApiProcess(runtime);
    await waitForPollers(env.client, taskQueue, 1);
    const token = await api.api.token('zhangwei');
    const { submit, submitAndWait } = submitters(api.api.base, token);
    const bare = async () => {
      await env.client.workflow.start('trivial', {
        taskQueue: baselineQueue,
        workflowId: `trivial-${randomUUID()}`,
      });
    };
    const gapBefore = await requestsWithoutTask(t.db);
    await measure(10, 5, submitAndWait); // warm-up: connections, caches, JIT
    await measure(10, 5, bare);
    const one = (op: () => Promise<unknown>) => ({ count: COUNT, concurrency: CONCURRENCY, op });
    const {
      baseline: b,
      project: p,
      waiting: w,
    } = await alternatedRounds(
      ROUNDS,
      {
        baseline: one(bare),
        // The async round leaves its routing to the worker; the next round starts once it is done.
        project: { ...one(submit), settle: () => routed(t.db, gapBefore) },
        waiting: one(submitAndWait),
      },
      (r) => process.stdout.write(`   round ${r} of ${ROUNDS}\n`),
    );
    const ratio = p.perSecond / b.perSecond;
    console.log(
      `\n1. Submission: ${COUNT} requests × ${ROUNDS} alternated rounds, ${CONCURRENCY} in flight, the worker and the API in their own processes (medians of rounds)`,
    );
    console.table({
      'POST /api/requests, respond-async': latencyRow(p),
      'POST /api/requests, waits for routing': latencyRow(w),
      'bare client.workflow.start': latencyRow(b),
    });
    console.log(
      `   ratio ${fmt(ratio, 2)} (target ≥ ${TARGET}) ${ratio >= TARGET ? 'met' : 'MISSED'}; waiting for routing: ${fmt(w.perSecond / b.perSecond, 2)}`,
    );
    const file = record('submission', {
      count: COUNT,
      concurrency: CONCURRENCY,
      rounds: ROUNDS,
      processes: 'worker and API in their own processes',
      project: p,
      projectWaitingForRouting: w,
      baseline: b,
      ratio,
      ratioWaitingForRouting: w.perSecond / b.perSecond,
      target: TARGET,
    });
    console.log(`   written to ${file}`);
    return { ratio, target: TARGET, met: ratio >= TARGET };
  } finally {
    await api?.stop();
    await stopChild(worker);
    await baselineWorker.stop();
    await env.teardown();
    await t.drop();
    key.remove();
  }
}
