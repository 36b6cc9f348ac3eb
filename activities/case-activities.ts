/**
 * Case state, timeline, audit entries and notices of every process, and the
 * sanctions of art. 37. Idempotent: every id comes from the workflow.
 */
import type { Db } from '../db/connection';
import { recordCaseState, type CaseStateChange } from '../db/case-repository';
import { insertDispute, type NewDispute } from '../db/dispute-repository';
import { appendAudit } from '../db/log-repository';
import { insertSanction, liftSanctions, type Sanction } from '../db/reform-repository';
import type { SanctionKind } from '../domain/reform/reform-contract';
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

    async openDisputeRecord(input: NewDispute): Promise<void> {
      await insertDispute(db, input);
    },

    async recordSanction(input: Omit<Sanction, 'liftedAt' | 'liftedBy'> & { notice: Notice }): Promise<void> {
      await insertSanction(db, input);
      await appendAudit(db, {
        id: input.id,
        at: input.at,
        actor: null,
        actorDepartment: null,
        action: `sanction.${input.kind}`,
        entityType: 'department',
        entityId: input.department,
        ip: null,
        detail: { caseType: input.caseType, caseId: input.caseId, reason: input.reason },
      });
      await notify(db, input.id, input.notice);
    },

    async liftSanctions(input: {
      eventId: string;
      caseType: string;
      caseId: string;
      department: string;
      kind: SanctionKind;
      by: string;
      at: string;
    }): Promise<void> {
      await liftSanctions(db, input);
      await appendAudit(db, {
        id: input.eventId,
        at: input.at,
        actor: input.by,
        actorDepartment: null,
        action: `sanction.${input.kind}.lift`,
        entityType: 'department',
        entityId: input.department,
        ip: null,
        detail: { caseType: input.caseType, caseId: input.caseId },
      });
    },
  };
}
