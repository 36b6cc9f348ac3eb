/**
 * The Temporal Schedules that check the rollups against a fresh count and
 * recount any that drifted (workflows/rollups): the open work's every hour at
 * 25 minutes past, so rows written around the application reach the inbox
 * within the hour; every rollup every night at 03:55, as counting the history
 * afresh reads every done task and request. Platform settings, not policy
 * numbers.
 */
import type { Client } from '@temporalio/client';
import {
  ROLLUP_CHECK_SCHEDULE,
  ROLLUP_CHECK_WORKFLOW,
  ROLLUP_FULL_CHECK_SCHEDULE,
  type RollupCheckInput,
} from '../workflows/rollups/contract';
import { ensurePlatformSchedule } from './platform-schedule';

export async function ensureRollupCheckSchedules(
  client: Client,
  taskQueue: string,
): Promise<('created' | 'exists')[]> {
  return Promise.all([
    ensurePlatformSchedule(client, taskQueue, {
      scheduleId: ROLLUP_CHECK_SCHEDULE,
      workflowType: ROLLUP_CHECK_WORKFLOW,
      calendars: [{ hour: { start: 0, end: 23 }, minute: 25 }], // an hour left out would default to 0 (daily)
      catchupWindow: '1 hour',
      purpose:
        "Checks the inbox's and the dashboard's counts of open work against a fresh count, and recounts any that drifted",
      args: [{ scope: 'open-work' } satisfies RollupCheckInput],
    }),
    ensurePlatformSchedule(client, taskQueue, {
      scheduleId: ROLLUP_FULL_CHECK_SCHEDULE,
      workflowType: ROLLUP_CHECK_WORKFLOW,
      calendars: [{ hour: 3, minute: 55 }],
      catchupWindow: '1 day',
      purpose:
        "Checks every one of the dashboard's and the inbox's counts against a fresh count, and recounts any that drifted",
      args: [{ scope: 'all' } satisfies RollupCheckInput],
    }),
  ]);
}
