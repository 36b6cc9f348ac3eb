/** Waits until workers poll a task queue, so a measurement never meets a worker still bundling. */
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

/**
 * Resolves once `count` workers poll `taskQueue`. The server lists a stopped worker's poller for
 * a few minutes after, so after a restart pass `since` (ms): only pollers seen since then count.
 */
export async function waitForPollers(
  client: Client,
  taskQueue: string,
  count: number,
  since = 0,
): Promise<void> {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    const d = await client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: taskQueue },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    const seenMs = (p: temporal.api.taskqueue.v1.IPollerInfo) =>
      Number(p.lastAccessTime?.seconds ?? 0) * 1000 + Math.floor((p.lastAccessTime?.nanos ?? 0) / 1e6);
    if ((d.pollers ?? []).filter((p) => seenMs(p) >= since).length >= count) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${count} worker(s) did not poll ${taskQueue} within 120 s`);
}
