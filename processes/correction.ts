/** Correction feedback (数据纠错, art. 24). */
import { correctionRoutes } from '../api/correction/routes';
import {
  CORRECTION_ID_PREFIX,
  CORRECTION_LABEL,
  CORRECTION_PROCESS,
  CORRECTION_STATUSES,
  CORRECTION_STEPS,
  LEGACY_CORRECTION_WORKFLOW,
} from '../workflows/correction/contract';
import { correctionColumns, correctionSummary } from '../db/correction/repository';
import type { ProcessModule } from './process-module';

export const correctionProcess: ProcessModule = {
  name: CORRECTION_PROCESS,
  label: CORRECTION_LABEL,
  caseIdPrefix: CORRECTION_ID_PREFIX,
  table: 'corrections',
  caseColumns: correctionColumns,
  summary: correctionSummary,
  statuses: CORRECTION_STATUSES,
  steps: CORRECTION_STEPS,
  legacyWorkflowTypes: [LEGACY_CORRECTION_WORKFLOW],
  routes: correctionRoutes,
  diagram: {
    policyOnly: ['filing'],
    interrupting: [],
    messages: {},
    outcomes: ['accepted', 'resolved', 'upheld'],
  },
};
