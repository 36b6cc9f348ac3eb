/**
 * The shared activities (SLA, case state, policy) as workflow code calls them,
 * and the one timeout and retry policy every activity proxy uses. A process's
 * own activities have a proxy in its folder, typed by its activities module.
 */
import { proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type { SharedActivities } from '../../activities/shared';

export const ACTIVITY_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
};

export const acts = proxyActivities<SharedActivities>(ACTIVITY_OPTIONS);
