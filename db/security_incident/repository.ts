/** Security incidents (安全事件, art. 31): the row the API files and the workflow moves on. */
import type { Db } from '../connection';
import { localIso } from '../../domain/calendar/working-days';
import type {
  IncidentSeverity,
  SecurityIncidentFacts,
  SecurityIncidentStatus,
} from '../../workflows/security_incident/contract';
import type { CaseColumns } from '../case-repository';
import type { CaseSummarySpec } from '../case-summaries';
import { insertOnce } from '../insert-once';

export interface SecurityIncident {
  id: string;
  workflowId: string;
  department: string;
  title: string;
  severity: IncidentSeverity;
  occurredAt: string;
  description: string;
  reportedBy: string;
  payloadHash: string;
  status: SecurityIncidentStatus;
  currentStep: string | null;
  resolution: string | null;
  reportedAt: string;
}

const fromRow = (r: Record<string, unknown>): SecurityIncident => ({
  id: r.id as string,
  workflowId: r.workflow_id as string,
  department: r.department_code as string,
  title: r.title as string,
  severity: r.severity as IncidentSeverity,
  occurredAt: r.occurred_at as string,
  description: r.description as string,
  reportedBy: r.reported_by as string,
  payloadHash: r.payload_hash as string,
  status: r.status as SecurityIncidentStatus,
  currentStep: (r.current_step as string | null) ?? null,
  resolution: (r.resolution as string | null) ?? null,
  reportedAt: localIso(r.reported_at_ms),
});

/** Stores a new incident under its reporter's Idempotency-Key; answers the stored row (this, or an earlier one with the key). */
export async function insertIncident(
  db: Db,
  i: Omit<SecurityIncident, 'status' | 'currentStep' | 'resolution' | 'reportedAt'> & {
    idempotencyKey: string;
    reportedAtMs: number;
  },
): Promise<SecurityIncident> {
  await insertOnce(
    db('security_incidents').insert({
      id: i.id,
      workflow_id: i.workflowId,
      department_code: i.department,
      title: i.title,
      severity: i.severity,
      occurred_at: i.occurredAt,
      description: i.description,
      reported_by: i.reportedBy,
      idempotency_key: i.idempotencyKey,
      payload_hash: i.payloadHash,
      status: 'handling',
      reported_at_ms: i.reportedAtMs,
      updated_at_ms: i.reportedAtMs,
    }),
    ['reported_by', 'idempotency_key'],
  );
  return (await findIncidentByKey(db, i.reportedBy, i.idempotencyKey))!;
}

export async function findIncidentByKey(
  db: Db,
  username: string,
  key: string,
): Promise<SecurityIncident | null> {
  const row = await db('security_incidents').where({ reported_by: username, idempotency_key: key }).first();
  return row ? fromRow(row) : null;
}

export async function getIncident(db: Db, id: string): Promise<SecurityIncident | null> {
  const row = await db('security_incidents').where({ id }).first();
  return row ? fromRow(row) : null;
}

/** The columns a move's facts set on the incident's row. */
export function incidentColumns(f: SecurityIncidentFacts): CaseColumns {
  return f.resolution !== undefined ? { resolution: f.resolution } : {};
}

/** The inbox's summary of a security incident: the department that reports it. */
export const incidentSummary: CaseSummarySpec = {
  from: (db) => db('security_incidents'),
  id: 'security_incidents.id',
  requester: 'security_incidents.department_code',
  subjectCode: null,
  subjectTitle: 'security_incidents.title',
  openedAtMs: 'security_incidents.reported_at_ms',
  parties: ['security_incidents.department_code'],
};
