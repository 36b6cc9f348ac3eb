/** Checks rollups against a fresh count (the open work's or all), once per run of a schedule. */
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { RollupActivities } from '../../activities/rollups/recount-activities';
import type { RollupCheckInput, RollupCheckResult } from './contract';

// A fresh count reads every open task and every done one: minutes at a large city's scale.
const { checkRollups } = proxyActivities<RollupActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

export async function rollupCheck(input: RollupCheckInput = { scope: 'all' }): Promise<RollupCheckResult> {
  // Keyed by the run: two runs the schedule starts in one second share a workflow id.
  return checkRollups({ runId: workflowInfo().runId, scope: input.scope });
}
