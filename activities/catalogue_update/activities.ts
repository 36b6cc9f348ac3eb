/** The sanctions of art. 37 (public criticism, suspension of IT-project applications) and their lifting. Idempotent. */
import type { Db } from '../../db/connection';
import { insertSanction, liftSanctions, type Sanction } from '../../db/catalogue_update/repository';
import { appendAudit } from '../../db/log-repository';
import type { SanctionKind } from '../../workflows/catalogue_update/contract';
import { notify, type Notice } from '../cases/notices';

export function createCatalogueUpdateActivities(db: Db) {
  return {
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
