/**
 * What the catch-up benchmarks (on the dev server and on the cluster) share: the minute policy's
 * deadline for a number of cases, waiting out an outage with progress, timing until the SLA events
 * are recorded, and the baseline: bare workflows whose timers pass while their worker is down.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { Worker, type NativeConnection } from '@temporalio/worker';
import type { Db } from '../../db/connection';
import { WORKFLOW_BUNDLER_OPTIONS } from '../../runtime/workflow-bundle';
import { parseConfig } from '../../runtime/config';
import { workerTuning } from '../../runtime/worker-tuning';
import { fmt } from './stats';

/** The target: 10,000 overdue tasks caught up within 60 s after a worker outage. */
export const TARGET = { cases: 10_000, seconds: 60 };

/** The target's time for `cases` tasks, at its rate. */
export const targetSecondsFor = (cases: number) => (TARGET.seconds * cases) / TARGET.cases;

/**
 * Every task must open before the first deadline passes: on this 2-core machine 20 to 30 cases
 * open a second, so allow a minute for each 1,000 and three more.
 */
export const deadlineMinutesFor = (cases: number) =>
  Number(process.env.BENCH_CATCHUP_DEADLINE_MINUTES ?? Math.max(5, Math.ceil(cases / 1000) + 3));

const WORKFLOWS = require.resolve('../fixtures/bench-workflows');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `probe` reaches `total`, printing progress; returns the seconds it took from `since`. */
export async function timeUntil(what: string, total: number, probe: () => Promise<number>, since: number) {
  let printed = Date.now();
  for (;;) {
    const n = await probe();
    if (n >= total) return (performance.now() - since) / 1000;
    if (Date.now() - printed > 5_000) {
      process.stdout.write(
        `   ${what}: ${n}/${total} after ${fmt((performance.now() - since) / 1000, 0)} s\n`,
      );
      printed = Date.now();
    }
    if (performance.now() - since > 900_000) throw new Error(`${what}: only ${n}/${total} after 15 minutes`);
    await sleep(250);
  }
}

/** Waits until `untilMs`, saying every 30 s what it waits for. */
export async function waitOutage(untilMs: number, what: string) {
  while (Date.now() < untilMs) {
    process.stdout.write(`   worker stopped; ${what} in ${Math.ceil((untilMs - Date.now()) / 1000)} s\n`);
    await sleep(Math.min(30_000, untilMs - Date.now()));
  }
}

/** SLA events of a kind recorded, for deadlines from `fromMs` on. */
export const slaEvents = async (db: Db, kind: string, fromMs = 0) =>
  Number((await db('sla_events').where({ kind }).where('at_ms', '>=', fromMs).count({ n: '*' }))[0].n);

/**
 * The baseline: `cases` bare workflows, each sleeping on a one-minute timer that passes while
 * their worker is down, then running one activity. Timed from when the restarted worker polls
 * (its bundle built) until every one has woken.
 */
export async function bareTimersCatchUp(
  connection: NativeConnection,
  client: Client,
  cases: number,
): Promise<{ seconds: number; startSeconds: number }> {
  const taskQueue = `bench-sleepers-${randomUUID()}`;
  let arrived = 0;
  let woke = 0;
  const worker = () =>
    Worker.create({
      connection,
      namespace: client.options.namespace,
      taskQueue,
      workflowsPath: WORKFLOWS,
      bundlerOptions: WORKFLOW_BUNDLER_OPTIONS,
      activities: { arrived: async () => void (arrived += 1), woke: async () => void (woke += 1) },
      // Tuned as govshare's own worker is, so the two differ only in what their workflows do.
      ...workerTuning(parseConfig(process.env).worker),
    });
  let w = await worker();
  let running = w.run();
  const sleepMs = 60_000;
  const starting = performance.now();
  for (let i = 0; i < cases; i += 100)
    await Promise.all(
      Array.from({ length: Math.min(100, cases - i) }, () =>
        client.workflow.start('sleeper', {
          taskQueue,
          workflowId: `sleeper-${randomUUID()}`,
          args: [sleepMs],
        }),
      ),
    );
  await timeUntil('baseline workflows started', cases, async () => arrived, starting);
  const startSeconds = (performance.now() - starting) / 1000;
  w.shutdown();
  await running;
  await waitOutage(Date.now() + sleepMs + 10_000, 'the last baseline timer passes');
  // The clock starts once the worker's bundle is built, when it begins to poll.
  w = await worker();
  const since = performance.now();
  running = w.run();
  const seconds = await timeUntil('baseline caught up', cases, async () => woke, since);
  w.shutdown();
  await running;
  return { seconds, startSeconds };
}
