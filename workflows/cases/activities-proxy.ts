/**
 * The shared activities (SLA, case state, policy) as workflow code calls them,
 * and the one timeout and retry policy every activity proxy uses. A process's
 * own activities have a proxy in its folder, typed by its activities module.
 *
 * The shared activities are short, idempotent writes and reads keyed by the
 * workflow's ids, so they run as local activities: in the worker, within the
 * workflow task that calls them, recorded as markers. Routing a request (state,
 * policy, deadline, task, state again) is then one workflow task instead of a
 * round trip through the Temporal server for each. Cases started before
 * (patch CASE_WRITES_LOCAL) keep calling them as activities.
 */
import {
  patched,
  type ActivityInterfaceFor,
  proxyActivities,
  proxyLocalActivities,
  type ActivityOptions,
  type LocalActivityOptions,
} from '@temporalio/workflow';
import type { SharedActivities } from '../../activities/shared';
import { withHeldWritesFirst } from './held-writes';
import { CASE_WRITES_LOCAL } from './patches';

export const ACTIVITY_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
};

/** The same timeout and retries; a backoff past 10 s waits on a durable timer, not in the worker. */
const LOCAL_ACTIVITY_OPTIONS: LocalActivityOptions = {
  startToCloseTimeout: ACTIVITY_OPTIONS.startToCloseTimeout,
  retry: ACTIVITY_OPTIONS.retry,
  localRetryThreshold: '10 seconds',
};

const remote = proxyActivities<SharedActivities>(ACTIVITY_OPTIONS);
const local = proxyLocalActivities<SharedActivities>(LOCAL_ACTIVITY_OPTIONS);

/**
 * Chooses at each call, in the workflow's context: a case that has the patch runs them locally.
 * A write held for the case's next one is made first if this call does not carry it (./held-writes.ts).
 */
export const acts = withHeldWritesFirst(
  new Proxy({} as SharedActivities, {
    get: (_target, name: string) =>
      (patched(CASE_WRITES_LOCAL) ? local : remote)[name as keyof SharedActivities],
  }),
);

/** A process's own activities (`own` in its folder), with the same options and the same care for held writes. */
export function ownActivities<A extends object>(): ActivityInterfaceFor<A> {
  return withHeldWritesFirst(proxyActivities<A>(ACTIVITY_OPTIONS));
}
