/**
 * Grants at the API: lists, revocation (through the request's workflow, which
 * notifies both departments), and the exchange log of every use (art. 23).
 */
import { DateTime } from 'luxon';
import type { Db } from '../../db/connection';
import type { User } from '../../db/directory-repository';
import { getGrant, listGrants, type Grant } from '../../db/sharing_request/grant-repository';
import { appendExchange, exchangesOf } from '../../db/log-repository';
import { addExchangeRefusal, exchangeRefusalsOf } from '../../db/sharing_request/exchange-refusal-repository';
import { disputesOfSubjects } from '../../db/dispute/repository';
import { newCaseId } from '../cases/case-ids';
import { EXCHANGE_ID_PREFIX, REFUSED_EXCHANGE_ID_PREFIX, exchangeDisputeKey } from './exchange-ids';
import { auditByUser } from '../cases/audit';
import { ZONE } from '../../domain/calendar/working-days';
import { sharingWorkflowId } from '../../workflows/sharing_request/contract';
import { HttpError } from '../http/errors';
import type { TemporalGateway } from '../temporal/temporal-gateway';
import { departmentScope, mayReadCase, mayUseGrant } from '../auth/policies';
import { actorOf } from '../tasks/service';

export function createGrantService(deps: { db: Db; temporal: TemporalGateway }) {
  const { db } = deps;

  async function visible(user: User, id: string): Promise<Grant> {
    const g = await getGrant(db, id);
    if (!g) throw new HttpError(404, 'grant_not_found', `No grant ${id}.`);
    mayReadCase(user, `Grant ${id}`, [g.consumerDepartment, g.providerDepartment]);
    return g;
  }

  return {
    async list(user: User, q: { status?: string; resourceCode?: string; page: number; pageSize: number }) {
      const page = await listGrants(db, {
        ...q,
        department: departmentScope(user),
      });
      return { ...page, page: q.page, pageSize: q.pageSize };
    },

    get: visible,

    async revoke(user: User, id: string, reason: string, ip: string | null) {
      const g = await visible(user, id);
      if (g.status !== 'active')
        throw new HttpError(409, 'grant_ended', `Grant ${id} is already ${g.status}.`);
      await deps.temporal.revokeGrant(g.workflowId ?? sharingWorkflowId(g.requestId), {
        actor: actorOf(user),
        reason,
        grantId: id,
      });
      await auditByUser(db, user, {
        action: 'grant.revoke_requested',
        entityType: 'grant',
        entityId: id,
        ip,
        detail: { reason },
      });
      return (await getGrant(db, id))!;
    },

    /** Records one use of a grant by the consumer department; refused outside the grant's terms. */
    async use(user: User, id: string, body: { items: string[]; recordCount: number }, ip: string | null) {
      const g = await visible(user, id);
      mayUseGrant(user, id, g.consumerDepartment);
      /**
       * A refused use is what an auditor asks about (art. 32, 33): it is kept under an id the
       * answer names (`ref`), so the consumer can dispute it (art. 25), and written to the audit log.
       */
      /** The use as asked for, under an id of its prefix (EX- logged, XR- refused). */
      const asked = (prefix: string) => ({
        id: newCaseId(prefix, new Date()),
        grantId: g.id,
        resourceCode: g.resourceCode,
        consumerDepartment: g.consumerDepartment,
        providerDepartment: g.providerDepartment,
        actor: user.username,
        mode: g.mode,
        items: body.items,
        recordCount: body.recordCount,
        ip,
        at: new Date().toISOString(),
      });
      const refuse = async (e: HttpError): Promise<never> => {
        const refusal = { ...asked(REFUSED_EXCHANGE_ID_PREFIX), code: e.code, message: e.message };
        const refusalId = refusal.id;
        await addExchangeRefusal(db, refusal);
        await auditByUser(db, user, {
          action: 'grant.use_refused',
          entityType: 'grant',
          entityId: id,
          ip,
          detail: { code: e.code, refusalId, items: body.items, recordCount: body.recordCount },
        });
        throw new HttpError(e.status, e.code, e.message, e.details, { ref: refusalId });
      };
      if (g.status !== 'active')
        await refuse(new HttpError(409, 'grant_ended', `Grant ${id} is ${g.status}.`));
      const today = DateTime.now().setZone(ZONE).toISODate() as string;
      if (today < g.usageFrom)
        await refuse(new HttpError(409, 'grant_not_started', `Grant ${id} may be used from ${g.usageFrom}.`));
      const outside = body.items.filter((i) => !g.items.includes(i));
      if (outside.length)
        await refuse(
          new HttpError(
            422,
            'items_not_granted',
            `Not granted: ${outside.join(', ')}. Grant ${id} covers ${g.items.join(', ')}.`,
            outside.map((item) => ({
              path: `items[${body.items.indexOf(item)}]`,
              code: 'not_granted',
              params: { item },
              message: 'not granted',
            })),
          ),
        );
      const entry = asked(EXCHANGE_ID_PREFIX);
      await appendExchange(db, entry);
      return { ...entry, dispute: null };
    },

    async exchanges(user: User, id: string) {
      await visible(user, id);
      const [items, refusals] = await Promise.all([exchangesOf(db, id), exchangeRefusalsOf(db, id)]);
      const disputes = await disputesOfSubjects(db, 'exchange', [
        ...items.map((x) => exchangeDisputeKey(x.id)),
        ...refusals.map((x) => x.id),
      ]);
      const withDispute = <T extends { id: string }>(x: T) => ({
        ...x,
        dispute: disputes.get(exchangeDisputeKey(x.id)) ?? null,
      });
      return { items: items.map(withDispute), refusals: refusals.map(withDispute) };
    },
  };
}
