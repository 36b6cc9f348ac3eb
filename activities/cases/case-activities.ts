/**
 * Case state, timeline, audit entries and notices of every process.
 * Idempotent: every id comes from the workflow.
 */
import type { Db } from '../../db/connection';
import { recordCaseState, type CaseStateChange } from '../../db/case-repository';
import { appendAudit } from '../../db/log-repository';
import { notify, type Notice } from './notices';

export function createCaseActivities(db: Db) {
  return {
    async recordCaseState(input: CaseStateChange & { notice?: Notice }): Promise<void> {
      await recordCaseState(db, input);
      await appendAudit(db, {
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
      await notify(db, input.event.id, input.notice);
    },
  };
}
