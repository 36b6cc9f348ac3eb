/**
 * Making one of the platform's own Temporal Schedules (the logs' daily
 * signing, the rollup checks): made by the API on start, and several
 * APIs starting at once make it once. Each run starts its workflow on the
 * worker's task queue; a run still going when the next falls due is skipped.
 */
import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type CalendarSpec,
  type Client,
} from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { ZONE } from '../domain/calendar/working-days';

export interface PlatformSchedule {
  scheduleId: string;
  workflowType: string;
  /** When it runs, in Beijing time. */
  calendars: CalendarSpec[];
  /** How long after a missed run (the cluster was down) it still runs once. */
  catchupWindow: Duration;
  purpose: string;
  /** The workflow's arguments. */
  args?: unknown[];
}

export async function ensurePlatformSchedule(
  client: Client,
  taskQueue: string,
  s: PlatformSchedule,
): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create({
      scheduleId: s.scheduleId,
      spec: { calendars: s.calendars, timezone: ZONE },
      action: {
        type: 'startWorkflow',
        workflowType: s.workflowType,
        workflowId: s.scheduleId,
        taskQueue,
        args: s.args ?? [],
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: s.catchupWindow },
      memo: { purpose: s.purpose },
    });
    return 'created';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return 'exists';
    throw err;
  }
}
