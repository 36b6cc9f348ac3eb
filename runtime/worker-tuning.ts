/**
 * The worker options govshare sets from its configuration (WORKER_*), in one place: the
 * production worker and the benchmarks that run a worker in their own process use the same.
 */
import type { WorkerOptions } from '@temporalio/worker';
import type { Config } from './config';

export function workerTuning(
  w: Config['worker'],
): Pick<
  WorkerOptions,
  'maxCachedWorkflows' | 'maxConcurrentActivityTaskExecutions' | 'workflowThreadPoolSize'
> {
  return {
    maxCachedWorkflows: w.maxCachedWorkflows,
    maxConcurrentActivityTaskExecutions: w.maxConcurrentActivities,
    workflowThreadPoolSize: w.workflowThreads,
  };
}
