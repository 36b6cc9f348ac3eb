/**
 * The Temporal Schedule that signs the logs' heads every day at 00:10 Beijing
 * time (art. 32). Made by the API on start; several APIs starting at once make
 * it once. A day missed while the cluster was down is signed when it is back.
 */
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { ZONE } from '../domain/calendar/working-days';
import { LOG_CHECKPOINT_SCHEDULE, LOG_CHECKPOINT_WORKFLOW } from '../workflows/audit/contract';

export async function ensureLogCheckpointSchedule(
  client: Client,
  taskQueue: string,
): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create({
      scheduleId: LOG_CHECKPOINT_SCHEDULE,
      spec: { calendars: [{ hour: 0, minute: 10 }], timezone: ZONE },
      action: {
        type: 'startWorkflow',
        workflowType: LOG_CHECKPOINT_WORKFLOW,
        workflowId: LOG_CHECKPOINT_SCHEDULE,
        taskQueue,
        args: [],
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
      memo: { purpose: 'Signs the heads of the audit and exchange logs (art. 32, 33)' },
    });
    return 'created';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return 'exists';
    throw err;
  }
}
