/**
 * Case state, timeline, audit entries and notices of every process.
 * Idempotent: every id comes from the workflow.
 */
import type { Db } from '../../db/connection';
import { recordCaseState, type CaseColumns, type CaseStateChange } from '../../db/case-repository';
import { appendAudit } from '../../db/log-repository';
import { notify, type Notice } from './notices';

export interface CaseStateInput extends CaseStateChange {
  notice?: Notice;
  /**
   * Columns as workflows wrote them before moves carried facts. A case started
   * then may still have such an activity scheduled or retrying; it is applied as it was.
   */
  patch?: CaseColumns;
}

/** Where a process keeps its cases: its table, and how a move's facts map to its columns (from the registry). */
export type CaseStore = (
  process: string,
) => { table: string; caseColumns: (facts: never) => CaseColumns } | undefined;

export function createCaseActivities(db: Db, storeOf: CaseStore) {
  return {
    async recordCaseState(input: CaseStateInput): Promise<void> {
      const process = storeOf(input.caseType);
      if (!process) throw new Error(`no process ${input.caseType} is registered`);
      const columns = { ...input.patch, ...(input.facts ? process.caseColumns(input.facts as never) : {}) };
      // The move, its audit entry and its notices land together or not at all.
      await db.transaction(async (trx) => {
        await recordCaseState(trx, input, process.table, columns);
        await appendAudit(trx, {
          id: input.event.id,
          at: input.event.at,
          actor: input.event.actor,
          actorDepartment: input.event.actorDepartment,
          action: `${input.caseType}.${input.event.action}`,
          entityType: input.caseType,
          entityId: input.caseId,
          ip: null,
          detail: {
            status: input.status,
            step: input.event.step,
            decision: input.event.decision,
            reason: input.event.reason,
          },
        });
        await notify(trx, input.event.id, input.notice);
      });
    },
  };
}
