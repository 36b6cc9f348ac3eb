/** Catalogue entry review (目录编制审核, art. 7, 9): drafts reviewed, 核定 where needed, then published. */
import { createCatalogueEntryActivities } from '../activities/catalogue_entry/activities';
import { catalogueEntryRoutes } from '../api/catalogue_entry/routes';
import { draftColumns, draftSummary } from '../db/catalogue_entry/repository';
import {
  CATALOGUE_ENTRY_ID_PREFIX,
  CATALOGUE_ENTRY_LABEL,
  CATALOGUE_ENTRY_PROCESS,
  CATALOGUE_ENTRY_STATUSES,
  CATALOGUE_ENTRY_STEPS,
} from '../workflows/catalogue_entry/contract';
import type { ProcessModule } from './process-module';

export const catalogueEntryProcess: ProcessModule = {
  name: CATALOGUE_ENTRY_PROCESS,
  label: CATALOGUE_ENTRY_LABEL,
  caseIdPrefix: CATALOGUE_ENTRY_ID_PREFIX,
  table: 'catalogue_drafts',
  caseColumns: draftColumns,
  summary: draftSummary,
  statuses: CATALOGUE_ENTRY_STATUSES,
  steps: CATALOGUE_ENTRY_STEPS,
  legacyWorkflowTypes: [],
  activities: createCatalogueEntryActivities,
  routes: catalogueEntryRoutes,
  diagram: { policyOnly: [], interrupting: [], messages: {}, outcomes: ['published', 'withdrawn'] },
};
