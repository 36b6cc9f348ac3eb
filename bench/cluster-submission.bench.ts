/**
 * Benchmark 5: submission (benchmark 1) on a real Temporal cluster — the server's
 * four services as processes of their own on PostgreSQL, as `npm run cluster` runs
 * them — with govshare's workers and API as processes of their own, first one
 * worker, then two.
 * Each round alternates bare `client.workflow.start` of a trivial workflow (the
 * baseline, on the same cluster), `POST /api/requests` with `Prefer: respond-async`
 * and the default that waits for routing. Target: the async submission's throughput
 * at least 0.8 of the baseline's. The scale-out factor is two workers ÷ one.
 */
import { startClusterBench } from './support/cluster-bench';
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

export async function clusterSubmissionBench(): Promise<Measured[]> {
  const b = await startClusterBench('bench-submission');
  const { bare } = b;
  const workers: number[] = [];
  const results: Measured[] = [];
  try {
    const api = await b.startApi();
    const { submit, submitAndWait } = submitters(api.base, await api.token('zhangwei'));

    for (const count of [1, 2]) {
      while (workers.length < count) workers.push(b.startWorker());
      await b.pollers(count);
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
      `\n5. Submission on the Temporal cluster (PostgreSQL, four service processes): ${COUNT} requests × ${ROUNDS} rounds, ${CONCURRENCY} in flight, worker(s) and the API as their own processes (medians of rounds)`,
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
    await b.close();
  }
}
