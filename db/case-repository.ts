/**
 * What every process has in common in the read model: a row per case in its
 * own table, moved from status to status by the workflow, and one timeline
 * table of their events. Every write is keyed by an
 * id from the workflow, so a retried activity writes nothing twice.
 */
import { inTransaction, type Db } from './connection';
import { localIso } from '../domain/calendar/working-days';
import { insertOnce } from './insert-once';

/** Columns of a case's row that a move sets besides its status (each process's repository maps its facts to them). */
export type CaseColumns = Record<string, string | number | boolean | null>;

export interface CaseEvent {
  id: string;
  at: string;
  step: string | null;
  action: string;
  actor: string | null;
  actorDepartment: string | null;
  decision: string | null;
  reason: string | null;
}

/** A case's move as its workflow records it: in the process's terms, never in columns. */
export interface CaseStateChange<F extends object = object> {
  /** The process's name. */
  caseType: string;
  caseId: string;
  status: string;
  currentStep: string | null;
  /** What else the move records about the case, in the process's own terms (e.g. the reply, the outcome). */
  facts?: F;
  event: CaseEvent;
}

/** Records a move in the process's table (`table`), setting `columns` with the status, and its event in the timeline. */
export async function recordCaseState(
  db: Db,
  c: Omit<CaseStateChange, 'facts'>,
  table: string,
  columns: CaseColumns,
): Promise<void> {
  await recordCaseStates(db, table, [{ change: c, columns }]);
}

/**
 * Records moves of one case, in order, in the process's table (`table`): their events in the
 * timeline in one statement, and the row's columns in one update, as the moves in turn would
 * leave them (each move's `columns`, the last one's status).
 */
export async function recordCaseStates(
  db: Db,
  table: string,
  moves: { change: Omit<CaseStateChange, 'facts'>; columns: CaseColumns }[],
): Promise<void> {
  if (moves.length === 0) return;
  const caseId = moves[0].change.caseId;
  if (moves.some((m) => m.change.caseId !== caseId))
    throw new Error(
      `moves of more than one case in one record: ${moves.map((m) => m.change.caseId).join(', ')}`,
    );
  const last = moves[moves.length - 1].change;
  await inTransaction(db, async (trx) => {
    await insertOnce(
      trx('case_events').insert(
        moves.map(({ change: c }) => ({
          id: c.event.id,
          case_type: c.caseType,
          case_id: c.caseId,
          at_ms: Date.parse(c.event.at),
          step: c.event.step,
          action: c.event.action,
          actor: c.event.actor,
          actor_department: c.event.actorDepartment,
          decision: c.event.decision,
          reason: c.event.reason,
        })),
      ),
      'id',
    );
    await trx(table)
      .where({ id: caseId })
      .update({
        ...Object.assign({}, ...moves.map((m) => m.columns)),
        status: last.status,
        current_step: last.currentStep,
        updated_at_ms: Date.parse(last.event.at),
      });
  });
}

/** A party's comment on a case: an event of its timeline (action `commented`), keyed by `id`. */
export async function recordComment(
  db: Db,
  c: {
    id: string;
    caseType: string;
    caseId: string;
    atMs: number;
    actor: string;
    actorDepartment: string;
    text: string;
  },
): Promise<void> {
  await insertOnce(
    db('case_events').insert({
      id: c.id,
      case_type: c.caseType,
      case_id: c.caseId,
      at_ms: c.atMs,
      step: null,
      action: 'commented',
      actor: c.actor,
      actor_department: c.actorDepartment,
      decision: null,
      reason: c.text,
    }),
    'id',
  );
}

/**
 * The number its workflow gave an event (`${caseId}#${n}#${action}`, see CaseRecorder.eventId), or
 * none (a comment). The events a workflow records in one workflow task share its time, so this
 * orders them: by id, #10# would sort before #9#.
 */
function eventNumber(caseId: string, id: string): number {
  const n = /^#(\d+)#/.exec(id.slice(caseId.length));
  return n ? Number(n[1]) : Number.POSITIVE_INFINITY;
}

/** A case's timeline, oldest first; events at the same moment in the order their workflow made them. */
export async function caseEvents(db: Db, caseType: string, caseId: string): Promise<CaseEvent[]> {
  const rows: Record<string, unknown>[] = await db('case_events')
    .where({ case_type: caseType, case_id: caseId })
    .orderBy(['at_ms', 'id']);
  // A stable sort: events of the same moment and number (comments) keep the query's order.
  const byMoment = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    Number(a.at_ms) - Number(b.at_ms) ||
    eventNumber(caseId, a.id as string) - eventNumber(caseId, b.id as string) ||
    0;
  return rows.sort(byMoment).map((r) => ({
    id: r.id as string,
    at: localIso(r.at_ms),
    step: (r.step as string | null) ?? null,
    action: r.action as string,
    actor: (r.actor as string | null) ?? null,
    actorDepartment: (r.actor_department as string | null) ?? null,
    decision: (r.decision as string | null) ?? null,
    reason: (r.reason as string | null) ?? null,
  }));
}
