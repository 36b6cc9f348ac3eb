/** Latency percentiles, medians of rounds, a printed table and a JSON record under bench/results/. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface Round {
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Runs `count` calls of `op` with `concurrency` in flight; throughput and latency percentiles (ms). */
export async function measure(
  count: number,
  concurrency: number,
  op: (i: number) => Promise<unknown>,
): Promise<Round> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= count) return;
        const t0 = performance.now();
        await op(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: count / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

export function machine() {
  return {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  };
}

export function record(name: string, result: unknown): string {
  const dir = path.resolve(__dirname, '..', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const body = JSON.stringify({ name, at: new Date().toISOString(), machine: machine(), result }, null, 2);
  fs.writeFileSync(path.join(dir, `${name}.json`), body);
  return path.join('bench', 'results', `${name}.json`);
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

/** The median of each figure over several rounds. */
export function summarize(rounds: Round[]): Round {
  return {
    perSecond: median(rounds.map((x) => x.perSecond)),
    p50: median(rounds.map((x) => x.p50)),
    p95: median(rounds.map((x) => x.p95)),
    p99: median(rounds.map((x) => x.p99)),
  };
}

/** One measurement of an alternated run: `count` calls of `op`, `concurrency` in flight. */
export interface Measurement {
  count: number;
  concurrency: number;
  op: (i: number) => Promise<unknown>;
  /** Runs after the measurement, off the clock: e.g. waits for the work it left behind to finish. */
  settle?: () => Promise<void>;
}

/**
 * Runs every measurement once per round, in turn (a, b, c, a, b, c, …), so a slow stretch of
 * the machine falls on the project and its baseline alike; each one's medians, with its rounds.
 */
export async function alternatedRounds<K extends string>(
  times: number,
  plan: Record<K, Measurement>,
  progress: (round: number) => void = () => {},
): Promise<Record<K, Round & { rounds: Round[] }>> {
  const names = Object.keys(plan) as K[];
  const all = Object.fromEntries(names.map((k) => [k, [] as Round[]])) as Record<K, Round[]>;
  for (let r = 0; r < times; r++) {
    progress(r + 1);
    for (const k of names) {
      all[k].push(await measure(plan[k].count, plan[k].concurrency, plan[k].op));
      await plan[k].settle?.();
    }
  }
  return Object.fromEntries(names.map((k) => [k, { ...summarize(all[k]), rounds: all[k] }])) as Record<
    K,
    Round & { rounds: Round[] }
  >;
}

/** A row of a latency table: throughput and percentiles. */
export const latencyRow = (x: Round) => ({
  'req/s': fmt(x.perSecond),
  'p50 ms': fmt(x.p50),
  'p95 ms': fmt(x.p95),
  'p99 ms': fmt(x.p99),
});
