/**
 * Sharing requests at the API: submission (checked against the catalogue,
 * idempotent per requester and Idempotency-Key), lists, the detail page with
 * its deadlines and timeline (every read audited), and withdrawal.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/connection';
import { getResource, resourceNames } from '../../db/catalogue-repository';
import type { Resource } from '../../domain/catalogue/resource';
import { policyByKey, policyInForce } from '../../db/policy-repository';
import type { PolicyVersion } from '../../domain/policy/policy-document';
import { localDateOf } from '../../domain/calendar/working-days';
import { listDepartments, type User } from '../../db/directory-repository';
import { disputeOfSubject } from '../../db/dispute/repository';
import { correctionsOfGrants } from '../../db/correction/repository';
import { grantOfRequest } from '../../db/sharing_request/grant-repository';
import {
  findRequestByKey,
  getRequest,
  insertRequest,
  listRequests,
  type RequestRow,
} from '../../db/sharing_request/request-repository';
import { checkSharingRequest, usageEndsAt, type SharingRequestBody } from './request-body';
import { caseMetadata } from '../../workflows/cases/case-metadata';
import {
  SHARING_REQUEST_ID_PREFIX,
  SHARING_REQUEST_LABEL,
  SHARING_REQUEST_PROCESS,
  sharingWorkflowId,
  type RequestStatus,
} from '../../workflows/sharing_request/contract';
import type { sharingRequest } from '../../workflows/sharing_request/workflow';
import { resourceSnapshot } from '../../workflows/sharing_request/resource-snapshot';
import { departmentScope, mayReadCase } from '../auth/policies';
import { HttpError, unprocessable } from '../http/errors';
import { sameFiling } from '../http/idempotency';
import type { TemporalGateway } from '../temporal/temporal-gateway';
import { auditByUser } from '../cases/audit';
import { newCaseId } from '../cases/case-ids';
import { settle } from '../cases/settle';
import { actorOf } from '../tasks/service';
import { createCaseProgress, createCurrentTasks } from '../cases/case-progress';
import { createTaskViews } from '../tasks/task-views';

function payloadHash(body: SharingRequestBody): string {
  const canonical = {
    ...body,
    answers: Object.fromEntries(Object.entries(body.answers).sort(([a], [b]) => a.localeCompare(b))),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** A read's value, or its failure thrown where the caller comes to use it. */
function valueOf<T>(read: PromiseSettledResult<T>): T {
  if (read.status === 'rejected') throw read.reason;
  return read.value;
}

/** How long submission waits for the workflow to route the request before answering "submitted". */
const ROUTING_WAIT_MS = 10_000;

