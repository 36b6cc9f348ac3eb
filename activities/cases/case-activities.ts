/**
 * Case state, timeline, audit entries and notices of every process.
 * Idempotent: every id comes from the workflow.
 */
import { inTransaction, type Db } from '../../db/connection';
import { recordCaseStates, type CaseColumns, type CaseStateChange } from '../../db/case-repository';
import { appendAudits } from '../../db/log-repository';
import { notify, type Notice } from './notices';

export interface CaseStateInput extends CaseStateChange {
  notice?: Notice;
  /**
   * Columns as workflows wrote them before moves carried facts. A case started
   * then may still have such an activity scheduled or retrying; it is applied as it was.
   */
  patch?: CaseColumns;
  /**
   * Moves the workflow made before this one and has not recorded yet (a request's filing goes
   * with its routing, see `CaseRecorder.moveWithNext`): recorded first, in order, in the same
   * transaction.
   */
  earlier?: Omit<CaseStateInput, 'earlier'>[];
}

/** Where a process keeps its cases: its table, and how a move's facts map to its columns (from the registry). */
export type CaseStore = (
  process: string,
) => { table: string; caseColumns: (facts: never) => CaseColumns } | undefined;

/**
 * Records a case's moves (`input`, after its `earlier` ones) in `db`'s transaction, or in one of
 * their own: each move, its notices and the audit entries land together or not at all.
 */
export async function recordCaseMoves(db: Db, storeOf: CaseStore, input: CaseStateInput): Promise<void> {
  const moves = [...(input.earlier ?? []), input];
  const stores = moves.map((m) => {
    const process = storeOf(m.caseType);
    if (!process) throw new Error(`no process ${m.caseType} is registered`);
    return process;
  });
  const table = stores[0].table;
  if (stores.some((s) => s.table !== table))
    throw new Error(
      `moves of more than one process in one record: ${moves.map((m) => m.caseType).join(', ')}`,
    );
  await inTransaction(db, async (trx) => {
    await recordCaseStates(
      trx,
      table,
      moves.map((m, i) => ({
        change: m,
        columns: { ...m.patch, ...(m.facts ? stores[i].caseColumns(m.facts as never) : {}) },
      })),
    );
    for (const m of moves) await notify(trx, m.event.id, m.notice);
    // In the moves' order, under one lock of the log's head.
    await appendAudits(
      trx,
      moves.map((m) => ({
        id: m.event.id,
        at: m.event.at,
        actor: m.event.actor,
        actorDepartment: m.event.actorDepartment,
        action: `${m.caseType}.${m.event.action}`,
        entityType: m.caseType,
        entityId: m.caseId,
        ip: null,
        detail: {
          status: m.status,
          step: m.event.step,
          decision: m.event.decision,
          reason: m.event.reason,
        },
      })),
    );
  });
}

export function createCaseActivities(db: Db, storeOf: CaseStore) {
  return {
    async recordCaseState(input: CaseStateInput): Promise<void> {
      await recordCaseMoves(db, storeOf, input);
    },
  };
}
