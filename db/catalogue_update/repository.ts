/** Reforms, each department's catalogue-update obligation, and the sanctions of art. 37. */
import type { Db } from '../connection';
import { pageOf } from '../paging';
import { localIso } from '../../domain/calendar/working-days';
import type {
  ObligationFacts,
  ObligationStatus,
  ReformTrigger,
  SanctionKind,
} from '../../workflows/catalogue_update/contract';
import type { CaseColumns } from '../case-repository';
import type { CaseSummarySpec } from '../case-summaries';
import { insertOnce } from '../insert-once';

export interface Reform {
  id: string;
  title: string;
  /** What set it off: a reform across departments, or a department's own change of duties or of the law. */
  trigger: ReformTrigger;
  effectiveDate: string;
  description: string;
  registeredBy: string;
  idempotencyKey: string;
  registeredAt: string;
}

export interface Obligation {
  id: string;
  reformId: string;
  department: string;
  workflowId: string;
  status: ObligationStatus;
  currentStep: string | null;
  metHow: string | null;
  metNote: string | null;
  metAt: string | null;
  updatedAt: string;
}

export interface Sanction {
  id: string;
  department: string;
  kind: SanctionKind;
  caseType: string;
  caseId: string;
  reason: string;
  at: string;
  liftedAt: string | null;
  liftedBy: string | null;
}

type Row = Record<string, unknown>;

export async function insertReform(
  db: Db,
  r: Reform,
  obligations: Pick<Obligation, 'id' | 'department' | 'workflowId'>[],
): Promise<void> {
  const at = Date.parse(r.registeredAt);
  await db.transaction(async (trx) => {
    await trx('reforms').insert({
      id: r.id,
      title: r.title,
      trigger_kind: r.trigger,
      effective_date: r.effectiveDate,
      description: r.description,
      registered_by: r.registeredBy,
      idempotency_key: r.idempotencyKey,
      registered_at_ms: at,
    });
    await trx('reform_obligations').insert(
      obligations.map((o) => ({
        id: o.id,
        reform_id: r.id,
        department_code: o.department,
        workflow_id: o.workflowId,
        status: 'open',
        updated_at_ms: at,
      })),
    );
  });
}

export async function deleteReform(db: Db, id: string): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('obligation_resources')
      .whereIn('obligation_id', trx('reform_obligations').select('id').where({ reform_id: id }))
      .delete();
    await trx('reform_obligations').where({ reform_id: id }).delete();
    await trx('reforms').where({ id }).delete();
  });
}

function reformFromRow(r: Row): Reform {
  return {
    id: r.id as string,
    title: r.title as string,
    trigger: r.trigger_kind as ReformTrigger,
    effectiveDate: r.effective_date as string,
    description: r.description as string,
    registeredBy: r.registered_by as string,
    idempotencyKey: r.idempotency_key as string,
    registeredAt: localIso(r.registered_at_ms),
  };
}

export async function getReform(db: Db, id: string): Promise<Reform | null> {
  const r = await db('reforms').where({ id }).first();
  return r ? reformFromRow(r) : null;
}

export async function findReformByKey(db: Db, username: string, key: string): Promise<Reform | null> {
  const r = await db('reforms').where({ registered_by: username, idempotency_key: key }).first();
  return r ? reformFromRow(r) : null;
}

function obligationFromRow(r: Row): Obligation {
  return {
    id: r.id as string,
    reformId: r.reform_id as string,
    department: r.department_code as string,
    workflowId: r.workflow_id as string,
    status: r.status as ObligationStatus,
    currentStep: (r.current_step as string | null) ?? null,
    metHow: (r.met_how as string | null) ?? null,
    metNote: (r.met_note as string | null) ?? null,
    metAt: r.met_at_ms == null ? null : localIso(r.met_at_ms),
    updatedAt: localIso(r.updated_at_ms),
  };
}

export async function obligationsOfReform(db: Db, reformId: string): Promise<Obligation[]> {
  return (await db('reform_obligations').where({ reform_id: reformId }).orderBy('department_code')).map(
    obligationFromRow,
  );
}

