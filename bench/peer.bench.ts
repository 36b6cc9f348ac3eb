/**
 * Benchmark 6, the peer: govshare against Flowable 7.1, the embedded BPMN engine a city would
 * otherwise pick, on the same machine and the same PostgreSQL, driven over HTTP by this one load
 * generator. Both run the sharing request's approval shape: the provider's review with a
 * non-interrupting timer at its deadline, then the platform's review with one at its own (the
 * deadlines from govshare's policy document and working-day calendar, as dates).
 *
 * govshare runs as production does: the Temporal server's four services on PostgreSQL, the
 * worker and the API each a process of its own, MariaDB. Flowable runs as its own JVM
 * (bench/peer/flowable). Per step, at one and at ten in flight, rounds alternate the two:
 * - file a case (govshare's default waits until routing has opened the first task; the peer
 *   answers with its first task too);
 * - complete the first task (on cases filed before the clock starts);
 * - a case end to end: file, the provider approves, the platform approves (govshare's answer to
 *   the provider's approval names the platform's task; were it missing, the client would ask
 *   until it shows, and those waits are counted);
 * and bare `client.workflow.start` on the same cluster, Temporal's own floor.
 * Printed per step: govshare ÷ Flowable in throughput (target ≥ 1, ahead of the peer) and, at
 * one in flight, govshare's p50 ÷ bare Temporal's (target ≤ 2).
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { loadWorkingCalendar } from '../db/calendar-repository';
import { ZONE } from '../domain/calendar/working-days';
import { stepPolicy } from '../domain/policy/policy-document';
import { addDuration } from '../domain/sla/schedule';
import { freePort } from '../scripts/harness/free-port';
import { ensureFlowablePeer, postgresLogin } from '../scripts/provision';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '../seeds/default-policy';
import { postJson } from './support/bench-api';
import { startClusterBench } from './support/cluster-bench';
import { startFlowablePeer } from './support/flowable-peer';
import { treeRssMiB } from './support/process-memory';
import { submitters } from './support/submissions';
import { fmt, latencyRow, measure, record, summarize, type Round } from './support/stats';

const ROUNDS = Number(process.env.BENCH_PEER_ROUNDS ?? 5);
/** Cases per round at one in flight and at ten. */
const COUNTS: Record<number, number> = {
  1: Number(process.env.BENCH_PEER_COUNT_1 ?? 40),
  10: Number(process.env.BENCH_PEER_COUNT_10 ?? 100),
};
const STEPS = ['file', 'complete', 'case'] as const;
type Step = (typeof STEPS)[number];
const STEP_NAMES: Record<Step, string> = {
  file: 'file a case (answered with its first task)',
  complete: 'complete the first task',
  case: 'a case end to end (file + two approvals)',
};

/** One engine as the load generator sees it. */
interface Engine {
  /** Files a case; its id and first task. */
  file(): Promise<{ id: string; task: string }>;
  /** The provider approves `task`; the platform's task, once the client sees it. */
  approveFirst(c: { id: string; task: string }): Promise<string>;
  /** The platform approves `task`. */
  approveLast(task: string): Promise<void>;
}

function flowableEngine(base: string, dues: { providerDue: string; platformDue: string }): Engine {
  return {
    async file() {
      const b = await postJson(`${base}/cases`, {
        requester: 'civil-affairs',
        provider: 'hr-social-security',
        ...dues,
      });
      return { id: b.id as string, task: (b.currentTask as { id: string }).id };
    },
    async approveFirst(c) {
      const b = await postJson(`${base}/tasks/${c.task}/complete`, { decision: 'approve' });
      return (b.next as { id: string }).id;
    },
    async approveLast(task) {
      await postJson(`${base}/tasks/${task}/complete`, { decision: 'approve' });
    },
  };
}

