/**
 * Correction feedback at the API (art. 24): a consumer department that holds
 * or held a grant on a resource reports an error in it; late filings are
 * accepted and flagged. The detail shows the reply, deadlines and timeline.
 */
import type { Db } from '../../db/connection';
import { loadCalendarFor } from '../../db/calendar-repository';
import { getResource } from '../../db/catalogue-repository';
import {
  deleteCorrection,
  getCorrection,
  insertCorrection,
  type Correction,
} from '../../db/correction/repository';
import type { User } from '../../db/directory-repository';
import { disputeOfSubject } from '../../db/dispute/repository';
import { grantsOfConsumer } from '../../db/sharing_request/grant-repository';
import { policyInForce } from '../../db/policy-repository';
import { localIso } from '../../domain/calendar/working-days';
import {
  CORRECTION_PROCESS,
  CORRECTION_LABEL,
  CORRECTION_STEPS,
  correctionWorkflowId,
} from '../../workflows/correction/contract';
import type { CorrectionBody } from './correction-body';
import { stepPolicy } from '../../domain/policy/policy-document';
import { addDuration } from '../../domain/sla/schedule';
import { DateTime } from 'luxon';
import { ZONE } from '../../domain/calendar/working-days';
import { caseMetadata } from '../../workflows/cases/case-metadata';
import type { correctionFeedback } from '../../workflows/correction/workflow';
import { HttpError, unprocessable } from '../http/errors';
import type { TemporalGateway } from '../temporal/temporal-gateway';
import { auditByUser } from '../cases/audit';
import { newCaseId, settle } from '../cases/case-ids';
import { createCaseProgress } from '../cases/case-progress';
import { mayReadCase } from '../auth/policies';
import { actorOf } from '../tasks/service';
import { createTaskViews } from '../tasks/task-views';

const invalid = (problems: { path: string; message: string }[]) =>
  unprocessable('invalid_correction', 'correction', problems);

export function createCorrectionService(deps: { db: Db; temporal: TemporalGateway }) {
  const { db, temporal } = deps;
  const progress = createCaseProgress(db, createTaskViews(db));

  async function detail(c: Correction) {
    const [resource, p, dispute] = await Promise.all([
      getResource(db, c.resourceCode),
      progress('correction', c.id),
      disputeOfSubject(db, 'correction', c.id),
    ]);
    return {
      id: c.id,
      resourceCode: c.resourceCode,
      resourceName: resource?.name ?? c.resourceCode,
      grantId: c.grantId,
      consumerDepartment: c.consumerDepartment,
      providerDepartment: c.providerDepartment,
      filedBy: c.filedBy,
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

  return {
    async file(user: User, body: CorrectionBody, ip: string | null) {
      const now = new Date();
      const resource = await getResource(db, body.resourceCode);
      if (!resource)
        throw invalid([
          { path: 'resourceCode', message: `no resource ${body.resourceCode} in the catalogue` },
        ]);
      const department = user.department.code;
      const problems: { path: string; message: string }[] = [];
      if (Date.parse(body.discoveredAt) > now.getTime())
        problems.push({ path: 'discoveredAt', message: 'is in the future' });
      const known = new Set(resource.items.map((i) => i.name));
      body.items.forEach((item, i) => {
        if (!known.has(item))
          problems.push({ path: `items[${i}]`, message: `"${item}" is not a data item of ${resource.code}` });
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

      // Late if filed after the policy's filing deadline counted from the discovery (art. 24: 5 working days).
      const policy = await policyInForce(db, DateTime.fromJSDate(now).setZone(ZONE).toISODate() as string);
      const filing = stepPolicy(policy.document, CORRECTION_PROCESS, 'filing');
      const calendar = await loadCalendarFor(db, body.discoveredAt, 30);
      const filingDeadline = addDuration(body.discoveredAt, filing.deadline, calendar).deadline;
      const late = now.getTime() > Date.parse(filingDeadline);

      const id = newCaseId('CR', now);
      const workflowId = correctionWorkflowId(id);
      await insertCorrection(db, {
        id,
        workflowId,
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
      try {
        await temporal.startCase<typeof correctionFeedback>({
          workflowId,
          process: CORRECTION_PROCESS,
          status: CORRECTION_STEPS.providerReply,
          provider: resource.providerDepartment.code,
          consumer: department,
          metadata: caseMetadata({
            processName: CORRECTION_LABEL.zh,
            caseId: id,
            resource,
            provider: resource.providerDepartment.code,
            consumer: department,
          }),
          args: [
            {
              correctionId: id,
              resourceCode: resource.code,
              resourceName: resource.name,
              provider: resource.providerDepartment.code,
              consumer: department,
              filedBy: actorOf(user),
              filedAt: now.toISOString(),
              late,
            },
          ],
        });
      } catch (err) {
        await deleteCorrection(db, id);
        throw err;
      }
      await auditByUser(db, user, { action: 'correction.file', entityType: 'correction', entityId: id, ip });
      // Answer once the provider's task is in its inbox, so the reply deadline shows.
      await settle(
        () => progress('correction', id),
        (p) => p.currentTask !== null,
      );
      return detail((await getCorrection(db, id))!);
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
