/**
 * Correction feedback at the API (art. 24): a consumer department that holds
 * or held a grant on a resource reports an error in it; late filings are
 * accepted and flagged. The detail shows the reply, deadlines and timeline.
 */
import { directoryNames } from '../directory/names';
import type { Db } from '../../db/connection';
import { loadCalendarFor } from '../../db/calendar-repository';
import { getResource, resourceNames } from '../../db/catalogue-repository';
import {
  findCorrectionByKey,
  getCorrection,
  insertCorrection,
  listCorrections,
  type Correction,
} from '../../db/correction/repository';
import { caseEvents } from '../../db/case-repository';
import type { User } from '../../db/directory-repository';
import { disputeOfSubject } from '../../db/dispute/repository';
import { getGrant, grantsOfConsumer } from '../../db/sharing_request/grant-repository';
import { policyInForce } from '../../db/policy-repository';
import { localDateOf, localIso } from '../../domain/calendar/working-days';
import {
  CORRECTION_PROCESS,
  CORRECTION_ID_PREFIX,
  CORRECTION_LABEL,
  CORRECTION_STEPS,
  correctionWorkflowId,
  type CorrectionStatus,
} from '../../workflows/correction/contract';
import type { CorrectionBody } from './correction-body';
import type { PolicyVersion } from '../../domain/policy/policy-document';
import { stepPolicy } from '../../domain/policy/policy-document';
import { addDuration } from '../../domain/sla/schedule';
import { caseMetadata } from '../../workflows/cases/case-metadata';
import type { correctionFeedback } from '../../workflows/correction/workflow';
import { HttpError, unprocessable, type FieldProblem } from '../http/errors';
import { payloadHash, sameFiling } from '../http/idempotency';
import type { TemporalGateway } from '../temporal/temporal-gateway';
import { auditByUser } from '../cases/audit';
import { newCaseId } from '../cases/case-ids';
import { settle } from '../cases/settle';
import { createCaseProgress } from '../cases/case-progress';
import { departmentScope, mayReadCase } from '../auth/policies';
import { actorOf } from '../tasks/service';
import { createTaskViews } from '../tasks/task-views';

const invalid = (problems: FieldProblem[]) => unprocessable('invalid_correction', 'correction', problems);