function govshareEngine(base: string, tokens: Record<string, string>, waits: { count: number }): Engine {
  const { submitAndWait } = submitters(base, tokens.zhangwei);
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const complete = (who: string, task: string) =>
    postJson(`${base}/api/tasks/${task}/complete`, { decision: 'approve', reason: '符合条件' }, as(who));
  return {
    async file() {
      const b = await submitAndWait();
      if (!b.currentTask) throw new Error(`request ${b.id} answered without its first task`);
      return { id: b.id, task: b.currentTask.id };
    },
    async approveFirst(c) {
      const answer = (await complete('zhaoqiang', c.task)) as { opened?: { id: string; step: string }[] };
      // The answer names the task the decision opened; a case whose workflow opens it later
      // (one started before that) is asked until it shows.
      const opened = answer.opened?.find((t) => t.step === 'platform_review');
      if (opened) return opened.id;
      for (;;) {
        const res = await fetch(`${base}/api/requests/${c.id}`, { headers: as('chenjing') });
        const b = (await res.json()) as { currentTask: { id: string; step: string } | null };
        if (res.status === 200 && b.currentTask?.step === 'platform_review') return b.currentTask.id;
        waits.count += 1;
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async approveLast(task) {
      await complete('chenjing', task);
    },
  };
}

/** One round of each step on `engine`, `count` cases at `concurrency` in flight. */
async function round(engine: Engine, count: number, concurrency: number): Promise<Record<Step, Round>> {
  const file = await measure(count, concurrency, () => engine.file());
  const filed: { id: string; task: string }[] = [];
  await measure(count, concurrency, async (i) => {
    filed[i] = await engine.file();
  });
  const complete = await measure(count, concurrency, (i) => engine.approveFirst(filed[i]));
  const whole = await measure(count, concurrency, async () => {
    const c = await engine.file();
    await engine.approveLast(await engine.approveFirst(c));
  });
  return { file, complete, case: whole };
}

interface AtConcurrency {
  concurrency: number;
  count: number;
  govshare: Record<Step, Round>;
  flowable: Record<Step, Round>;
  bare: Round;
  ratios: Record<Step, number>;
  /** Times a client asked for the platform's task before it was there, per provider approval. */
  platformTaskWaitsPerCase: number;
}

export async function peerBench(): Promise<AtConcurrency[]> {
  const pg = postgresLogin(process.env.TEST_POSTGRES_URL!);
  const classpath = await ensureFlowablePeer();
  const b = await startClusterBench('bench-peer');
  const { t, bare } = b;
  const peer = await startFlowablePeer({
    classpath,
    postgres: pg,
    database: `govshare_peer_${randomUUID().slice(0, 8)}`,
    port: await freePort(),
  }).catch(async (err) => {
    await b.close();
    throw err;
  });
  try {
    const worker = b.startWorker();
    const api = await b.startApi();
    const base = api.base;
    const tokens: Record<string, string> = {};
    for (const who of ['zhangwei', 'zhaoqiang', 'chenjing']) tokens[who] = await api.token(who);

    const now = DateTime.now().setZone(ZONE);
    const calendar = await loadWorkingCalendar(t.db, [now.year, now.year + 1]);
    const policy = loadPolicyFile(DEFAULT_POLICY_FILE);
    const due = (step: string) =>
      addDuration(now.toISO()!, stepPolicy(policy, 'sharing_request', step).deadline, calendar).deadline;
    const waits = { count: 0 };
    const engines = {
      govshare: govshareEngine(base, tokens, waits),
      flowable: flowableEngine(peer.base, {
        providerDue: due('provider_review'),
        platformDue: due('platform_review'),
      }),
    };
    // Warm-up, not measured: connections, caches, the JIT of both, the worker's bundle.
    for (const e of Object.values(engines)) await round(e, 10, 2);
    await measure(20, 5, bare);

    const results: AtConcurrency[] = [];
    for (const concurrency of [1, 10]) {
      const count = COUNTS[concurrency];
      const rounds = {
        govshare: [] as Record<Step, Round>[],
        flowable: [] as Record<Step, Round>[],
        bare: [] as Round[],
      };
      const waitsBefore = waits.count;
      for (let r = 0; r < ROUNDS; r++) {
        process.stdout.write(`   peer, ${concurrency} in flight: round ${r + 1} of ${ROUNDS}\n`);
        // Alternated, and the first to go changes each round.
        const order = r % 2 === 0 ? (['govshare', 'flowable'] as const) : (['flowable', 'govshare'] as const);
        for (const name of order) rounds[name].push(await round(engines[name], count, concurrency));
        rounds.bare.push(await measure(count, concurrency, bare));
      }
      const pick = (name: 'govshare' | 'flowable') =>
        Object.fromEntries(STEPS.map((s) => [s, summarize(rounds[name].map((x) => x[s]))])) as Record<
          Step,
          Round
        >;
      const g = pick('govshare');
      const f = pick('flowable');
      results.push({
        concurrency,
        count,
        govshare: g,
        flowable: f,
        bare: summarize(rounds.bare),
        ratios: Object.fromEntries(STEPS.map((s) => [s, g[s].perSecond / f[s].perSecond])) as Record<
          Step,
          number
        >,
        platformTaskWaitsPerCase: (waits.count - waitsBefore) / (ROUNDS * count * 2),
      });
    }
    const memory = { govshareWorkerMiB: treeRssMiB(worker), flowableJvmMiB: treeRssMiB(peer.pid) };

    console.log(
      `\n6. The peer: govshare on the Temporal cluster (one worker, API in its own process) against Flowable 7.1 (embedded, own JVM), same PostgreSQL, ${ROUNDS} rounds alternated (medians of rounds)`,
    );
    for (const r of results) {
      console.log(`   ${r.concurrency} in flight, ${r.count} cases a round:`);
      console.table(
        Object.fromEntries([
          ...STEPS.flatMap((s) => [
            [`govshare: ${STEP_NAMES[s]}`, latencyRow(r.govshare[s])],
            [`Flowable: ${STEP_NAMES[s]}`, latencyRow(r.flowable[s])],
          ]),
          ['bare client.workflow.start', latencyRow(r.bare)],
        ]),
      );
      for (const s of STEPS) {
        const ratio = r.ratios[s];
        const overBare = r.govshare[s].p50 / r.bare.p50;
        console.log(
          `   ${STEP_NAMES[s]}: govshare ÷ Flowable ${fmt(ratio, 2)} (target ≥ 1) ${ratio >= 1 ? 'met' : 'MISSED'}` +
            (r.concurrency === 1 && s !== 'case'
              ? `; p50 ÷ bare workflow.start ${fmt(overBare, 1)} (target ≤ 2) ${overBare <= 2 ? 'met' : 'MISSED'}`
              : ''),
        );
      }
      console.log(
        `   after the provider's approval, the client asked ${fmt(r.platformTaskWaitsPerCase, 1)} times (every 20 ms) before the platform's task showed`,
      );
    }
    console.log(
      `   resident memory at the end: govshare worker ${fmt(memory.govshareWorkerMiB, 0)} MiB, Flowable JVM ${fmt(memory.flowableJvmMiB, 0)} MiB`,
    );
    const file = record('peer', { rounds: ROUNDS, counts: COUNTS, results, memory });
    console.log(`   written to ${file}`);
    return results;
  } finally {
    await peer.stop();
    await b.close();
  }
}
