/** The sharing request (共享申请, art. 21–23) and the grants it makes. */
import { createSharingActivities } from '../activities/sharing_request/activities';
import { grantRoutes } from '../api/sharing_request/grant-routes';
import { requestRoutes } from '../api/sharing_request/routes';
import {
  LEGACY_SHARING_REQUEST_WORKFLOW,
  REQUEST_STATUSES,
  revokeGrant,
  SHARING_REQUEST_ID_PREFIX,
  SHARING_REQUEST_LABEL,
  SHARING_REQUEST_PROCESS,
  SHARING_STEPS,
  withdrawRequest,
} from '../workflows/sharing_request/contract';
import { requestColumns, sharingRequestSummary } from '../db/sharing_request/request-repository';
import { resourceRetired, resourceTransferred } from '../workflows/catalogue_update/contract';
import type { ProcessModule } from './process-module';

export const sharingRequestProcess: ProcessModule = {
  name: SHARING_REQUEST_PROCESS,
  label: SHARING_REQUEST_LABEL,
  caseIdPrefix: SHARING_REQUEST_ID_PREFIX,
  table: 'sharing_requests',
  caseColumns: requestColumns,
  summary: sharingRequestSummary,
  statuses: REQUEST_STATUSES,
  steps: SHARING_STEPS,
  legacyWorkflowTypes: [LEGACY_SHARING_REQUEST_WORKFLOW],
  activities: createSharingActivities,
  routes: (router, registry, deps) => {
    requestRoutes(router, registry, deps);
    grantRoutes(router, registry, deps);
  },
  diagram: {
    policyOnly: [],
    interrupting: [],
    messages: {
      [withdrawRequest.name]: Object.values(SHARING_STEPS),
      [revokeGrant.name]: [],
      // A reform's decision on the resource (art. 9): drawn where it ends or moves the grant.
      [resourceRetired.name]: [],
      [resourceTransferred.name]: [],
    },
    outcomes: ['denied', 'withdrawn', 'grant_expired', 'grant_revoked'],
  },
};
