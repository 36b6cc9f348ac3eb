/** Corrections (数据纠错, art. 24): the row the API files and the workflow moves on. */
import type { Db } from '../connection';
import { pageOf } from '../paging';
import { localIso } from '../../domain/calendar/working-days';
import type { CorrectionFacts, CorrectionStatus } from '../../workflows/correction/contract';
import type { CaseColumns } from '../case-repository';
import type { CaseSummarySpec } from '../case-summaries';
import { insertOnce } from '../insert-once';

export interface Correction {
  id: string;
  workflowId: string;
  resourceCode: string;
  grantId: string | null;
  consumerDepartment: string;
  providerDepartment: string;
  filedBy: string;
  /** The filer's Idempotency-Key and the hash of what was filed with it (none on corrections filed before keys). */
  idempotencyKey: string | null;
  payloadHash: string | null;
  discoveredAt: string;
  filedAt: string;
  filingDeadline: string;
  late: boolean;
  items: string[];
  description: string;
  evidence: string;
  status: CorrectionStatus;
  currentStep: string | null;
  replyDecision: string | null;
  replyText: string | null;
  updatedAt: string;
}

type Row = Record<string, unknown>;

function fromRow(r: Row): Correction {
  return {
    id: r.id as string,
    workflowId: r.workflow_id as string,
    resourceCode: r.resource_code as string,
    grantId: (r.grant_id as string | null) ?? null,
    consumerDepartment: r.consumer_department as string,
    providerDepartment: r.provider_department as string,
    filedBy: r.filed_by as string,
    idempotencyKey: (r.idempotency_key as string | null) ?? null,
    payloadHash: (r.payload_hash as string | null) ?? null,
    discoveredAt: r.discovered_at as string,
    filedAt: localIso(r.filed_at_ms),
    filingDeadline: r.filing_deadline as string,
    late: Boolean(r.late),
    items: JSON.parse(r.items as string),
    description: r.description as string,
    evidence: r.evidence as string,
    status: r.status as CorrectionStatus,
    currentStep: (r.current_step as string | null) ?? null,
    replyDecision: (r.reply_decision as string | null) ?? null,
    replyText: (r.reply_text as string | null) ?? null,
    updatedAt: localIso(r.updated_at_ms),
  };
}

export type NewCorrection = Omit<
  Correction,
  'status' | 'currentStep' | 'replyDecision' | 'replyText' | 'updatedAt'
>;

/**
 * Stores a new correction under its filer's Idempotency-Key and answers the
 * stored row: this one, or the one a concurrent filing with the same key stored first.
 */
export async function insertCorrection(
  db: Db,
  c: NewCorrection & { idempotencyKey: string; payloadHash: string },
): Promise<Correction> {
  const at = Date.parse(c.filedAt);
  await insertOnce(
    db('corrections').insert({
      id: c.id,
      workflow_id: c.workflowId,
      resource_code: c.resourceCode,
      grant_id: c.grantId,
      consumer_department: c.consumerDepartment,
      provider_department: c.providerDepartment,
      filed_by: c.filedBy,
      idempotency_key: c.idempotencyKey,
      payload_hash: c.payloadHash,
      discovered_at: c.discoveredAt,
      filed_at_ms: at,
      filing_deadline: c.filingDeadline,
      late: c.late,
      items: JSON.stringify(c.items),
      description: c.description,
      evidence: c.evidence,
      status: 'provider_reply',
      updated_at_ms: at,
    }),
    ['filed_by', 'idempotency_key'],
  );
  return (await findCorrectionByKey(db, c.filedBy, c.idempotencyKey))!;
}

export async function findCorrectionByKey(db: Db, username: string, key: string): Promise<Correction | null> {
  const row = await db('corrections').where({ filed_by: username, idempotency_key: key }).first();
  return row ? fromRow(row) : null;
}

export async function getCorrection(db: Db, id: string): Promise<Correction | null> {
  const row = await db('corrections').where({ id }).first();
  return row ? fromRow(row) : null;
}

/** The columns a move's facts set on the correction's row. */
export function correctionColumns(f: CorrectionFacts): CaseColumns {
  return f.reply ? { reply_decision: f.reply.decision, reply_text: f.reply.text } : {};
}

/** A page of corrections, newest first: a department's (filed or received), or all. */
export async function listCorrections(
  db: Db,
  f: { department?: string; status?: CorrectionStatus; page: number; pageSize: number },
): Promise<{ items: Correction[]; total: number }> {
  const q = db('corrections');
  if (f.department)
    q.where((w) =>
      w.where('consumer_department', f.department!).orWhere('provider_department', f.department!),
    );
  if (f.status) q.where('status', f.status);
  return pageOf(
    q,
    [
      { column: 'filed_at_ms', order: 'desc' },
      { column: 'id', order: 'desc' },
    ],
    f,
    fromRow,
  );
}

/** The corrections filed on some grants (a request's), oldest first. */
export async function correctionsOfGrants(db: Db, grantIds: string[]): Promise<Correction[]> {
  if (!grantIds.length) return [];
  return (await db('corrections').whereIn('grant_id', grantIds).orderBy('filed_at_ms')).map(fromRow);
}

/** The inbox's summary of a correction: the consumer reports errors in a resource. */
export const correctionSummary: CaseSummarySpec = {
  from: (db) => db('corrections').leftJoin('resources', 'resources.code', 'corrections.resource_code'),
  id: 'corrections.id',
  requester: 'corrections.consumer_department',
  subjectCode: 'corrections.resource_code',
  subjectTitle: 'resources.name',
  openedAtMs: 'corrections.filed_at_ms',
  parties: ['corrections.consumer_department', 'corrections.provider_department'],
};
