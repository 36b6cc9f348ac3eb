/**
 * The Temporal Schedule that signs the logs' heads every day at 00:10 Beijing
 * time (art. 32). A day missed while the cluster was down is signed when it is back.
 */
import type { Client } from '@temporalio/client';
import { LOG_CHECKPOINT_SCHEDULE, LOG_CHECKPOINT_WORKFLOW } from '../workflows/audit/contract';
import { ensurePlatformSchedule } from './platform-schedule';

export const ensureLogCheckpointSchedule = (client: Client, taskQueue: string) =>
  ensurePlatformSchedule(client, taskQueue, {
    scheduleId: LOG_CHECKPOINT_SCHEDULE,
    workflowType: LOG_CHECKPOINT_WORKFLOW,
    calendars: [{ hour: 0, minute: 10 }],
    catchupWindow: '1 day',
    purpose: 'Signs the heads of the audit and exchange logs (art. 32, 33)',
  });