export function createRequestService(deps: { db: Db; temporal: TemporalGateway }) {
  const { db, temporal } = deps;
  const views = createTaskViews(db);
  const progress = createCaseProgress(db, views);
  const currentTasks = createCurrentTasks(db, views);

  async function departmentRefs() {
    const all = await listDepartments(db);
    const byCode = new Map(all.map((d) => [d.code, { code: d.code, name: d.name, nameEn: d.nameEn }]));
    return (code: string) => byCode.get(code) ?? { code, name: code, nameEn: code };
  }

  type DepartmentRef = ReturnType<Awaited<ReturnType<typeof departmentRefs>>>;
  type Progress = Awaited<ReturnType<typeof progress>>;

  function summaryOf(
    r: RequestRow,
    resourceName: string,
    departments: { consumer: DepartmentRef; provider: DepartmentRef },
    currentTask: Progress['currentTask'] | null,
  ) {
    return {
      id: r.id,
      resourceCode: r.resourceCode,
      resourceName,
      shareType: r.shareType as 'unconditional' | 'conditional' | 'not_shared',
      status: r.status,
      currentStep: r.currentStep,
      consumerDepartment: departments.consumer,
      providerDepartment: departments.provider,
      requestedBy: r.requestedBy,
      submittedAt: r.submittedAt,
      updatedAt: r.updatedAt,
      currentTask,
    };
  }

  /** Each answer under the question it replies to. */
  const answersTo = (asked: readonly { id: string; question: string }[], r: RequestRow) => {
    const question = new Map(asked.map((c) => [c.id, c.question]));
    return Object.entries(r.answers).map(([id, answer]) => ({
      id,
      question: question.get(id) ?? id,
      answer,
    }));
  };

  type Outcome = {
    grant: Awaited<ReturnType<typeof grantOfRequest>>;
    baseGrant: Awaited<ReturnType<typeof grantOfRequest>>;
    dispute: Awaited<ReturnType<typeof disputeOfSubject>>;
    corrections: { id: string; status: string; filedAt: string }[];
  };

  function detailOf(
    r: RequestRow,
    s: ReturnType<typeof summaryOf>,
    p: { currentTask: Progress['currentTask'] | null } & Pick<Progress, 'deadlines' | 'timeline'>,
    conditions: ReturnType<typeof answersTo>,
    o: Outcome,
  ) {
    return {
      ...s,
      resourceVersion: r.resourceVersion,
      items: r.items,
      purpose: r.purpose,
      basis: r.basis,
      answers: r.answers,
      conditions,
      usageFrom: r.usageFrom,
      usageTo: r.usageTo,
      decisionReason: r.decisionReason,
      currentTask: p.currentTask,
      deadlines: p.deadlines,
      timeline: p.timeline,
      grant: o.grant,
      baseGrant: o.baseGrant,
      dispute: o.dispute && { id: o.dispute.id, status: o.dispute.status, outcome: o.dispute.outcome },
      corrections: o.corrections,
    };
  }

  /**
   * A request this call has just filed, from what the call already holds: it is
   * being routed, so nothing is open, decided, granted or disputed yet. The
   * answer to `Prefer: respond-async` costs no reads.
   */
  function asFiled(r: RequestRow, resource: Resource, requester: User) {
    return detailOf(
      r,
      summaryOf(
        r,
        resource.name,
        { consumer: requester.department, provider: resource.providerDepartment },
        null,
      ),
      { currentTask: null, deadlines: [], timeline: [] },
      answersTo(r.questions ?? resource.conditions, r),
      { grant: null, baseGrant: null, dispute: null, corrections: [] },
    );
  }

  /**
   * `filed`: the request's catalogue entry and its requester, when the caller has just filed it
   * (the two departments are then theirs, unless a reform moved the resource meanwhile; else the
   * department table is read). Everything but the corrections (which hang off the grants) is
   * read at once.
   */
  async function detail(r: RequestRow, filed?: { resource: Resource; requester: User }) {
    const parties = filed && [filed.requester.department, filed.resource.providerDepartment];
    const known =
      parties?.[0].code === r.consumerDepartment && parties[1].code === r.providerDepartment
        ? new Map(parties.map((d) => [d.code, d]))
        : null;
    const [p, grant, baseGrant, dispute, ref, entry] = await Promise.all([
      progress('sharing_request', r.id),
      grantOfRequest(db, r.id),
      grantOfRequest(db, r.id, 'base'),
      disputeOfSubject(db, 'request', r.id),
      known ? (code: string) => known.get(code)! : departmentRefs(),
      filed?.resource ?? getResource(db, r.resourceCode),
    ]);
    const corrections = (
      await correctionsOfGrants(
        db,
        [grant?.id, baseGrant?.id].filter((g): g is string => !!g),
      )
    ).map((c) => ({ id: c.id, status: c.status, filedAt: c.filedAt }));
    const s = summaryOf(
      r,
      entry?.name ?? r.resourceCode,
      { consumer: ref(r.consumerDepartment), provider: ref(r.providerDepartment) },
      p.currentTask,
    );
    // The answers under their questions: as asked when the request was made, else as the catalogue asks now.
    const conditions = answersTo(r.questions ?? entry?.conditions ?? [], r);
    return detailOf(r, s, p, conditions, { grant, baseGrant, dispute, corrections });
  }

  /** The request, if the caller's department is a party to it or the caller has a city-level role. */
  async function visible(user: User, id: string): Promise<RequestRow> {
    const r = await getRequest(db, id);
    if (!r) throw new HttpError(404, 'request_not_found', `No sharing request ${id}.`);
    mayReadCase(user, `Request ${id}`, [r.consumerDepartment, r.providerDepartment]);
    return r;
  }

  /** Waits (briefly) until the workflow has routed the request: granted, rejected, or in a review step. */
  const routed = async (id: string) =>
    settle(
      async () => (await getRequest(db, id))!,
      (r) => r.status !== 'submitted',
      ROUTING_WAIT_MS,
    );

  /**
   * `known`: the catalogue entry and the policy in force at its filing, when the caller has just
   * read them. The policy goes with the start, so the workflow routes the request without a read.
   * A request started again (its first start failed) goes with the version its filing was checked
   * against, which it records, even if a newer one was stored in between.
   */
  async function start(
    r: RequestRow,
    requester: User,
    known?: { resource: Resource; policy: PolicyVersion },
  ): Promise<void> {
    const resource = known?.resource ?? (await getResource(db, r.resourceCode))!;
    const policy =
      known?.policy ??
      (r.policyKey ? await policyByKey(db, r.policyKey) : null) ??
      (await policyInForce(db, localDateOf(r.submittedAt)));
    await temporal.startCase<typeof sharingRequest>({
      process: SHARING_REQUEST_PROCESS,
      workflowId: r.workflowId,
      status: 'submitted',
      provider: resource.providerDepartment.code,
      consumer: r.consumerDepartment,
      metadata: caseMetadata({
        processName: SHARING_REQUEST_LABEL.zh,
        caseId: r.id,
        resource,
        provider: resource.providerDepartment.code,
        consumer: r.consumerDepartment,
      }),
      args: [
        {
          requestId: r.id,
          resource: resourceSnapshot(resource),
          consumerDepartment: r.consumerDepartment,
          requester: actorOf(requester),
          items: r.items,
          purpose: r.purpose,
          usageFrom: r.usageFrom,
          usageTo: r.usageTo,
          usageEndsAt: usageEndsAt(r.usageTo),
          submittedAt: r.submittedAt,
          policy,
        },
      ],
    });
  }

  return {
    /**
     * `wait` false answers as soon as the workflow has started (status
     * "submitted"), for clients that submit in bulk (Prefer: respond-async).
     */
    async submit(user: User, key: string, body: SharingRequestBody, ip: string | null, wait = true) {
      const settled = async (id: string) => (wait ? routed(id) : (await getRequest(db, id))!);
      const hash = payloadHash(body);
      const now = new Date();
      // What a filing reads goes out at once; a retry (found by its key) uses only the first, and a
      // failure of the others counts only where the filing would have come to it.
      const [earlierRead, resourceRead, policyRead] = await Promise.allSettled([
        findRequestByKey(db, user.username, key),
        getResource(db, body.resourceCode),
        policyInForce(db, localDateOf(now.toISOString())),
      ]);
      const earlier = valueOf(earlierRead);
      if (earlier) {
        sameFiling(earlier, hash, key, 'request');
        // A retry after a crash between storing and starting heals here: starting again is a no-op.
        if (earlier.status === 'submitted') await start(earlier, user);
        return { created: false, request: await detail(await settled(earlier.id)) };
      }

      const resource = valueOf(resourceRead);
      if (!resource)
        throw unprocessable('invalid_request', 'request', [
          {
            path: 'resourceCode',
            code: 'not_in_catalogue',
            message: `no resource ${body.resourceCode} in the catalogue`,
          },
        ]);
      if (resource.retiredAt)
        throw unprocessable('invalid_request', 'request', [
          {
            path: 'resourceCode',
            code: 'resource_retired',
            params: { code: body.resourceCode },
            message: `${body.resourceCode} was retired on ${resource.retiredAt}: ${resource.retiredReason ?? ''}`,
          },
        ]);
      const policy = valueOf(policyRead);
      const problems = checkSharingRequest(
        resource,
        body,
        user.department.code,
        now,
        policy.document.sharing?.maxUsagePeriod.years ?? Number.POSITIVE_INFINITY,
      );
      if (problems.length) throw unprocessable('invalid_request', 'request', problems);

      const id = newCaseId(SHARING_REQUEST_ID_PREFIX, now);
      // The audit entry lands with the request, so a request whose start failed (and is
      // started by the client's retry) is audited once all the same.
      const audited = (trx: Db) =>
        auditByUser(trx, user, {
          action: 'sharing_request.submit',
          entityType: 'sharing_request',
          entityId: id,
          ip,
          detail: { resourceCode: resource.code, items: body.items },
        });
      const stored = await insertRequest(
        db,
        {
          id,
          workflowId: sharingWorkflowId(id),
          requestedBy: user.username,
          idempotencyKey: key,
          payloadHash: hash,
          resourceCode: resource.code,
          resourceVersion: resource.version,
          policyKey: policy.key,
          shareType: resource.shareType,
          consumerDepartment: user.department.code,
          providerDepartment: resource.providerDepartment.code,
          items: body.items,
          purpose: body.purpose,
          basis: body.basis,
          answers: body.answers,
          questions: resource.conditions.map((c) => ({ id: c.id, question: c.question })),
          usageFrom: body.usageFrom,
          usageTo: body.usageTo,
          submittedAt: now.toISOString(),
        },
        audited,
      );
      if (stored.id !== id) {
        // A concurrent retry with the same key stored its request first; answer with that one.
        sameFiling(stored, hash, key, 'request');
        return { created: false, request: await detail(await settled(stored.id)) };
      }
      // If Temporal does not answer, the row stays "submitted" and the client's retry with the
      // same Idempotency-Key starts the workflow (its id follows from the row, so never twice).
      // Deleting the row instead would orphan a workflow whose start reached the server but
      // whose answer was lost.
      await start(stored, user, { resource, policy });
      return {
        created: true,
        request: wait
          ? await detail(await routed(id), { resource, requester: user })
          : asFiled(stored, resource, user),
      };
    },

    async list(
      user: User,
      q: {
        status?: RequestStatus;
        resourceCode?: string;
        consumer?: string;
        provider?: string;
        page: number;
        pageSize: number;
      },
    ) {
      const page = await listRequests(db, {
        ...q,
        department: departmentScope(user),
      });
      const ids = page.items.map((r) => r.id);
      const [ref, names, open] = await Promise.all([
        departmentRefs(),
        resourceNames(
          db,
          page.items.map((r) => r.resourceCode),
        ),
        currentTasks(ids),
      ]);
      return {
        items: page.items.map((r) =>
          summaryOf(
            r,
            names.get(r.resourceCode) ?? r.resourceCode,
            { consumer: ref(r.consumerDepartment), provider: ref(r.providerDepartment) },
            open.get(r.id) ?? null,
          ),
        ),
        total: page.total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async read(user: User, id: string, ip: string | null) {
      const r = await visible(user, id);
      await auditByUser(db, user, {
        action: 'sharing_request.read',
        entityType: 'sharing_request',
        entityId: id,
        ip,
      });
      return detail(r);
    },

    async withdraw(user: User, id: string, reason: string | undefined, ip: string | null) {
      let r = await visible(user, id);
      // Filed a moment ago (Prefer: respond-async), it is still being routed: its first review
      // opens in a moment, and the withdrawal cancels that (the workflow takes one only then).
      if (r.status === 'submitted')
        r = await settle(
          async () => (await getRequest(db, id))!,
          (x) => x.status !== 'submitted',
        );
      if (!['submitted', 'provider_review', 'statutory_review', 'platform_review'].includes(r.status))
        throw new HttpError(
          409,
          'case_closed',
          `Request ${id} is already ${r.status}; only an undecided request can be withdrawn.`,
        );
      await temporal.withdrawRequest(r.workflowId, { actor: actorOf(user), reason });
      await auditByUser(db, user, {
        action: 'sharing_request.withdraw',
        entityType: 'sharing_request',
        entityId: id,
        ip,
        detail: { reason: reason ?? null },
      });
      return detail((await getRequest(db, id))!);
    },
  };
}