/** Obligations still waiting on a department's catalogue change. */
export async function unmetObligationsOf(db: Db, department: string): Promise<Obligation[]> {
  return (
    await db('reform_obligations').where({ department_code: department }).whereNot({ status: 'met' })
  ).map(obligationFromRow);
}

export async function insertSanction(db: Db, s: Omit<Sanction, 'liftedAt' | 'liftedBy'>): Promise<void> {
  await insertOnce(
    db('sanctions').insert({
      id: s.id,
      department_code: s.department,
      kind: s.kind,
      case_type: s.caseType,
      case_id: s.caseId,
      reason: s.reason,
      at_ms: Date.parse(s.at),
    }),
    'id',
  );
}

/** Lifts a case's sanctions of one kind; lifting a lifted sanction changes nothing. */
export async function liftSanctions(
  db: Db,
  l: { caseType: string; caseId: string; kind: SanctionKind; by: string; at: string },
): Promise<void> {
  await db('sanctions')
    .where({ case_type: l.caseType, case_id: l.caseId, kind: l.kind })
    .whereNull('lifted_at_ms')
    .update({ lifted_at_ms: Date.parse(l.at), lifted_by: l.by });
}

export async function listSanctions(
  db: Db,
  f: { department?: string; caseId?: string; active?: boolean },
): Promise<Sanction[]> {
  const q = db('sanctions');
  if (f.department) q.where('department_code', f.department);
  if (f.caseId) q.where('case_id', f.caseId);
  if (f.active) q.whereNull('lifted_at_ms');
  return (await q.orderBy(['at_ms', 'id'])).map((r: Row) => ({
    id: r.id as string,
    department: r.department_code as string,
    kind: r.kind as SanctionKind,
    caseType: r.case_type as string,
    caseId: r.case_id as string,
    reason: r.reason as string,
    at: localIso(r.at_ms),
    liftedAt: r.lifted_at_ms == null ? null : localIso(r.lifted_at_ms),
    liftedBy: (r.lifted_by as string | null) ?? null,
  }));
}

/** The columns a move's facts set on the obligation's row. */
export function obligationColumns(f: ObligationFacts): CaseColumns {
  return f.met ? { met_how: f.met.how, met_note: f.met.note, met_at_ms: Date.parse(f.met.at) } : {};
}

/** A page of reforms, newest first, with their obligations: those that oblige a department, or all. */
export async function listReforms(
  db: Db,
  f: { department?: string; page: number; pageSize: number },
): Promise<{ items: (Reform & { obligations: Obligation[] })[]; total: number }> {
  const q = db('reforms');
  if (f.department)
    q.whereIn('id', db('reform_obligations').select('reform_id').where({ department_code: f.department }));
  const page = await pageOf(
    q,
    [
      { column: 'registered_at_ms', order: 'desc' },
      { column: 'id', order: 'desc' },
    ],
    f,
    reformFromRow,
  );
  const rows = page.items.length
    ? await db('reform_obligations')
        .whereIn(
          'reform_id',
          page.items.map((r) => r.id),
        )
        .orderBy('department_code')
    : [];
  const obligations = rows.map(obligationFromRow);
  return {
    items: page.items.map((r) => ({ ...r, obligations: obligations.filter((o) => o.reformId === r.id) })),
    total: page.total,
  };
}

/** The inbox's summary of a department's obligation under a reform: the LG office registered the reform. */
export const obligationSummary: CaseSummarySpec = {
  from: (db) =>
    db('reform_obligations')
      .join('reforms', 'reforms.id', 'reform_obligations.reform_id')
      .leftJoin('users', 'users.username', 'reforms.registered_by'),
  id: 'reform_obligations.id',
  requester: 'users.department_code',
  subjectCode: 'reforms.id',
  subjectTitle: 'reforms.title',
  openedAtMs: 'reforms.registered_at_ms',
  parties: ['reform_obligations.department_code'],
};
