/** This process's own activities as its workflow code calls them, with the shared timeout and retry policy. */
import { proxyActivities } from '@temporalio/workflow';
import type { createSharingActivities } from '../../activities/sharing_request/activities';
import { ACTIVITY_OPTIONS } from '../cases/activities-proxy';

export const own = proxyActivities<ReturnType<typeof createSharingActivities>>(ACTIVITY_OPTIONS);
