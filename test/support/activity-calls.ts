/**
 * The activities a workflow's history shows it called, in order, by type: those scheduled through
 * the Temporal server and those it ran as local activities (each recorded as a marker once done).
 */
import type { temporal } from '@temporalio/proto';

const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

export function activityCalls(events: temporal.api.history.v1.IHistoryEvent[]): string[] {
  return events.flatMap((e) => {
    const scheduled = e.activityTaskScheduledEventAttributes?.activityType?.name;
    if (scheduled) return [scheduled];
    const marker = e.markerRecordedEventAttributes;
    const data =
      marker?.markerName === LOCAL_ACTIVITY_MARKER ? marker.details?.data?.payloads?.[0]?.data : null;
    if (!data) return [];
    return [(JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type: string }).activity_type];
  });
}
