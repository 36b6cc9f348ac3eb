/**
 * The worker's heap cap. Node sizes its heap from the machine's memory (about 4 GB on 24 GiB),
 * and V8 keeps garbage while the limit is far off, so an uncapped worker grew past 1 GiB while
 * filling with cases. Capped (`--max-old-space-size`, which binds the workflow thread's heap too),
 * it collects sooner and stays flat: 565 MiB at 3,000 open cases, peak 570 (`npm run bench --
 * open-cases`). A process can set its heap cap only when it starts, so whatever starts a worker
 * passes these options: `npm start`, `npm run cluster`, the tests' and benchmarks' harness, and in
 * production the service definition (README, "Production on a Temporal cluster").
 */
import v8 from 'node:v8';

/** NODE_OPTIONS for a worker process: the given options with the heap cap, unless they already set one. */
export function workerNodeOptions(heapMiB: number, nodeOptions = process.env.NODE_OPTIONS ?? ''): string {
  if (/--max-old-space-size[= ]/.test(nodeOptions)) return nodeOptions;
  return `${nodeOptions} --max-old-space-size=${heapMiB}`.trim();
}

/** The heap limit this process runs with, in MiB. */
export function heapLimitMiB(): number {
  return Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20);
}
