/** Disputes (异议协调, art. 21, 25): negotiation, coordination, a binding ruling. */
import { createDisputeActivities } from '../activities/dispute/activities';
import { disputeRoutes } from '../api/dispute/routes';
import {
  DISPUTE_ID_PREFIX,
  DISPUTE_LABEL,
  DISPUTE_PROCESS,
  DISPUTE_STATUSES,
  DISPUTE_STEPS,
  LEGACY_DISPUTE_WORKFLOW,
} from '../workflows/dispute/contract';
import { revokeGrant } from '../workflows/sharing_request/contract';
import { disputeColumns, disputeSummary } from '../db/dispute/repository';
import type { ProcessModule } from './process-module';

export const disputeProcess: ProcessModule = {
  name: DISPUTE_PROCESS,
  label: DISPUTE_LABEL,
  caseIdPrefix: DISPUTE_ID_PREFIX,
  table: 'disputes',
  caseColumns: disputeColumns,
  summary: disputeSummary,
  statuses: DISPUTE_STATUSES,
  steps: DISPUTE_STEPS,
  legacyWorkflowTypes: [LEGACY_DISPUTE_WORKFLOW],
  activities: createDisputeActivities,
  routes: disputeRoutes,
  diagram: {
    policyOnly: [],
    interrupting: [DISPUTE_STEPS.negotiation],
    messages: { [revokeGrant.name]: [] },
    outcomes: ['resolved', 'ruled', 'grant_expired', 'grant_revoked'],
  },
};
