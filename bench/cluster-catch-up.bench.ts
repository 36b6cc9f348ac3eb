/**
 * Benchmark 8: catch-up after an outage (benchmark 4) on a real Temporal cluster, as `npm run
 * cluster` runs it: govshare's API and workers as processes of their own. Conditional requests
 * open their provider-review tasks under the minute policy; every worker is stopped, and each
 * task's reminder, deadline and both escalation levels pass. Then one worker is started and timed
 * until every breach and escalation is recorded; the same again, with as many new tasks, for two
 * workers. The clock starts when the first restarted worker polls (its bundle built). The scale-out
 * factor is one worker's time ÷ two workers'. The target is benchmark 4's, at its rate: 10,000
 * tasks in 60 s. Baseline, the same way on the same cluster: bare workflows sleeping through the
 * outage, then running one activity.
 */
import { savePolicyVersion } from '../db/policy-repository';
import { lastEscalationAfterMs, minutePolicy } from '../scripts/harness/minute-policy';
import type { BenchApi } from './support/bench-api';
import {
  bareTimersCatchUp,
  deadlineMinutesFor,
  slaEvents,
  TARGET,
  targetSecondsFor,
  timeUntil,
  waitOutage,
} from './support/catch-up';
import { startClusterBench, type ClusterBench } from './support/cluster-bench';
import { openRequests } from './support/open-requests';
import { fmt, record } from './support/stats';

/** Fewer than benchmark 4's 10,000 by default: the cluster runs it twice, and opens cases no faster. */
const CASES = Number(process.env.BENCH_CLUSTER_CATCHUP_CASES ?? 2_000);
const DEADLINE_MINUTES = deadlineMinutesFor(CASES);
const LAST_ESCALATION_MS = lastEscalationAfterMs(minutePolicy(DEADLINE_MINUTES));

interface Phase {
  workers: number;
  seconds: number;
  breachSeconds: number;
  fillSeconds: number;
}

/** Opens `CASES` tasks with one worker, stops it, waits out their deadlines, restarts `workers`. */
async function catchUpWith(
  b: ClusterBench,
  api: Omit<BenchApi, 'close'>,
  token: string,
  workers: number,
): Promise<Phase> {
  b.startWorker();
  await b.pollers(1, Date.now());
  // This phase's deadlines all fall after now; the last phase's events all fell before.
  const fromMs = Date.now();
  const filling = performance.now();
  await openRequests(api, b.t.db, {
    count: CASES,
    concurrency: 20,
    token,
    label: `open tasks (for ${workers} worker${workers > 1 ? 's' : ''})`,
  });
  const fillSeconds = (performance.now() - filling) / 1000;
  await b.stopWorkers();
  const early = await slaEvents(b.t.db, 'breach', fromMs);
  if (early > 0)
    throw new Error(
      `${early} deadlines passed before the workers stopped (opening ${CASES} tasks took ${fmt(fillSeconds, 0)} s): raise BENCH_CATCHUP_DEADLINE_MINUTES`,
    );
  const lastDue = Number((await b.t.db('tasks').where({ status: 'open' }).max({ m: 'due_at_ms' }))[0].m);
  await waitOutage(
    lastDue + LAST_ESCALATION_MS + 10_000,
    'the last task\u2019s deadline and escalations pass',
  );

  const restart = Date.now();
  for (let i = 0; i < workers; i += 1) b.startWorker();
  await b.pollers(1, restart);
  const since = performance.now();
  const breachSeconds = await timeUntil(
    'breaches recorded',
    CASES,
    () => slaEvents(b.t.db, 'breach', fromMs),
    since,
  );
  const seconds = await timeUntil(
    'escalations recorded',
    2 * CASES,
    () => slaEvents(b.t.db, 'escalation', fromMs),
    since,
  );
  await b.stopWorkers();
  return { workers, seconds, breachSeconds, fillSeconds };
}

export async function clusterCatchUpBench() {
  const b = await startClusterBench('bench-catch-up');
  try {
    console.log(
      `\n8. Catch-up on the Temporal cluster: ${CASES} tasks whose ${DEADLINE_MINUTES}-minute deadlines pass while no worker runs, caught up by one worker, then ${CASES} more by two`,
    );
    const baseline = await bareTimersCatchUp(b.connection, b.client, CASES);
    console.log(
      `   baseline: ${CASES} sleepers started in ${fmt(baseline.startSeconds, 0)} s; caught up in ${fmt(baseline.seconds)} s`,
    );
    await savePolicyVersion(b.t.db, minutePolicy(DEADLINE_MINUTES));
    const api = await b.startApi();
    const token = await api.token('zhangwei');
    const phases = [await catchUpWith(b, api, token, 1), await catchUpWith(b, api, token, 2)];

    const targetSeconds = targetSecondsFor(CASES);
    const metBy = (p: Phase) => p.seconds <= targetSeconds;
    const targetText = `≤ ${fmt(targetSeconds)} s (${TARGET.cases} in ${TARGET.seconds} s)`;
    console.table({
      ...Object.fromEntries(
        phases.map((p) => [
          `govshare, ${p.workers} worker${p.workers > 1 ? 's' : ''}: ${CASES} breaches, ${2 * CASES} escalations`,
          {
            seconds: fmt(p.seconds),
            'per second': fmt((3 * CASES) / p.seconds, 0),
            target: `${targetText}: ${metBy(p) ? 'met' : 'MISSED'}`,
          },
        ]),
      ),
      [`baseline: ${CASES} bare timers, one activity each`]: {
        seconds: fmt(baseline.seconds),
        'per second': fmt(CASES / baseline.seconds, 0),
        target: '',
      },
    });
    const [one, two] = phases;
    const scaleOut = one.seconds / two.seconds;
    console.log(
      `   ${fmt(one.seconds / baseline.seconds, 2)}× the baseline's time with one worker; scale-out, two workers ÷ one: ${fmt(scaleOut, 2)}; ${CASES} tasks opened in ${fmt(one.fillSeconds, 0)} and ${fmt(two.fillSeconds, 0)} s`,
    );
    const met = phases.every(metBy);
    const file = record('cluster-catch-up', {
      cases: CASES,
      deadlineMinutes: DEADLINE_MINUTES,
      oneWorker: one,
      twoWorkers: two,
      baseline,
      scaleOut,
      target: { cases: TARGET.cases, seconds: TARGET.seconds, secondsForCases: targetSeconds },
      met: { oneWorker: metBy(one), twoWorkers: metBy(two) },
    });
    console.log(`   written to ${file}`);
    return { met };
  } finally {
    await b.close();
  }
}
