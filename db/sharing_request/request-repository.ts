/**
 * The sharing-request read model: the row the API writes on submission, the
 * state and timeline the workflow's activities write (idempotently, keyed by
 * event ids from the workflow), and the queries behind lists and detail pages.
 */
import { localIso } from '../../domain/calendar/working-days';
import type { Db } from '../connection';
import { pageOf } from '../paging';
import { countRequest } from '../sla-rollup-repository';
import type { Knex } from 'knex';
import { withRollups, type RollupChanges } from '../rollup-counts';
import type { RequestStatus, SharingRequestFacts } from '../../workflows/sharing_request/contract';
import type { CaseColumns } from '../case-repository';
import type { CaseSummarySpec } from '../case-summaries';
import { insertOnce } from '../insert-once';

export interface RequestRow {
  id: string;
  workflowId: string;
  requestedBy: string;
  idempotencyKey: string;
  payloadHash: string;
  resourceCode: string;
  /** The catalogue entry's version the request was made against; null before versions were kept. */
  resourceVersion: number | null;
  /** The policy version (its key) the filing was checked against; null for requests filed before it was kept. */
  policyKey: string | null;
  shareType: string;
  consumerDepartment: string;
  providerDepartment: string;
  items: string[];
  purpose: string;
  basis: string;
  answers: Record<string, string>;
  /** The conditions' questions as the catalogue put them when the request was made; null before they were kept. */
  questions: { id: string; question: string }[] | null;
  usageFrom: string;
  usageTo: string;
  status: RequestStatus;
  currentStep: string | null;
  decisionReason: string | null;
  submittedAt: string;
  updatedAt: string;
}

type Row = Record<string, unknown>;

function fromRow(r: Row): RequestRow {
  return {
    id: r.id as string,
    workflowId: r.workflow_id as string,
    requestedBy: r.requested_by as string,
    idempotencyKey: r.idempotency_key as string,
    payloadHash: r.payload_hash as string,
    resourceCode: r.resource_code as string,
    resourceVersion: r.resource_version == null ? null : Number(r.resource_version),
    policyKey: (r.policy_key as string | null) ?? null,
    shareType: r.share_type as string,
    consumerDepartment: r.consumer_department as string,
    providerDepartment: r.provider_department as string,
    items: JSON.parse(r.items as string),
    purpose: r.purpose as string,
    basis: r.basis as string,
    answers: JSON.parse(r.answers as string),
    questions: r.questions ? JSON.parse(r.questions as string) : null,
    usageFrom: r.usage_from as string,
    usageTo: r.usage_to as string,
    status: r.status as RequestStatus,
    currentStep: (r.current_step as string | null) ?? null,
    decisionReason: (r.decision_reason as string | null) ?? null,
    submittedAt: localIso(r.submitted_at_ms),
    updatedAt: localIso(r.updated_at_ms),
  };
}

export type NewRequest = Omit<
  RequestRow,
  'status' | 'currentStep' | 'decisionReason' | 'updatedAt' | 'questions' | 'resourceVersion' | 'policyKey'
> & {
  questions?: RequestRow['questions'];
  resourceVersion?: RequestRow['resourceVersion'];
  policyKey?: RequestRow['policyKey'];
};

/**
 * Inserts a submitted request unless the same user already used this
 * idempotency key; returns the request stored under that key either way.
 */
/**
 * Stores a request with its daily count, or finds the one the same requester
 * stored under the same key. `alsoIfNew` runs in the same transaction only
 * when this call stored it (the submission's audit entry), so a retry never
 * writes it twice and a stored request never lacks it. It runs after the daily
 * count, so the audit log's head is taken last, as a rollup recount takes it:
 * a filing during a recount waits for it instead of deadlocking with it.
 */
export async function insertRequest(
  db: Db,
  r: NewRequest,
  alsoIfNew: (trx: Db) => Promise<void> = async () => {},
): Promise<RequestRow> {
  const at = Date.parse(r.submittedAt);
  let isNew = false;
  const store = async (trx: Knex.Transaction, rollups: RollupChanges): Promise<RequestRow> => {
    await insertOnce(
      trx('sharing_requests').insert({
        id: r.id,
        workflow_id: r.workflowId,
        requested_by: r.requestedBy,
        idempotency_key: r.idempotencyKey,
        payload_hash: r.payloadHash,
        resource_code: r.resourceCode,
        resource_version: r.resourceVersion ?? null,
        policy_key: r.policyKey ?? null,
        share_type: r.shareType,
        consumer_department: r.consumerDepartment,
        provider_department: r.providerDepartment,
        items: JSON.stringify(r.items),
        purpose: r.purpose,
        basis: r.basis,
        answers: JSON.stringify(r.answers),
        questions: r.questions ? JSON.stringify(r.questions) : null,
        usage_from: r.usageFrom,
        usage_to: r.usageTo,
        status: 'submitted',
        submitted_at_ms: at,
        updated_at_ms: at,
      }),
      ['requested_by', 'idempotency_key'],
    );
    const stored = (await findRequestByKey(trx, r.requestedBy, r.idempotencyKey))!;
    if (stored.id === r.id) {
      countRequest(rollups, {
        submittedAtMs: at,
        consumerDepartment: r.consumerDepartment,
        providerDepartment: r.providerDepartment,
      });
      isNew = true;
    }
    return stored;
  };
  return withRollups(db, store, undefined, (trx) => (isNew ? alsoIfNew(trx) : Promise.resolve()));
}

export async function findRequestByKey(db: Db, username: string, key: string): Promise<RequestRow | null> {
  const row = await db('sharing_requests').where({ requested_by: username, idempotency_key: key }).first();
  return row ? fromRow(row) : null;
}

export async function getRequest(db: Db, id: string): Promise<RequestRow | null> {
  const row = await db('sharing_requests').where({ id }).first();
  return row ? fromRow(row) : null;
}

export interface RequestFilter {
  /** Only requests this department made or provides; undefined for city roles, who see all. */
  department?: string;
  status?: string;
  resourceCode?: string;
  consumer?: string;
  provider?: string;
  page: number;
  pageSize: number;
}

export async function listRequests(
  db: Db,
  f: RequestFilter,
): Promise<{ items: RequestRow[]; total: number }> {
  const q = db('sharing_requests');
  if (f.department)
    q.where((w) =>
      w.where('consumer_department', f.department!).orWhere('provider_department', f.department!),
    );
  if (f.status) q.where('status', f.status);
  if (f.resourceCode) q.where('resource_code', f.resourceCode);
  if (f.consumer) q.where('consumer_department', f.consumer);
  if (f.provider) q.where('provider_department', f.provider);
  return pageOf(
    q,
    [
      { column: 'submitted_at_ms', order: 'desc' },
      { column: 'id', order: 'desc' },
    ],
    f,
    fromRow,
  );
}

/** The columns a move's facts set on the request's row. */
export function requestColumns(f: SharingRequestFacts): CaseColumns {
  return f.decisionReason === undefined ? {} : { decision_reason: f.decisionReason };
}

/** The inbox's summary of a sharing request: the consumer asks for a resource. */
export const sharingRequestSummary: CaseSummarySpec = {
  from: (db) =>
    db('sharing_requests').leftJoin('resources', 'resources.code', 'sharing_requests.resource_code'),
  id: 'sharing_requests.id',
  requester: 'sharing_requests.consumer_department',
  subjectCode: 'sharing_requests.resource_code',
  subjectTitle: 'resources.name',
  openedAtMs: 'sharing_requests.submitted_at_ms',
  parties: ['sharing_requests.consumer_department', 'sharing_requests.provider_department'],
};
