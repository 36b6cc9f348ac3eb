/**
 * A reform obligation's activities: the resources it lists and the decision on each (art. 9),
 * the sanctions of art. 37 (public criticism, suspension of IT-project applications) and their
 * lifting. Idempotent.
 */
import type { Db } from '../../db/connection';
import {
  applyResourceDecision,
  listObligationResources,
  type AppliedDecision,
} from '../../db/catalogue_update/obligation-resources';
import type { Actor } from '../../domain/roles';
import { insertSanction, liftSanctions, type Sanction } from '../../db/catalogue_update/repository';
import { appendAudit } from '../../db/log-repository';
import { resourceNames } from '../../db/catalogue-repository';
import type {
  ObligationResource,
  ResourceDecision,
  SanctionKind,
} from '../../workflows/catalogue_update/contract';
import { notify, type Notice } from '../cases/notices';

export function createCatalogueUpdateActivities(db: Db) {
  return {
    /** The department's resources the obligation lists, each with its decision (listed once). */
    async listObligationResources(input: {
      obligationId: string;
      department: string;
      effectiveFrom: string;
    }): Promise<ObligationResource[]> {
      const rows = await listObligationResources(db, {
        obligationId: input.obligationId,
        department: input.department,
        effectiveFromMs: Date.parse(input.effectiveFrom),
      });
      return rows.map((r) => ({ code: r.code, decision: r.decision }));
    },

    /**
     * Records a decision on one listed resource and applies it (a transfer or a retirement changes
     * the catalogue, the open requests and the grants), audited and told to the departments
     * concerned, all at once. The answer names the workflows to tell.
     */
    async decideObligationResource(input: {
      eventId: string;
      obligationId: string;
      department: string;
      resourceCode: string;
      decision: ResourceDecision;
      successor: string | null;
      reason: string;
      actor: Actor;
      at: string;
    }): Promise<AppliedDecision> {
      return db.transaction(async (trx) => {
        const applied = await applyResourceDecision(trx, {
          obligationId: input.obligationId,
          resourceCode: input.resourceCode,
          decision: input.decision,
          successor: input.successor,
          reason: input.reason,
          by: input.actor.username,
          atMs: Date.parse(input.at),
        });
        if (!applied.recorded) return applied;
        await appendAudit(trx, {
          id: input.eventId,
          at: input.at,
          actor: input.actor.username,
          actorDepartment: input.actor.department,
          action: `catalogue.resource.${input.decision}`,
          entityType: 'resource',
          entityId: input.resourceCode,
          ip: null,
          detail: { obligation: input.obligationId, successor: input.successor, reason: input.reason },
        });
        const moved = input.decision === 'transfer' || input.decision === 'retire';
        if (moved) {
          const name =
            (await resourceNames(trx, [input.resourceCode])).get(input.resourceCode) ?? input.resourceCode;
          const stewards = [input.department, ...(input.successor ? [input.successor] : [])].map(
            (department) => ({ role: 'data_steward' as const, department }),
          );
          const consumers = applied.consumers.map((department) => ({
            role: 'requester' as const,
            department,
          }));
          await notify(trx, input.eventId, {
            recipients: [...stewards, ...consumers],
            title:
              input.decision === 'transfer'
                ? {
                    zh: `目录资源移交 ${input.successor},未办结的申请和已有授权随之移交:${name}(${input.resourceCode})`,
                    en: `Resource transferred to ${input.successor}, with its open requests and grants: ${input.resourceCode}`,
                  }
                : {
                    zh: `目录资源停用,未办结的申请终止、已有授权终止:${name}(${input.resourceCode})`,
                    en: `Resource retired; its open requests are closed and its grants end: ${input.resourceCode}`,
                  },
          });
        }
        return applied;
      });
    },

    async recordSanction(input: Omit<Sanction, 'liftedAt' | 'liftedBy'> & { notice: Notice }): Promise<void> {
      await db.transaction(async (trx) => {
        await insertSanction(trx, input);
        await appendAudit(trx, {
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
        await notify(trx, input.id, input.notice);
      });
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
      await db.transaction(async (trx) => {
        await liftSanctions(trx, input);
        await appendAudit(trx, {
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
      });
    },
  };
}
