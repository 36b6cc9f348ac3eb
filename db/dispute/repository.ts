/** Disputes (异议协调, art. 21, 25), written by the dispute workflow. */
import type { Db } from '../connection';
import { pageOf } from '../paging';
import { localIso } from '../../domain/calendar/working-days';
import type { DisputeFacts, DisputeStatus, DisputeSubject } from '../../workflows/dispute/contract';
import type { CaseColumns } from '../case-repository';
import type { CaseSummarySpec } from '../case-summaries';
import { insertOnce } from '../insert-once';

export interface Dispute {
  id: string;
  workflowId: string;
  subjectType: DisputeSubject;
  subjectId: string;
  providerDepartment: string;
  consumerDepartment: string;
  openedBy: string;
  openedByDepartment: string;
  claim: string;
  status: DisputeStatus;
  currentStep: string | null;
  proposal: { by: string; department: string; text: string } | null;
  outcome: { stage: string; decision: string; text: string; by: string } | null;
  openedAt: string;
  updatedAt: string;
}

type Row = Record<string, unknown>;

function fromRow(r: Row): Dispute {
  return {
    id: r.id as string,
    workflowId: r.workflow_id as string,
    subjectType: r.subject_type as DisputeSubject,
    subjectId: r.subject_id as string,
    providerDepartment: r.provider_department as string,
    consumerDepartment: r.consumer_department as string,
    openedBy: r.opened_by as string,
    openedByDepartment: r.opened_by_department as string,
    claim: r.claim as string,
    status: r.status as DisputeStatus,
    currentStep: (r.current_step as string | null) ?? null,
    proposal: r.proposal ? JSON.parse(r.proposal as string) : null,
    outcome: r.outcome_decision
      ? {
          stage: r.outcome_stage as string,
          decision: r.outcome_decision as string,
          text: r.outcome_text as string,
          by: r.outcome_by as string,
        }
      : null,
    openedAt: localIso(r.opened_at_ms),
    updatedAt: localIso(r.updated_at_ms),
  };
}

export type NewDispute = Pick<
  Dispute,
  | 'id'
  | 'workflowId'
  | 'subjectType'
  | 'subjectId'
  | 'providerDepartment'
  | 'consumerDepartment'
  | 'openedBy'
  | 'openedByDepartment'
  | 'claim'
  | 'openedAt'
>;

/** Records a dispute once (its id follows from its subject and round); a retry writes nothing. */
export async function insertDispute(db: Db, d: NewDispute): Promise<void> {
  const at = Date.parse(d.openedAt);
  await insertOnce(
    db('disputes').insert({
      id: d.id,
      workflow_id: d.workflowId,
      subject_type: d.subjectType,
      subject_id: d.subjectId,
      provider_department: d.providerDepartment,
      consumer_department: d.consumerDepartment,
      opened_by: d.openedBy,
      opened_by_department: d.openedByDepartment,
      claim: d.claim,
      status: 'negotiation',
      opened_at_ms: at,
      updated_at_ms: at,
    }),
    'id',
  );
}

export async function getDispute(db: Db, id: string): Promise<Dispute | null> {
  const row = await db('disputes').where({ id }).first();
  return row ? fromRow(row) : null;
}

export async function disputeOfSubject(
  db: Db,
  subjectType: string,
  subjectId: string,
): Promise<Dispute | null> {
  const row = await db('disputes').where({ subject_type: subjectType, subject_id: subjectId }).first();
  return row ? fromRow(row) : null;
}

/** The columns a move's facts set on the dispute's row. */
export function disputeColumns(f: DisputeFacts): CaseColumns {
  return {
    ...(f.proposal ? { proposal: JSON.stringify(f.proposal) } : {}),
    ...(f.outcome
      ? {
          outcome_stage: f.outcome.stage,
          outcome_decision: f.outcome.decision,
          outcome_text: f.outcome.text,
          outcome_by: f.outcome.by,
        }
      : {}),
  };
}

/** The disputes over some subjects of one type, by subject id (a list's worth, in one query). */
export async function disputesOfSubjects(
  db: Db,
  subjectType: string,
  subjectIds: string[],
): Promise<Map<string, Pick<Dispute, 'id' | 'status' | 'outcome'>>> {
  const found = new Map<string, Pick<Dispute, 'id' | 'status' | 'outcome'>>();
  if (!subjectIds.length) return found;
  const rows = await db('disputes').where({ subject_type: subjectType }).whereIn('subject_id', subjectIds);
  for (const d of rows.map(fromRow))
    found.set(d.subjectId, { id: d.id, status: d.status, outcome: d.outcome });
  return found;
}

/** A page of disputes, newest first: those a department is party to, or all. */
export async function listDisputes(
  db: Db,
  f: { department?: string; status?: DisputeStatus; page: number; pageSize: number },
): Promise<{ items: Dispute[]; total: number }> {
  const q = db('disputes');
  if (f.department)
    q.where((w) =>
      w.where('consumer_department', f.department!).orWhere('provider_department', f.department!),
    );
  if (f.status) q.where('status', f.status);
  return pageOf(
    q,
    [
      { column: 'opened_at_ms', order: 'desc' },
      { column: 'id', order: 'desc' },
    ],
    f,
    fromRow,
  );
}

/** The inbox's summary of a dispute: either party disputes a request, a correction, a grant or an exchange. */
export const disputeSummary: CaseSummarySpec = {
  from: (db) => db('disputes'),
  id: 'disputes.id',
  requester: 'disputes.opened_by_department',
  subjectCode: 'disputes.subject_id',
  subjectTitle: null,
  openedAtMs: 'disputes.opened_at_ms',
  parties: ['disputes.consumer_department', 'disputes.provider_department'],
};
