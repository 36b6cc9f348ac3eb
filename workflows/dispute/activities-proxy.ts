/** This process's own activities as its workflow code calls them, with the shared timeout and retry policy. */
import { proxyActivities } from '@temporalio/workflow';
import type { createDisputeActivities } from '../../activities/dispute/activities';
import { ACTIVITY_OPTIONS } from '../cases/activities-proxy';

export const own = proxyActivities<ReturnType<typeof createDisputeActivities>>(ACTIVITY_OPTIONS);
