/** Signs a checkpoint of each log's head, once per run of the daily schedule. */
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { AuditActivities } from '../../activities/audit/checkpoint-activities';
import { ACTIVITY_OPTIONS } from '../cases/activities-proxy';
import type { SignedHead } from './contract';

const { signLogCheckpoints } = proxyActivities<AuditActivities>(ACTIVITY_OPTIONS);

export async function logCheckpoints(): Promise<SignedHead[]> {
  return signLogCheckpoints({ runId: workflowInfo().workflowId });
}
