/**
 * Benchmark 4: catching up after an outage. A policy version with minute-long
 * deadlines is put in force (the policy document takes minutes as well as
 * working days); 10,000 conditional requests open their provider-review
 * tasks; the worker is stopped, and every task's reminder, deadline and both
 * escalation levels pass while it is down. The worker is started again and
 * timed until every breach and escalation is recorded. Target: ≤ 60 s.
 * Baseline, in the same run and the same way: 10,000 bare workflows, each
 * sleeping on a timer that passes during the outage and then running one
 * activity (what Temporal alone needs to catch up).
 */
import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { WORKFLOW_BUNDLER_OPTIONS } from '../runtime/workflow-bundle';
import { parseConfig } from '../runtime/config';
import { workerTuning } from '../runtime/worker-tuning';
import { savePolicyVersion } from '../db/policy-repository';
import { createTestDb } from '../scripts/harness/databases';
import { lastEscalationAfterMs, minutePolicy } from '../scripts/harness/minute-policy';
import { startDevServer } from '../scripts/harness/servers';
import { serveApi } from './support/bench-api';
import {
  bareTimersCatchUp,
  deadlineMinutesFor,
  slaEvents,
  TARGET,
  timeUntil,
  waitOutage,
} from './support/catch-up';
import { openRequests } from './support/open-requests';
import { fmt, record } from './support/stats';

const CASES = Number(process.env.BENCH_CATCHUP_CASES ?? TARGET.cases);
const DEADLINE_MINUTES = deadlineMinutesFor(CASES);
const TARGET_SECONDS = TARGET.seconds;
const WORKFLOWS = require.resolve('./fixtures/bench-workflows');

export async function catchUpBench() {
  const [env, t] = await Promise.all([startDevServer(), createTestDb('mysql')]);
  const connection = env.nativeConnection;
  try {
    console.log(
      `\n4. Catch-up after an outage: ${CASES} open tasks whose ${DEADLINE_MINUTES}-minute deadlines pass while the worker is down`,
    );

    // Baseline: bare workflows sleeping through the outage.
    const baseline = await bareTimersCatchUp(connection, env.client, CASES);
    const baselineSeconds = baseline.seconds;
    console.log(
      `   baseline: ${CASES} sleepers started in ${fmt(baseline.startSeconds, 0)} s; caught up in ${fmt(baselineSeconds)} s`,
    );

    // The project: open tasks whose deadlines and escalations pass during the outage.
    const policy = minutePolicy(DEADLINE_MINUTES);
    const policyKey = await savePolicyVersion(t.db, policy);
    const queue = `bench-catch-up-${randomUUID()}`;
    const projectWorker = () =>
      Worker.create({
        connection,
        taskQueue: queue,
        workflowsPath: WORKFLOWS,
        bundlerOptions: WORKFLOW_BUNDLER_OPTIONS,
        activities: createActivities(t.db),
        ...workerTuning(parseConfig(process.env).worker),
      });
    let w = await projectWorker();
    let running = w.run();
    const api = await serveApi(t.db, env.client, queue);
    const filling = performance.now();
    await openRequests(api, t.db, {
      count: CASES,
      concurrency: 20,
      token: await api.token('zhangwei'),
      label: 'open tasks',
    });
    const fillSeconds = (performance.now() - filling) / 1000;
    w.shutdown();
    await running;
    await api.close();
    const early = await slaEvents(t.db, 'breach');
    if (early > 0)
      throw new Error(
        `${early} deadlines passed before the worker stopped (opening ${CASES} tasks took ${fmt(fillSeconds, 0)} s): raise BENCH_CATCHUP_DEADLINE_MINUTES`,
      );
    const policyCheck = await t
      .db('tasks')
      .where({ status: 'open', policy_key: policyKey })
      .count({ n: '*' });
    if (Number(policyCheck[0].n) !== CASES) throw new Error(`the tasks did not start under ${policyKey}`);
    const lastDue = Number((await t.db('tasks').where({ status: 'open' }).max({ m: 'due_at_ms' }))[0].m);
    await waitOutage(
      lastDue + lastEscalationAfterMs(policy) + 10_000,
      'the last task\u2019s deadline and escalations pass',
    );

    w = await projectWorker();
    const since = performance.now();
    running = w.run();
    const breachSeconds = await timeUntil('breaches recorded', CASES, () => slaEvents(t.db, 'breach'), since);
    const seconds = await timeUntil(
      'escalations recorded',
      2 * CASES,
      () => slaEvents(t.db, 'escalation'),
      since,
    );
    w.shutdown();
    await running;

    const met = seconds <= TARGET_SECONDS;
    console.table({
      [`govshare: ${CASES} breaches and ${2 * CASES} escalations`]: {
        seconds: fmt(seconds),
        'per second': fmt((3 * CASES) / seconds, 0),
        target: `≤ ${TARGET_SECONDS} s: ${met ? 'met' : 'MISSED'}`,
      },
      [`baseline: ${CASES} bare timers, one activity each`]: {
        seconds: fmt(baselineSeconds),
        'per second': fmt(CASES / baselineSeconds, 0),
        target: '',
      },
    });
    console.log(
      `   every breach recorded after ${fmt(breachSeconds)} s; ${fmt(seconds / baselineSeconds, 2)}× the baseline's time; ${CASES} tasks opened in ${fmt(fillSeconds, 0)} s`,
    );
    const file = record('catch-up', {
      cases: CASES,
      deadlineMinutes: DEADLINE_MINUTES,
      seconds,
      breachSeconds,
      baselineSeconds,
      ratio: seconds / baselineSeconds,
      fillSeconds,
      target: TARGET_SECONDS,
      met,
    });
    console.log(`   written to ${file}`);
    return { met };
  } finally {
    await env.teardown();
    await t.drop();
  }
}
