/**
 * The sharing-request read model, its audit entries and the notices to both
 * departments, written by the sharing-request workflow. Idempotent: every id
 * comes from the workflow, every insert ignores a duplicate, and ending an
 * ended grant changes nothing.
 */
import type { Db } from '../db/connection';
import { endGrant, insertGrant, type NewGrant } from '../db/grant-repository';
import { appendAudit } from '../db/log-repository';
import { recordRequestState, type RequestEvent } from '../db/request-repository';
import { insertNotifications } from '../db/task-repository';
import type { CandidateGroup } from '../domain/roles';
import type { RequestStatus } from '../domain/sharing/sharing-contract';

type Text = { zh: string; en: string };

export interface Notice {
  recipients: CandidateGroup[];
  title: Text;
}

async function notify(db: Db, id: string, notice: Notice | undefined): Promise<void> {
  if (!notice) return;
  await insertNotifications(
    db,
    notice.recipients.map((recipient, i) => ({
      id: `${id}#notice#${i}`,
      recipient,
      kind: 'result' as const,
      taskId: null,
      title: notice.title,
    })),
  );
}

export function createSharingActivities(db: Db) {
  return {
    async recordRequestState(input: {
      requestId: string;
      status: RequestStatus;
      currentStep: string | null;
      decisionReason?: string | null;
      event: RequestEvent;
      notice?: Notice;
    }): Promise<void> {
      await recordRequestState(db, input);
      await appendAudit(db, {
        id: input.event.id,
        at: input.event.at,
        actor: input.event.actor,
        actorDepartment: input.event.actorDepartment,
        action: `request.${input.event.action}`,
        entityType: 'sharing_request',
        entityId: input.requestId,
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

    async recordGrant(input: { eventId: string; grant: NewGrant; notice: Notice }): Promise<void> {
      await insertGrant(db, input.grant);
      await appendAudit(db, {
        id: input.eventId,
        at: input.grant.grantedAt,
        actor: null,
        actorDepartment: null,
        action: 'grant.create',
        entityType: 'grant',
        entityId: input.grant.id,
        ip: null,
        detail: { requestId: input.grant.requestId, items: input.grant.items, usageTo: input.grant.usageTo },
      });
      await notify(db, input.eventId, input.notice);
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
      await endGrant(db, input);
      await appendAudit(db, {
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
      await notify(db, input.eventId, input.notice);
    },
  };
}
