/**
 * What the API and the security-incident workflow (安全事件, art. 31) exchange.
 * A department reports a security problem in its shared data; it becomes a
 * case for the information-security authority, who handles it within the
 * policy's period (a platform default: the article sets none), escalating like
 * every step; the reporting department is told the outcome.
 */
import type { Actor } from '../../domain/roles';

/** The process's one name: workflow type, workflow-id prefix, GovshareProcess and the API's processType. */
export const SECURITY_INCIDENT_PROCESS = 'security_incident';
export const SECURITY_INCIDENT_LABEL = { zh: '安全事件', en: 'Security incident' } as const;
/** The prefix of an incident's id, e.g. SI-20261125-7K3M9Q. */
export const SECURITY_INCIDENT_ID_PREFIX = 'SI';

export const SECURITY_INCIDENT_STEPS = { handling: 'handling' } as const;

export const SECURITY_INCIDENT_STATUSES = ['handling', 'resolved'] as const;
export type SecurityIncidentStatus = (typeof SECURITY_INCIDENT_STATUSES)[number];

export const INCIDENT_SEVERITIES = ['low', 'medium', 'high'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

export function securityIncidentWorkflowId(incidentId: string): string {
  return `${SECURITY_INCIDENT_PROCESS}-${incidentId}`;
}

export interface SecurityIncidentInput {
  incidentId: string;
  /** The reporting department: the party whose data service node or shared data is affected. */
  department: string;
  title: string;
  severity: IncidentSeverity;
  reportedBy: Actor;
  reportedAt: string;
}

/** What a move records about the incident besides its status: how it was resolved. */
export interface SecurityIncidentFacts {
  resolution?: string;
}
