/** Security incidents (安全事件, art. 31): a department reports; the information-security authority handles it. */
import { securityIncidentRoutes } from '../api/security_incident/routes';
import { incidentColumns, incidentSummary } from '../db/security_incident/repository';
import {
  SECURITY_INCIDENT_ID_PREFIX,
  SECURITY_INCIDENT_LABEL,
  SECURITY_INCIDENT_PROCESS,
  SECURITY_INCIDENT_STATUSES,
  SECURITY_INCIDENT_STEPS,
} from '../workflows/security_incident/contract';
import type { ProcessModule } from './process-module';

export const securityIncidentProcess: ProcessModule = {
  name: SECURITY_INCIDENT_PROCESS,
  label: SECURITY_INCIDENT_LABEL,
  caseIdPrefix: SECURITY_INCIDENT_ID_PREFIX,
  table: 'security_incidents',
  caseColumns: incidentColumns,
  summary: incidentSummary,
  statuses: SECURITY_INCIDENT_STATUSES,
  steps: SECURITY_INCIDENT_STEPS,
  legacyWorkflowTypes: [],
  routes: securityIncidentRoutes,
  diagram: { policyOnly: [], interrupting: [], messages: {}, outcomes: ['resolved'] },
};