export function createCorrectionService(deps: { db: Db; temporal: TemporalGateway }) {
  const { db, temporal } = deps;
  const progress = createCaseProgress(db, createTaskViews(db));

  async function detail(c: Correction) {
    const [resource, p, dispute, names] = await Promise.all([
      getResource(db, c.resourceCode),
      progress('correction', c.id),
      disputeOfSubject(db, 'correction', c.id),
      directoryNames(db),
    ]);
    return {
      id: c.id,
      resourceCode: c.resourceCode,
      resourceName: resource?.name ?? c.resourceCode,
      grantId: c.grantId,
      requestId: c.grantId ? ((await getGrant(db, c.grantId))?.requestId ?? null) : null,
      consumerDepartment: c.consumerDepartment,
      providerDepartment: c.providerDepartment,
      consumerDepartmentName: names.department(c.consumerDepartment),
      providerDepartmentName: names.department(c.providerDepartment),
      filedBy: c.filedBy,
      filedByName: names.person(c.filedBy),
      discoveredAt: c.discoveredAt,
      filedAt: c.filedAt,
      filingDeadline: c.filingDeadline,
      late: c.late,
      items: c.items,
      description: c.description,
      evidence: c.evidence,
      status: c.status,
      reply: c.replyDecision ? { decision: c.replyDecision, text: c.replyText ?? '' } : null,
      currentTask: p.currentTask,
      deadlines: p.deadlines,
      timeline: p.timeline,
      dispute: dispute && { id: dispute.id, status: dispute.status, outcome: dispute.outcome },
    };
  }

  /**
   * Starts the correction's workflow; starting it again (a retried filing) is a no-op. The policy
   * in force at the filing goes with the start (`policy`: when the caller has just read it).
   */
  async function start(c: Correction, user: User, policy?: PolicyVersion): Promise<void> {
    const resource = (await getResource(db, c.resourceCode))!;
    await temporal.startCase<typeof correctionFeedback>({
      workflowId: c.workflowId,
      process: CORRECTION_PROCESS,
      status: CORRECTION_STEPS.providerReply,
      provider: c.providerDepartment,
      consumer: c.consumerDepartment,
      metadata: caseMetadata({
        processName: CORRECTION_LABEL.zh,
        caseId: c.id,
        resource,
        provider: c.providerDepartment,
        consumer: c.consumerDepartment,
      }),
      args: [
        {
          correctionId: c.id,
          resourceCode: resource.code,
          resourceName: resource.name,
          provider: c.providerDepartment,
          consumer: c.consumerDepartment,
          filedBy: actorOf(user),
          filedAt: new Date(Date.parse(c.filedAt)).toISOString(),
          late: c.late,
          policy: policy ?? (await policyInForce(db, localDateOf(c.filedAt))),
        },
      ],
    });
  }

  /** Waits (briefly) until the provider's task is in its inbox, so the reply deadline shows. */
  const opened = (id: string) =>
    settle(
      async () => (await getCorrection(db, id))!,
      (c) => c.currentStep !== null,
    );

  /** A filing sent again under its key: the same body answers the correction it made (started if it never was). */
  async function again(c: Correction, key: string, hash: string, user: User) {
    sameFiling(c, hash, key, 'correction');
    // Its workflow records the filing first: no event yet means the start never reached Temporal.
    if ((await caseEvents(db, CORRECTION_PROCESS, c.id)).length > 0)
      return { created: false, correction: await detail(c) };
    await start(c, user);
    return { created: false, correction: await detail(await opened(c.id)) };
  }

  return {
    /** Files a correction under the filer's Idempotency-Key: the same key and body again answer the same correction. */
    async file(user: User, key: string, body: CorrectionBody, ip: string | null) {
      const hash = payloadHash(body);
      const earlier = await findCorrectionByKey(db, user.username, key);
      if (earlier) return again(earlier, key, hash, user);
      const now = new Date();
      const resource = await getResource(db, body.resourceCode);
      if (!resource)
        throw invalid([
          {
            path: 'resourceCode',
            code: 'not_in_catalogue',
            message: `no resource ${body.resourceCode} in the catalogue`,
          },
        ]);
      const department = user.department.code;
      const problems: FieldProblem[] = [];
      if (Date.parse(body.discoveredAt) > now.getTime())
        problems.push({ path: 'discoveredAt', code: 'in_future', message: 'is in the future' });
      const known = new Set(resource.items.map((i) => i.name));
      body.items.forEach((item, i) => {
        if (!known.has(item))
          problems.push({
            path: `items[${i}]`,
            code: 'not_an_item',
            params: { item },
            message: `"${item}" is not a data item of ${resource.code}`,
          });
      });
      if (resource.providerDepartment.code === department)
        problems.push({
          path: 'resourceCode',
          message: 'your own department provides this resource; correct it directly',
        });
      const grants = await grantsOfConsumer(db, department, resource.code);
      if (body.grantId && !grants.some((g) => g.id === body.grantId))
        problems.push({
          path: 'grantId',
          message: `${body.grantId} is not a grant of ${department} on ${resource.code}`,
        });
      if (problems.length) throw invalid(problems);
      if (grants.length === 0)
        throw new HttpError(
          403,
          'no_grant',
          `${user.department.name} holds no grant on ${resource.code}, now or before; errors are reported by departments that use the data (art. 24).`,
        );
      // Art. 24 (使用部门对获取的共享信息有疑义): only items the department obtained, by the named grant or any of its grants.
      const obtained = new Set(
        grants.filter((g) => !body.grantId || g.id === body.grantId).flatMap((g) => g.items),
      );
      const notObtained = body.items
        .map((item, i) => ({ item, i }))
        .filter(({ item }) => known.has(item) && !obtained.has(item));
      if (notObtained.length)
        throw invalid(
          notObtained.map(({ item, i }) => ({
            path: `items[${i}]`,
            message: `"${item}" was not granted to ${department}${body.grantId ? ` by ${body.grantId}` : ''}: only data obtained can be questioned (art. 24)`,
          })),
        );

      // Late if filed after the policy's filing deadline counted from the discovery (art. 24).
      const policy = await policyInForce(db, localDateOf(now.toISOString()));
      const filing = stepPolicy(policy.document, CORRECTION_PROCESS, 'filing');
      const calendar = await loadCalendarFor(db, body.discoveredAt, 30);
      const filingDeadline = addDuration(body.discoveredAt, filing.deadline, calendar).deadline;
      const late = now.getTime() > Date.parse(filingDeadline);

      const id = newCaseId(CORRECTION_ID_PREFIX, now);
      const workflowId = correctionWorkflowId(id);
      const stored = await insertCorrection(db, {
        id,
        workflowId,
        idempotencyKey: key,
        payloadHash: hash,
        resourceCode: resource.code,
        grantId: body.grantId ?? grants[0].id,
        consumerDepartment: department,
        providerDepartment: resource.providerDepartment.code,
        filedBy: user.username,
        discoveredAt: localIso(Date.parse(body.discoveredAt)),
        filedAt: now.toISOString(),
        filingDeadline,
        late,
        items: body.items,
        description: body.description,
        evidence: body.evidence,
      });
      // A concurrent filing with the same key stored its correction first: answer with that one.
      if (stored.id !== id) return again(stored, key, hash, user);
      // If Temporal does not answer, the row stays and the client's retry with the same
      // Idempotency-Key starts its workflow (whose id follows from the row, so never twice).
      await start(stored, user, policy);
      await auditByUser(db, user, { action: 'correction.file', entityType: 'correction', entityId: id, ip });
      return { created: true, correction: await detail(await opened(id)) };
    },

    /** The corrections the caller's department filed or received (city-level roles: all), newest first. */
    async list(user: User, q: { status?: CorrectionStatus; page: number; pageSize: number }) {
      const [page, names] = await Promise.all([
        listCorrections(db, { ...q, department: departmentScope(user) }),
        directoryNames(db),
      ]);
      const resources = await resourceNames(
        db,
        page.items.map((c) => c.resourceCode),
      );
      return {
        items: page.items.map((c) => ({
          id: c.id,
          resourceCode: c.resourceCode,
          resourceName: resources.get(c.resourceCode) ?? c.resourceCode,
          grantId: c.grantId,
          consumerDepartment: c.consumerDepartment,
          providerDepartment: c.providerDepartment,
          consumerDepartmentName: names.department(c.consumerDepartment),
          providerDepartmentName: names.department(c.providerDepartment),
          filedAt: c.filedAt,
          late: c.late,
          status: c.status,
        })),
        total: page.total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async read(user: User, id: string, ip: string | null) {
      const c = await getCorrection(db, id);
      if (!c) throw new HttpError(404, 'correction_not_found', `No correction ${id}.`);
      mayReadCase(user, `Correction ${id}`, [c.consumerDepartment, c.providerDepartment]);
      await auditByUser(db, user, { action: 'correction.read', entityType: 'correction', entityId: id, ip });
      return detail(c);
    },
  };
}
