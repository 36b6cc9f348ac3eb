/**
 * Benchmark 7: open cases (benchmark 3) on a real Temporal cluster, as `npm run cluster` runs it:
 * govshare's API and workers as processes of their own, the workers' heaps capped as production
 * caps them. 10,000 conditional requests are filled in with one worker; the worker's resident
 * memory is sampled with the baseline's 200 open and with 10,000, and its peak while filling.
 * Completing provider-review tasks is timed with one worker, then again after a second worker has
 * joined; the scale-out factor is two workers ÷ one. Target: each worker's RSS ≤ 1 GiB.
 */
import { startClusterBench } from './support/cluster-bench';
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

const OPEN = OPEN_CASES;

export async function clusterOpenCasesBench() {
  const b = await startClusterBench('bench-open-cases');
  const workers = [b.startWorker()];
  const peaks = new Map<number, number>();
  const sample = () => {
    for (const pid of workers) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, treeRssMiB(pid)));
  };
  const sampler = setInterval(sample, 1000);
  try {
    const api = await b.startApi();
    await b.pollers(1);
    const [requester, reviewer] = await Promise.all([api.token('zhangwei'), api.token('zhaoqiang')]);
    const complete = approveProviderReview(api, reviewer);

    console.log(`\n7. Open cases on the Temporal cluster: ${OPEN} conditional requests, one worker then two`);
    const few = await openRequests(api, b.t.db, {
      count: BASELINE_CASES,
      concurrency: 10,
      token: requester,
      label: 'baseline cases',
    });
    const rssFew = treeRssMiB(workers[0]);
    const baseline = await measure(few.length, 4, complete(few));

    const filling = performance.now();
    const many = await openRequests(api, b.t.db, {
      count: OPEN,
      concurrency: 20,
      token: requester,
      label: 'open cases',
    });
    const fillSeconds = (performance.now() - filling) / 1000;
    await new Promise((r) => setTimeout(r, 5000)); // let the worker settle before sampling
    const rssMany = treeRssMiB(workers[0]);
    const oneWorker = await measure(COMPLETIONS, 4, complete(many.slice(0, COMPLETIONS)));
    workers.push(b.startWorker());
    await b.pollers(2);
    const rest = many.slice(COMPLETIONS, 2 * COMPLETIONS);
    const twoWorkers = await measure(rest.length, 4, complete(rest));
    sample();
    const rssTwo = workers.map((pid) => treeRssMiB(pid));

    const peak = Math.max(...peaks.values());
    const met = Math.max(rssMany, peak, ...rssTwo) <= TARGET_RSS_MIB;
    console.table({
      [`worker RSS, ${BASELINE_CASES} open (baseline)`]: { MiB: fmt(rssFew, 0), target: '' },
      [`worker RSS, ${OPEN} open, one worker`]: {
        MiB: fmt(rssMany, 0),
        target: `≤ ${TARGET_RSS_MIB} MiB: ${met ? 'met' : 'MISSED'}`,
      },
      [`worker RSS after completions, two workers`]: {
        MiB: rssTwo.map((m) => fmt(m, 0)).join(' / '),
        target: '',
      },
      [`worker RSS, peak of either`]: { MiB: fmt(peak, 0), target: '' },
    });
    console.table({
      [`complete a task, ${BASELINE_CASES} open (baseline)`]: latencyRow(baseline),
      [`complete a task, ${OPEN} open, one worker`]: latencyRow(oneWorker),
      [`complete a task, ${OPEN} open, two workers`]: latencyRow(twoWorkers),
    });
    const scaleOut = twoWorkers.perSecond / oneWorker.perSecond;
    console.log(
      `   ${OPEN} cases opened in ${fmt(fillSeconds, 0)} s (${fmt(OPEN / fillSeconds)} /s); completion p95 ${fmt(oneWorker.p95 / baseline.p95, 2)}× the baseline's; scale-out, two workers ÷ one: ${fmt(scaleOut, 2)}`,
    );
    const file = record('cluster-open-cases', {
      open: OPEN,
      baselineCases: BASELINE_CASES,
      rssMiB: { baseline: rssFew, open: rssMany, twoWorkers: rssTwo, peak },
      completion: { baseline, oneWorker, twoWorkers },
      fillSeconds,
      scaleOut,
      target: { rssMiB: TARGET_RSS_MIB },
      met,
    });
    console.log(`   written to ${file}`);
    return { met };
  } finally {
    clearInterval(sampler);
    await b.close();
  }
}
