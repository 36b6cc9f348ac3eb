/**
 * The security registers: agreements with technical service units (art. 30),
 * each with a workflow that reminds its department before it expires, and
 * each department's yearly risk assessment of its data service node (art. 27).
 */
import { localToday } from '../http/local-today';
import { DateTime } from 'luxon';
import { loadWorkingCalendar } from '../../db/calendar-repository';
import { getDepartment, unknownDepartments, type User } from '../../db/directory-repository';
import { policyInForce } from '../../db/policy-repository';
import {
  agreementsOf,
  deleteAgreement,
  getAgreement,
  insertAgreement,
} from '../../db/security/agreement-repository';
import { assessmentIdOf, assessmentsOf, insertAssessment } from '../../db/security/assessment-repository';
import { formatInstant, ZONE } from '../../domain/calendar/working-days';
import { articleLabel } from '../../domain/policy/articles';
import { durationLabel } from '../../domain/policy/duration';
import { subtractDuration } from '../../domain/sla/schedule';
import {
  AGREEMENT_ID_PREFIX,
  agreementWorkflowId,
  SECURITY_AGREEMENT_WORKFLOW,
} from '../../workflows/security/contract';
import type { securityAgreement } from '../../workflows/security/agreement-workflow';
import { caseMetadata } from '../../workflows/cases/case-metadata';
import { mayKeepRegister, mayReadDepartment } from '../auth/policies';
import { auditByUser } from '../cases/audit';
import { newCaseId } from '../cases/case-ids';
import type { ApiDeps } from '../http/deps';
import { HttpError, unprocessable } from '../http/errors';
import type { z } from 'zod';
import type { AgreementBodySchema, AssessmentBodySchema } from './schemas';

const today = localToday;

export function createSecurityService(deps: ApiDeps) {
  const { db, temporal } = deps;

  async function department(code: string) {
    const d = await getDepartment(db, code);
    if (!d) throw new HttpError(404, 'department_not_found', `No department ${code}.`);
    return d;
  }

  return {
    async read(user: User, code: string) {
      mayReadDepartment(user, code);
      const d = await department(code);
      const [agreements, assessments] = await Promise.all([agreementsOf(db, code), assessmentsOf(db, code)]);
      const policy = await policyInForce(db, today());
      const r = policy.document.records?.agreementReminder;
      return {
        department: { code: d.code, name: d.name, nameEn: d.nameEn },
        agreements,
        assessments,
        assessedThisYear: assessments.some((a) => a.year === DateTime.now().setZone(ZONE).year),
        reminder: r
          ? {
              label: {
                zh: `协议到期前${durationLabel(r.before).zh}提醒(${articleLabel(r.citation.article)}${r.citation.basis === 'default' ? ',平台默认' : ''})`,
                en: `Reminded ${durationLabel(r.before).en} before expiry (${articleLabel(r.citation.article, 'en')}${r.citation.basis === 'default' ? ', platform default' : ''})`,
              },
              article: r.citation.article,
              basis: r.citation.basis,
            }
          : null,
      };
    },

    async recordAgreement(user: User, body: z.infer<typeof AgreementBodySchema>, ip: string | undefined) {
      const code = body.department ?? user.department.code;
      const problems = await unknownDepartments(db, [code], 'department');
      if (problems.length) throw unprocessable('invalid_agreement', 'agreement', problems);
      mayKeepRegister(user, code);
      if (body.expiresOn < body.signedOn)
        throw unprocessable('invalid_agreement', 'agreement', [
          { path: 'expiresOn', code: 'before_signed', message: 'is before signedOn' },
        ]);
      if (body.signedOn > today())
        throw unprocessable('invalid_agreement', 'agreement', [
          { path: 'signedOn', code: 'in_future', message: 'is in the future' },
        ]);
      if (body.expiresOn < today())
        throw unprocessable('invalid_agreement', 'agreement', [
          { path: 'expiresOn', code: 'expired', message: 'has passed: record agreements in force' },
        ]);
      const policy = await policyInForce(db, today());
      const before = policy.document.records?.agreementReminder?.before;
      const endsAt = DateTime.fromISO(body.expiresOn, { zone: ZONE }).endOf('day');
      const year = endsAt.year;
      const remindAt = before
        ? subtractDuration(
            formatInstant(endsAt),
            before,
            policy.document.reminderHour,
            await loadWorkingCalendar(db, [year - 1, year]),
          ).deadline
        : formatInstant(endsAt);
      const now = new Date();
      const id = newCaseId(AGREEMENT_ID_PREFIX, now);
      const workflowId = agreementWorkflowId(id);
      await insertAgreement(db, {
        id,
        department: code,
        serviceUnit: body.serviceUnit,
        scope: body.scope,
        kinds: body.kinds,
        signedOn: body.signedOn,
        expiresOn: body.expiresOn,
        remindAt,
        policyKey: policy.key,
        status: 'in_force',
        recordedBy: user.username,
        recordedAtMs: now.getTime(),
        workflowId,
      });
      // No agreement without its reminders: if Temporal cannot start them, the row goes too
      // and the caller, told 503, records it again.
      try {
        await temporal.startCase<typeof securityAgreement>({
          process: SECURITY_AGREEMENT_WORKFLOW,
          workflowId,
          status: 'in_force',
          provider: code,
          args: [
            {
              agreementId: id,
              department: code,
              serviceUnit: body.serviceUnit,
              expiresOn: body.expiresOn,
              remindAt,
              endsAt: formatInstant(endsAt),
            },
          ],
          metadata: caseMetadata({ processName: '安全保密协议', caseId: id, provider: code }),
        });
      } catch (err) {
        await deleteAgreement(db, id);
        throw err;
      }
      await auditByUser(db, user, {
        action: 'security.agreement.record',
        entityType: 'security_agreement',
        entityId: id,
        ip,
        detail: { department: code, serviceUnit: body.serviceUnit, expiresOn: body.expiresOn },
      });
      return (await getAgreement(db, id))!;
    },

    async recordAssessment(
      user: User,
      code: string,
      body: z.infer<typeof AssessmentBodySchema>,
      ip: string | undefined,
    ) {
      await department(code);
      mayKeepRegister(user, code);
      if (body.assessedOn > today())
        throw unprocessable('invalid_assessment', 'assessment', [
          { path: 'assessedOn', code: 'in_future', message: 'is in the future' },
        ]);
      if (Number(body.assessedOn.slice(0, 4)) !== body.year)
        throw unprocessable('invalid_assessment', 'assessment', [
          {
            path: 'assessedOn',
            code: 'wrong_year',
            params: { year: body.year },
            message: `is not in ${body.year}`,
          },
        ]);
      const added = await insertAssessment(db, {
        ...body,
        department: code,
        recordedBy: user.username,
        recordedAtMs: Date.now(),
      });
      if (!added)
        throw new HttpError(
          409,
          'assessment_exists',
          `${code} already recorded its ${body.year} assessment.`,
          [{ path: 'year', code: 'assessment_exists', message: 'already has an assessment' }],
        );
      const id = assessmentIdOf(code, body.year);
      await auditByUser(db, user, {
        action: 'security.assessment.record',
        entityType: 'risk_assessment',
        entityId: id,
        ip,
        detail: { year: body.year, riskLevel: body.riskLevel },
      });
      return (await assessmentsOf(db, code)).find((a) => a.id === id)!;
    },
  };
}
