/**
 * Grants, their audit entries and the notices to both departments, written by
 * the workflow that keeps the grant. Idempotent: every id
 * comes from the workflow, every insert ignores a duplicate, and ending an
 * ended grant changes nothing.
 */
import type { Db } from '../../db/connection';
import { endGrant, insertGrant, type NewGrant } from '../../db/sharing_request/grant-repository';
import { appendAudit } from '../../db/log-repository';
import { notify, type Notice } from '../cases/notices';

export function createSharingActivities(db: Db) {
  return {
    async recordGrant(input: { eventId: string; grant: NewGrant; notice: Notice }): Promise<void> {
      await db.transaction(async (trx) => {
        await insertGrant(trx, input.grant);
        await appendAudit(trx, {
          id: input.eventId,
          at: input.grant.grantedAt,
          actor: null,
          actorDepartment: null,
          action: 'grant.create',
          entityType: 'grant',
          entityId: input.grant.id,
          ip: null,
          detail: {
            requestId: input.grant.requestId,
            items: input.grant.items,
            usageTo: input.grant.usageTo,
          },
        });
        await notify(trx, input.eventId, input.notice);
      });
    },

    async recordGrantEnd(input: {
      eventId: string;
      grantId: string;
      status: 'expired' | 'revoked';
      at: string;
      by: string | null;
      byDepartment: string | null;
      reason: string | null;
      notice: Notice;
    }): Promise<void> {
      await db.transaction(async (trx) => {
        await endGrant(trx, input);
        await appendAudit(trx, {
          id: input.eventId,
          at: input.at,
          actor: input.by,
          actorDepartment: input.byDepartment,
          action: input.status === 'revoked' ? 'grant.revoke' : 'grant.expire',
          entityType: 'grant',
          entityId: input.grantId,
          ip: null,
          detail: { reason: input.reason },
        });
        await notify(trx, input.eventId, input.notice);
      });
    },
  };
}
