/**
 * What the workflows' histories on the cluster say about a fault: the activities that
 * were attempted more than once (an ActivityTaskStarted event records the attempt
 * that completed) and the workflow tasks that timed out or failed on a lost worker.
 */
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const EventType = temporal.api.enums.v1.EventType;

export interface RetriedActivity {
  workflowId: string;
  activityType: string;
  attempt: number;
}

async function eachHistory(
  client: Client,
  workflowType: string,
  visit: (workflowId: string, events: temporal.api.history.v1.IHistoryEvent[]) => void,
): Promise<void> {
  for await (const w of client.workflow.list({ query: `WorkflowType="${workflowType}"` })) {
    const history = await client.workflow.getHandle(w.workflowId, w.runId).fetchHistory();
    visit(w.workflowId, history.events ?? []);
  }
}

export async function retriedActivities(client: Client, workflowType: string): Promise<RetriedActivity[]> {
  const retried: RetriedActivity[] = [];
  await eachHistory(client, workflowType, (workflowId, events) => {
    const scheduled = new Map<string, string>();
    for (const e of events) {
      if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        scheduled.set(String(e.eventId), e.activityTaskScheduledEventAttributes?.activityType?.name ?? '?');
      const started = e.activityTaskStartedEventAttributes;
      if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED && (started?.attempt ?? 1) > 1)
        retried.push({
          workflowId,
          activityType: scheduled.get(String(started?.scheduledEventId)) ?? '?',
          attempt: started!.attempt!,
        });
    }
  });
  return retried;
}

/** Workflow tasks that timed out or failed (e.g. on a worker that was killed holding them). */
export async function lostWorkflowTasks(client: Client, workflowType: string): Promise<number> {
  let lost = 0;
  await eachHistory(client, workflowType, (_id, events) => {
    lost += events.filter(
      (e) =>
        e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT ||
        e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED,
    ).length;
  });
  return lost;
}
