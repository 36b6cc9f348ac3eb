/**
 * Grants at the API: lists, revocation (through the request's workflow, which
 * notifies both departments), and the exchange log of every use (art. 23).
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Db } from '../../db/connection';
import type { User } from '../../db/directory-repository';
import { getGrant, listGrants, type Grant } from '../../db/sharing_request/grant-repository';
import { appendExchange, exchangesOf } from '../../db/log-repository';
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
      /** A refused use is what an auditor asks about (art. 32, 33): it is in the audit log, then answered. */
      const refuse = async (e: HttpError): Promise<never> => {
        await auditByUser(db, user, {
          action: 'grant.use_refused',
          entityType: 'grant',
          entityId: id,
          ip,
          detail: { code: e.code, items: body.items, recordCount: body.recordCount },
        });
        throw e;
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
            outside.map((item) => ({ path: `items[${body.items.indexOf(item)}]`, message: 'not granted' })),
          ),
        );
      const entry = {
        id: `x#${randomUUID()}`,
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
      };
      await appendExchange(db, entry);
      return entry;
    },

    async exchanges(user: User, id: string) {
      await visible(user, id);
      return { items: await exchangesOf(db, id) };
    },
  };
}
