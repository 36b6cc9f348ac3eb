/**
 * The worker's workflow bundle: each process's workflow under its one name
 * (the registry's `name`, also its workflow-id prefix and GovshareProcess),
 * and under the type its cases had before that rule, so they keep running.
 * `processes/index.ts` lists the processes; a test holds this file to it.
 */
import { logCheckpoints } from './audit/workflow';
import { rollupCheck } from './rollups/workflow';
import { securityAgreement } from './security/agreement-workflow';
import { catalogueEntry } from './catalogue_entry/workflow';
import { resourceFreshness } from './resource_freshness/workflow';
import { catalogueUpdate } from './catalogue_update/workflow';
import { correctionFeedback } from './correction/workflow';
import { disputeCase } from './dispute/workflow';
import { securityIncident } from './security_incident/workflow';
import { sharingRequest } from './sharing_request/workflow';

export {
  sharingRequest as sharing_request,
  correctionFeedback as correction,
  disputeCase as dispute,
  catalogueUpdate as catalogue_update,
  securityIncident as security_incident,
  catalogueEntry as catalogue_entry,
  resourceFreshness as resource_freshness,
};

// The platform's own (workflows/platform-workflows.ts): the daily signing of the logs, the
// hourly rollup check, and each security agreement's reminder and expiry.
export {
  logCheckpoints as log_checkpoints,
  rollupCheck as rollup_check,
  securityAgreement as security_agreement,
};

// Workflow types of cases started before each process had one name.
export { sharingRequest, correctionFeedback, disputeCase, catalogueUpdate };
