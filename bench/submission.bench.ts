/**
 * Benchmark 1: submitting conditional sharing requests through POST /api/requests
 * (auth, validation, database, workflow start, waiting for routing) against
 * bare client.workflow.start of a trivial workflow, on the same Temporal dev
 * server, with the same count and concurrency, in the same run. Target: the
 * project's throughput is at least 0.8 of the baseline's.
 */
import { randomUUID } from 'node:crypto';
import { createTestDb } from '../scripts/harness/databases';
import { startDevServer } from '../scripts/harness/servers';
import { runWorker } from '../scripts/harness/worker';
import { serveApi } from './support/bench-api';
import { submitters } from './support/submissions';
import { fmt, latencyRow, measure, record, summarize, type Round } from './support/stats';

const COUNT = Number(process.env.BENCH_COUNT ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET = 0.8;

export async function submissionBench(): Promise<{ ratio: number; target: number; met: boolean }> {
  const [env, t] = await Promise.all([startDevServer(), createTestDb('mysql')]);
  const taskQueue = `bench-${randomUUID()}`;
  const worker = await runWorker({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('./fixtures/bench-workflows'),
    db: t.db,
  });
  const api = await serveApi(t.db, env.client, taskQueue);
  const base = api.base;
  try {
    const token = await api.token('zhangwei');
    const { submit, submitAndWait } = submitters(base, token);
    const bare = async () => {
      await env.client.workflow.start('trivial', { taskQueue, workflowId: `trivial-${randomUUID()}` });
    };
    await measure(10, 5, submit); // warm-up: connections, caches, JIT
    await measure(10, 5, bare);
    const project: Round[] = [];
    const baseline: Round[] = [];
    const waiting: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      baseline.push(await measure(COUNT, CONCURRENCY, bare));
      project.push(await measure(COUNT, CONCURRENCY, submit));
      waiting.push(await measure(COUNT, CONCURRENCY, submitAndWait));
    }
    const p = summarize(project);
    const b = summarize(baseline);
    const w = summarize(waiting);
    const ratio = p.perSecond / b.perSecond;
    console.log(
      `\n1. Submission: ${COUNT} requests × ${ROUNDS} rounds, ${CONCURRENCY} in flight (medians of rounds)`,
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
      project: p,
      projectWaitingForRouting: w,
      baseline: b,
      ratio,
      ratioWaitingForRouting: w.perSecond / b.perSecond,
      target: TARGET,
      rounds_: { project, waiting, baseline },
    });
    console.log(`   written to ${file}`);
    return { ratio, target: TARGET, met: ratio >= TARGET };
  } finally {
    await api.close();
    await worker.stop();
    await env.teardown();
    await t.drop();
  }
}
