/** Data freshness (数据更新时效, art. 20): an entry's data due again by its update cycle, and the steward's task when it is not. */
import { freshnessRoutes } from '../api/resource_freshness/routes';
import { freshnessColumns, freshnessSummary } from '../db/resource_freshness/repository';
import {
  dataUpdated,
  RESOURCE_FRESHNESS_ID_PREFIX,
  RESOURCE_FRESHNESS_LABEL,
  RESOURCE_FRESHNESS_PROCESS,
  RESOURCE_FRESHNESS_STATUSES,
  RESOURCE_FRESHNESS_STEPS,
} from '../workflows/resource_freshness/contract';
import { resourceRetired, resourceTransferred } from '../workflows/catalogue_update/contract';
import type { ProcessModule } from './process-module';

export const resourceFreshnessProcess: ProcessModule = {
  name: RESOURCE_FRESHNESS_PROCESS,
  label: RESOURCE_FRESHNESS_LABEL,
  caseIdPrefix: RESOURCE_FRESHNESS_ID_PREFIX,
  table: 'resource_freshness',
  caseColumns: freshnessColumns,
  summary: freshnessSummary,
  statuses: RESOURCE_FRESHNESS_STATUSES,
  steps: RESOURCE_FRESHNESS_STEPS,
  legacyWorkflowTypes: [],
  routes: freshnessRoutes,
  diagram: {
    policyOnly: [],
    interrupting: [],
    messages: {
      [dataUpdated.name]: [RESOURCE_FRESHNESS_STEPS.refresh],
      [resourceTransferred.name]: [RESOURCE_FRESHNESS_STEPS.refresh],
      [resourceRetired.name]: [],
    },
    outcomes: ['retired'],
  },
};
