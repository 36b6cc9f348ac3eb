/**
 * Disputes at the API (art. 21, 25): opened by either department of a denied
 * request, or by the consumer contesting a correction reply (which is the
 * consumer's decision on its review task); read with each stage's deadline.
 */
import type { Db } from '../../db/connection';
import { getResource } from '../../db/catalogue-repository';
import { getCorrection } from '../../db/correction/repository';
import type { User } from '../../db/directory-repository';
import { disputeOfSubject, getDispute, type Dispute } from '../../db/dispute/repository';
import { getRequest } from '../../db/sharing_request/request-repository';
import { tasksOfCase } from '../../db/task-repository';
import { CORRECTION_STEPS } from '../../workflows/correction/contract';
import {
  DISPUTE_PROCESS,
  DISPUTE_LABEL,
  DISPUTE_STEPS,
  disputeIdOf,
  disputeWorkflowId,
} from '../../workflows/dispute/contract';
import type { DisputeBody } from './dispute-body';
import { usageEndsAt } from '../sharing_request/request-body';
import { resourceSnapshot } from '../../workflows/sharing_request/resource-snapshot';
import { caseMetadata } from '../../workflows/cases/case-metadata';
import type { disputeCase } from '../../workflows/dispute/workflow';
import { HttpError } from '../http/errors';
import type { TemporalGateway } from '../temporal/temporal-gateway';
import { auditByUser } from '../cases/audit';
import { settle } from '../cases/settle';
import { createCaseProgress } from '../cases/case-progress';
import { mayDispute, mayReadCase } from '../auth/policies';
import { actorOf } from '../tasks/service';
import { createTaskViews } from '../tasks/task-views';

export function createDisputeService(deps: { db: Db; temporal: TemporalGateway }) {
  const { db, temporal } = deps;
  const progress = createCaseProgress(db, createTaskViews(db));

  async function detail(d: Dispute) {
    const p = await progress('dispute', d.id);
    return { ...d, currentTask: p.currentTask, deadlines: p.deadlines, timeline: p.timeline };
  }

  /** Waits (briefly) for the workflow to record the dispute and open its first stage's task. */
  async function opened(subjectType: string, subjectId: string): Promise<Dispute | null> {
    const d = await settle(
      () => disputeOfSubject(db, subjectType, subjectId),
      (x) => x !== null,
    );
    if (!d) return null;
    await settle(
      () => progress('dispute', d.id),
      (p) => p.currentTask !== null,
    );
    return getDispute(db, d.id);
  }

  async function openOnRequest(user: User, body: DisputeBody) {
    const r = await getRequest(db, body.subjectId);
    if (!r)
      throw new HttpError(404, 'request_not_found', `No sharing request ${body.subjectId}.`, [
        { path: 'subjectId', message: 'names no sharing request' },
      ]);
    mayDispute(user, `request ${r.id}`, r.providerDepartment, r.consumerDepartment);
    const existing = await disputeOfSubject(db, 'request', r.id);
    if (existing) return { created: false, dispute: existing };
    if (r.status !== 'denied')
      throw new HttpError(
        409,
        'not_disputable',
        `Request ${r.id} is ${r.status}; only a denied request can be disputed.`,
      );
    const resource = (await getResource(db, r.resourceCode))!;
    await temporal.startCase<typeof disputeCase>({
      workflowId: disputeWorkflowId(disputeIdOf(r.id)),
      process: DISPUTE_PROCESS,
      status: DISPUTE_STEPS.negotiation,
      provider: r.providerDepartment,
      consumer: r.consumerDepartment,
      metadata: caseMetadata({
        processName: DISPUTE_LABEL.zh,
        caseId: disputeIdOf(r.id),
        resource,
        provider: r.providerDepartment,
        consumer: r.consumerDepartment,
      }),
      args: [
        {
          disputeId: disputeIdOf(r.id),
          subjectType: 'request',
          subjectId: r.id,
          provider: r.providerDepartment,
          consumer: r.consumerDepartment,
          openedBy: actorOf(user),
          claim: body.claim,
          openedAt: new Date().toISOString(),
          grantTerms: {
            requestId: r.id,
            resource: resourceSnapshot(resource),
            items: r.items,
            purpose: r.purpose,
            usageFrom: r.usageFrom,
            usageTo: r.usageTo,
            usageEndsAt: usageEndsAt(r.usageTo),
          },
        },
      ],
    });
    return { created: true, dispute: await opened('request', r.id) };
  }

  /** Contesting a correction reply is the consumer's decision on its review task; the workflow opens the dispute. */
  async function openOnCorrection(user: User, body: DisputeBody) {
    const c = await getCorrection(db, body.subjectId);
    if (!c)
      throw new HttpError(404, 'correction_not_found', `No correction ${body.subjectId}.`, [
        { path: 'subjectId', message: 'names no correction' },
      ]);
    mayDispute(user, `correction ${c.id}`, c.providerDepartment, c.consumerDepartment);
    if (c.status === 'disputed') return { created: false, dispute: await opened('correction', c.id) };
    const review = (await tasksOfCase(db, c.id)).find(
      (t) => t.step === CORRECTION_STEPS.consumerReview && t.status === 'open',
    );
    if (!review)
      throw new HttpError(
        409,
        'not_disputable',
        `Correction ${c.id} is ${c.status}; a correction is disputed by contesting the provider's reply.`,
      );
    await temporal.completeTask(c.workflowId, {
      taskId: review.id,
      actor: actorOf(user),
      decision: 'contest',
      reason: body.claim,
    });
    return { created: true, dispute: await opened('correction', c.id) };
  }

  return {
    async open(user: User, body: DisputeBody, ip: string | null) {
      const { created, dispute } =
        body.subjectType === 'request' ? await openOnRequest(user, body) : await openOnCorrection(user, body);
      if (!dispute)
        throw new HttpError(
          503,
          'dispute_pending',
          'The dispute was filed but is not recorded yet; read it again shortly.',
        );
      if (created)
        await auditByUser(db, user, {
          action: 'dispute.open',
          entityType: 'dispute',
          entityId: dispute.id,
          ip,
        });
      return { created, dispute: await detail(dispute) };
    },

    async read(user: User, id: string, ip: string | null) {
      const d = await getDispute(db, id);
      if (!d) throw new HttpError(404, 'dispute_not_found', `No dispute ${id}.`);
      mayReadCase(user, `Dispute ${id}`, [d.providerDepartment, d.consumerDepartment]);
      await auditByUser(db, user, { action: 'dispute.read', entityType: 'dispute', entityId: id, ip });
      return detail(d);
    },
  };
}
