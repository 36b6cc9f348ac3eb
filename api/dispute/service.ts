/**
 * Disputes at the API (art. 21, 25): opened by either department of a denied
 * request, a revoked grant or an exchange (recorded or refused), or by the consumer contesting
 * a correction reply (which is the consumer's decision on its review task); read with each
 * stage's deadline.
 */
import type { Db } from '../../db/connection';
import { getResource } from '../../db/catalogue-repository';
import { getCorrection } from '../../db/correction/repository';
import type { User } from '../../db/directory-repository';
import { disputeOfSubject, getDispute, listDisputes, type Dispute } from '../../db/dispute/repository';
import { getRequest } from '../../db/sharing_request/request-repository';
import { getGrant, grantOfRequest } from '../../db/sharing_request/grant-repository';
import { getExchange } from '../../db/log-repository';
import { getExchangeRefusal } from '../../db/sharing_request/exchange-refusal-repository';
import { exchangeDisputeKey } from '../sharing_request/exchange-ids';
import { tasksOfCase } from '../../db/task-repository';
import { CORRECTION_STEPS } from '../../workflows/correction/contract';
import {
  DISPUTE_PROCESS,
  DISPUTE_LABEL,
  DISPUTE_STEPS,
  disputeIdOf,
  disputeWorkflowId,
  type DisputeStatus,
  type GrantTerms,
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
import { departmentScope, mayDispute, mayReadCase } from '../auth/policies';
import { actorOf } from '../tasks/service';
import { createTaskViews } from '../tasks/task-views';
import { directoryNames, withDepartmentNames } from '../directory/names';

export function createDisputeService(deps: { db: Db; temporal: TemporalGateway }) {
  const { db, temporal } = deps;
  const progress = createCaseProgress(db, createTaskViews(db));

  /** What the dispute is about, as the parties first put it: the consumer's report or purpose, and the provider's answer. */
  async function subjectRecord(d: Dispute) {
    if (d.subjectType === 'request') {
      const r = await getRequest(db, d.subjectId);
      return r && { report: r.purpose, answer: r.decisionReason, answerDecision: r.status };
    }
    if (d.subjectType === 'correction') {
      const c = await getCorrection(db, d.subjectId);
      return c && { report: c.description, answer: c.replyText, answerDecision: c.replyDecision };
    }
    if (d.subjectType === 'grant') {
      const g = await getGrant(db, d.subjectId);
      return g && { report: g.purpose, answer: g.endReason, answerDecision: g.status };
    }
    const refused = await getExchangeRefusal(db, d.subjectId);
    return refused && { report: null, answer: refused.message, answerDecision: 'refused' };
  }

  async function detail(d: Dispute) {
    const [p, names, subject] = await Promise.all([
      progress('dispute', d.id),
      directoryNames(db),
      subjectRecord(d),
    ]);
    return {
      subjectRecord: subject ?? null,
      ...withDepartmentNames(d, names, ['providerDepartment', 'consumerDepartment', 'openedByDepartment']),
      openedByName: names.person(d.openedBy),
      proposal: d.proposal && { ...d.proposal, byName: names.person(d.proposal.by) },
      outcome: d.outcome && { ...d.outcome, byName: names.person(d.outcome.by) },
      currentTask: p.currentTask,
      deadlines: p.deadlines,
      timeline: p.timeline,
    };
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

  /** Starts the dispute workflow over a subject; a ruling for the consumer grants `terms`, if given. */
  async function startOver(
    user: User,
    subject: {
      type: 'request' | 'grant' | 'exchange';
      id: string;
      provider: string;
      consumer: string;
      claim: string;
    },
    resourceCode: string,
    terms?: Omit<GrantTerms, 'resource' | 'usageEndsAt'>,
  ) {
    const resource = (await getResource(db, resourceCode))!;
    const disputeId = disputeIdOf(subject.id);
    await temporal.startCase<typeof disputeCase>({
      workflowId: disputeWorkflowId(disputeId),
      process: DISPUTE_PROCESS,
      status: DISPUTE_STEPS.negotiation,
      provider: subject.provider,
      consumer: subject.consumer,
      metadata: caseMetadata({
        processName: DISPUTE_LABEL.zh,
        caseId: disputeId,
        resource,
        provider: subject.provider,
        consumer: subject.consumer,
      }),
      args: [
        {
          disputeId,
          subjectType: subject.type,
          subjectId: subject.id,
          provider: subject.provider,
          consumer: subject.consumer,
          openedBy: actorOf(user),
          claim: subject.claim,
          openedAt: new Date().toISOString(),
          grantTerms: terms && {
            ...terms,
            resource: resourceSnapshot(resource),
            usageEndsAt: usageEndsAt(terms.usageTo),
          },
        },
      ],
    });
    return { created: true, dispute: await opened(subject.type, subject.id) };
  }

  async function openOnRequest(user: User, body: DisputeBody) {
    const r = await getRequest(db, body.subjectId);
    if (!r)
      throw new HttpError(404, 'request_not_found', `No sharing request ${body.subjectId}.`, [
        { path: 'subjectId', code: 'unknown_subject', message: 'names no sharing request' },
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
    // Base items granted at once (art. 19) keep their own grant; a ruling grants the rest.
    const base = await grantOfRequest(db, r.id, 'base');
    return startOver(
      user,
      {
        type: 'request',
        id: r.id,
        provider: r.providerDepartment,
        consumer: r.consumerDepartment,
        claim: body.claim,
      },
      r.resourceCode,
      {
        requestId: r.id,
        items: r.items.filter((i) => !base?.items.includes(i)),
        purpose: r.purpose,
        usageFrom: r.usageFrom,
        usageTo: r.usageTo,
      },
    );
  }

  /**
   * A revoked grant (art. 25: every disagreement on sharing and use): either department may
   * dispute the revocation; a ruling for the consumer reinstates the grant on its terms, as a
   * grant of its own that only a new ruling can end.
   */
  async function openOnGrant(user: User, body: DisputeBody) {
    const g = await getGrant(db, body.subjectId);
    if (!g)
      throw new HttpError(404, 'grant_not_found', `No grant ${body.subjectId}.`, [
        { path: 'subjectId', code: 'unknown_subject', message: 'names no grant' },
      ]);
    mayDispute(user, `grant ${g.id}`, g.providerDepartment, g.consumerDepartment);
    const existing = await disputeOfSubject(db, 'grant', g.id);
    if (existing) return { created: false, dispute: existing };
    if (g.status !== 'revoked' || g.part !== 'main')
      throw new HttpError(
        409,
        'not_disputable',
        g.status !== 'revoked'
          ? `Grant ${g.id} is ${g.status}; only a revoked grant can be disputed.`
          : `Grant ${g.id} is of a request's ${g.part} items; dispute the request's own grant.`,
      );
    return startOver(
      user,
      {
        type: 'grant',
        id: g.id,
        provider: g.providerDepartment,
        consumer: g.consumerDepartment,
        claim: body.claim,
      },
      g.resourceCode,
      {
        part: 'ruled',
        requestId: g.requestId,
        items: g.items,
        purpose: g.purpose,
        usageFrom: g.usageFrom,
        usageTo: g.usageTo,
      },
    );
  }

  /**
   * An exchange (art. 23, 25): a use the consumer recorded, which the provider may contest (say,
   * as beyond the grant's purpose), or a refused use, which the consumer may contest. Either
   * department may open it; the outcome is recorded against the exchange and binds both, and
   * grants or revokes nothing by itself.
   */
  async function openOnExchange(user: User, body: DisputeBody) {
    const x = (await getExchangeRefusal(db, body.subjectId)) ?? (await getExchange(db, body.subjectId));
    if (!x)
      throw new HttpError(404, 'exchange_not_found', `No exchange or refused exchange ${body.subjectId}.`, [
        {
          path: 'subjectId',
          code: 'unknown_subject',
          message: 'names no exchange of the log (an archived one cannot be disputed)',
        },
      ]);
    mayDispute(user, `exchange ${x.id}`, x.providerDepartment, x.consumerDepartment);
    const key = exchangeDisputeKey(x.id);
    const existing = await disputeOfSubject(db, 'exchange', key);
    if (existing) return { created: false, dispute: existing };
    return startOver(
      user,
      {
        type: 'exchange',
        id: key,
        provider: x.providerDepartment,
        consumer: x.consumerDepartment,
        claim: body.claim,
      },
      x.resourceCode,
    );
  }

  /** Contesting a correction reply is the consumer's decision on its review task; the workflow opens the dispute. */
  async function openOnCorrection(user: User, body: DisputeBody) {
    const c = await getCorrection(db, body.subjectId);
    if (!c)
      throw new HttpError(404, 'correction_not_found', `No correction ${body.subjectId}.`, [
        { path: 'subjectId', code: 'unknown_subject', message: 'names no correction' },
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
      const opener = {
        request: openOnRequest,
        grant: openOnGrant,
        exchange: openOnExchange,
        correction: openOnCorrection,
      }[body.subjectType];
      const { created, dispute } = await opener(user, body);
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

    /** The disputes the caller's department is party to (city-level roles: all), newest first. */
    async list(user: User, q: { status?: DisputeStatus; page: number; pageSize: number }) {
      const [page, names] = await Promise.all([
        listDisputes(db, { ...q, department: departmentScope(user) }),
        directoryNames(db),
      ]);
      return {
        items: page.items.map((d) => ({
          id: d.id,
          subjectType: d.subjectType,
          subjectId: d.subjectId,
          ...withDepartmentNames(
            { providerDepartment: d.providerDepartment, consumerDepartment: d.consumerDepartment },
            names,
            ['providerDepartment', 'consumerDepartment'],
          ),
          status: d.status,
          openedAt: d.openedAt,
          updatedAt: d.updatedAt,
        })),
        total: page.total,
        page: q.page,
        pageSize: q.pageSize,
      };
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
