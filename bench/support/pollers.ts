/** Waits until workers poll a task queue, so a measurement never meets a worker still bundling. */
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export async function waitForPollers(client: Client, taskQueue: string, count: number): Promise<void> {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    const d = await client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: taskQueue },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    if ((d.pollers ?? []).length >= count) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${count} worker(s) did not poll ${taskQueue} within 120 s`);
}
