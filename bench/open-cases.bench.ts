/**
 * Benchmark 3: 10,000 open sharing requests waiting on approvers. The worker
 * runs as its own process (runtime/worker.ts, as in production), and its
 * resident memory (the process tree's RSS, from /proc) is sampled with a few
 * cases open and again with 10,000 open. Completing a provider-review task
 * through POST /api/tasks/:id/complete is timed both ways too: the baseline
 * is the same completion with only the baseline's cases open, in the same run.
 * Targets: worker RSS ≤ 1 GiB with 10,000 open; completion latency reported.
 */
import { randomUUID } from 'node:crypto';
import { createTestDb } from '../scripts/harness/databases';
import { startDevServer } from '../scripts/harness/servers';
import { startWorkerProcess } from '../scripts/harness/runtime-processes';
import { serveApi } from './support/bench-api';
import { openRequests } from './support/open-requests';
import {
  approveProviderReview,
  BASELINE_CASES,
  COMPLETIONS,
  OPEN_CASES,
  TARGET_RSS_MIB,
} from './support/provider-reviews';
import { treeRssMiB } from './support/process-memory';
import { fmt, latencyRow, measure, record } from './support/stats';
import { stopChild } from '../scripts/stop-child';

const OPEN = OPEN_CASES;

export async function openCasesBench() {
  const [env, t] = await Promise.all([startDevServer(), createTestDb('mysql')]);
  const taskQueue = `bench-open-${randomUUID()}`;
  const worker = startWorkerProcess({ temporalAddress: env.address, databaseUrl: t.location, taskQueue });
  const api = await serveApi(t.db, env.client, taskQueue);
  let peakMiB = 0;
  const sampler = setInterval(() => (peakMiB = Math.max(peakMiB, treeRssMiB(worker.pid!))), 1000);
  try {
    const [requester, reviewer] = await Promise.all([api.token('zhangwei'), api.token('zhaoqiang')]);
    const complete = approveProviderReview(api, reviewer);

    console.log(`\n3. Open cases: ${OPEN} conditional requests waiting on the provider's review`);
    const few = await openRequests(api, t.db, {
      count: BASELINE_CASES,
      concurrency: 10,
      token: requester,
      label: 'baseline cases',
    });
    const rssFew = treeRssMiB(worker.pid!);
    const baseline = await measure(few.length, 4, complete(few));

    const submitting = performance.now();
    const many = await openRequests(api, t.db, {
      count: OPEN,
      concurrency: 20,
      token: requester,
      label: 'open cases',
    });
    const fillSeconds = (performance.now() - submitting) / 1000;
    await new Promise((r) => setTimeout(r, 5000)); // let the worker settle before sampling
    const rssMany = treeRssMiB(worker.pid!);
    const loaded = await measure(COMPLETIONS, 4, complete(many));
    const rssAfter = treeRssMiB(worker.pid!);

    const met = Math.max(rssMany, rssAfter, peakMiB) <= TARGET_RSS_MIB;
    console.table({
      [`worker RSS, ${BASELINE_CASES} open (baseline)`]: { MiB: fmt(rssFew, 0), target: '' },
      [`worker RSS, ${OPEN} open`]: {
        MiB: fmt(rssMany, 0),
        target: `≤ ${TARGET_RSS_MIB} MiB: ${met ? 'met' : 'MISSED'}`,
      },
      [`worker RSS, peak while filling and completing`]: { MiB: fmt(peakMiB, 0), target: '' },
    });
    console.table({
      [`complete a task, ${BASELINE_CASES} open (baseline)`]: latencyRow(baseline),
      [`complete a task, ${OPEN} open`]: latencyRow(loaded),
    });
    console.log(
      `   memory ${fmt(rssMany / rssFew, 2)}× the baseline's; completion p95 ${fmt(loaded.p95 / baseline.p95, 2)}× the baseline's; ${OPEN} cases opened in ${fmt(fillSeconds, 0)} s (${fmt(OPEN / fillSeconds)} /s)`,
    );
    const file = record('open-cases', {
      open: OPEN,
      baselineCases: BASELINE_CASES,
      rssMiB: { baseline: rssFew, open: rssMany, afterCompletions: rssAfter, peak: peakMiB },
      completion: { baseline, loaded },
      fillSeconds,
      target: { rssMiB: TARGET_RSS_MIB },
      met,
    });
    console.log(`   written to ${file}`);
    return { met };
  } finally {
    clearInterval(sampler);
    await stopChild(worker);
    await api.close();
    await env.teardown();
    await t.drop();
  }
}
