/** A department's catalogue update after a reform (目录更新, art. 9, 37), with the sanctions of art. 37. */
import { createCatalogueUpdateActivities } from '../activities/catalogue_update/activities';
import { catalogueUpdateRoutes } from '../api/catalogue_update/routes';
import {
  CATALOGUE_UPDATE_ID_PREFIX,
  CATALOGUE_UPDATE_LABEL,
  CATALOGUE_UPDATE_PROCESS,
  CATALOGUE_UPDATE_STEPS,
  catalogueChanged,
  decideResource,
  LEGACY_CATALOGUE_UPDATE_WORKFLOW,
  OBLIGATION_STATUSES,
} from '../workflows/catalogue_update/contract';
import { obligationColumns, obligationSummary } from '../db/catalogue_update/repository';
import type { ProcessModule } from './process-module';

export const catalogueUpdateProcess: ProcessModule = {
  name: CATALOGUE_UPDATE_PROCESS,
  label: CATALOGUE_UPDATE_LABEL,
  caseIdPrefix: CATALOGUE_UPDATE_ID_PREFIX,
  table: 'reform_obligations',
  caseColumns: obligationColumns,
  summary: obligationSummary,
  statuses: OBLIGATION_STATUSES,
  steps: CATALOGUE_UPDATE_STEPS,
  legacyWorkflowTypes: [LEGACY_CATALOGUE_UPDATE_WORKFLOW],
  activities: createCatalogueUpdateActivities,
  routes: catalogueUpdateRoutes,
  diagram: {
    policyOnly: [],
    interrupting: [],
    messages: {
      [catalogueChanged.name]: [CATALOGUE_UPDATE_STEPS.update, CATALOGUE_UPDATE_STEPS.rectification],
      [decideResource.name]: [CATALOGUE_UPDATE_STEPS.update, CATALOGUE_UPDATE_STEPS.rectification],
    },
    outcomes: ['met'],
  },
};
