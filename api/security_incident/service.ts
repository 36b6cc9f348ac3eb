/**
 * Security incidents (art. 31): a department reports one, idempotently under
 * its Idempotency-Key; its workflow makes it a task for the information-security
 * authority with the policy's deadline. Read by the reporting department and
 * by city-level roles.
 */
import { directoryNames } from '../directory/names';
import type { z } from 'zod';
import { caseEvents } from '../../db/case-repository';
import type { User } from '../../db/directory-repository';
import {
  findIncidentByKey,
  getIncident,
  insertIncident,
  type SecurityIncident,
} from '../../db/security_incident/repository';
import { caseMetadata } from '../../workflows/cases/case-metadata';
import {
  SECURITY_INCIDENT_ID_PREFIX,
  SECURITY_INCIDENT_LABEL,
  SECURITY_INCIDENT_PROCESS,
  SECURITY_INCIDENT_STEPS,
  securityIncidentWorkflowId,
} from '../../workflows/security_incident/contract';
import type { securityIncident } from '../../workflows/security_incident/workflow';
import { mayReadCase } from '../auth/policies';
import { auditByUser } from '../cases/audit';
import { newCaseId } from '../cases/case-ids';
import { createCaseProgress } from '../cases/case-progress';
import { settle } from '../cases/settle';
import type { ApiDeps } from '../http/deps';
import { HttpError, unprocessable } from '../http/errors';
import { payloadHash, sameFiling } from '../http/idempotency';
import { actorOf } from '../tasks/service';
import { createTaskViews } from '../tasks/task-views';
import type { IncidentBodySchema } from './schemas';

type IncidentBody = z.infer<typeof IncidentBodySchema>;

export function createSecurityIncidentService(deps: Pick<ApiDeps, 'db' | 'temporal'>) {
  const { db, temporal } = deps;
  const progress = createCaseProgress(db, createTaskViews(db));

  async function detail(i: SecurityIncident) {
    const [p, names] = await Promise.all([progress(SECURITY_INCIDENT_PROCESS, i.id), directoryNames(db)]);
    return {
      id: i.id,
      department: i.department,
      departmentName: names.department(i.department),
      title: i.title,
      severity: i.severity,
      occurredAt: i.occurredAt,
      description: i.description,
      reportedBy: i.reportedBy,
      reportedByName: names.person(i.reportedBy),
      reportedAt: i.reportedAt,
      status: i.status,
      resolution: i.resolution,
      currentTask: p.currentTask,
      deadlines: p.deadlines,
      timeline: p.timeline,
    };
  }

  async function start(i: SecurityIncident, user: User): Promise<void> {
    await temporal.startCase<typeof securityIncident>({
      workflowId: i.workflowId,
      process: SECURITY_INCIDENT_PROCESS,
      status: SECURITY_INCIDENT_STEPS.handling,
      provider: i.department,
      metadata: caseMetadata({
        processName: SECURITY_INCIDENT_LABEL.zh,
        caseId: i.id,
        provider: i.department,
      }),
      args: [
        {
          incidentId: i.id,
          department: i.department,
          title: i.title,
          severity: i.severity,
          reportedBy: actorOf(user),
          reportedAt: new Date(Date.parse(i.reportedAt)).toISOString(),
        },
      ],
    });
  }

  /** Waits (briefly) until the authority's task is open, so its deadline shows. */
  const opened = (id: string) =>
    settle(
      async () => (await getIncident(db, id))!,
      (i) => i.currentStep !== null || i.status !== 'handling',
    );

  async function again(i: SecurityIncident, key: string, hash: string, user: User) {
    sameFiling(i, hash, key, 'incident');
    if ((await caseEvents(db, SECURITY_INCIDENT_PROCESS, i.id)).length === 0) await start(i, user);
    return { created: false, incident: await detail(await opened(i.id)) };
  }

  return {
    async report(user: User, key: string, body: IncidentBody, ip: string | null) {
      const hash = payloadHash(body);
      const earlier = await findIncidentByKey(db, user.username, key);
      if (earlier) return again(earlier, key, hash, user);
      const now = new Date();
      if (Date.parse(body.occurredAt) > now.getTime())
        throw unprocessable('invalid_incident', 'incident', [
          { path: 'occurredAt', code: 'in_future', message: 'is in the future' },
        ]);
      const id = newCaseId(SECURITY_INCIDENT_ID_PREFIX, now);
      const stored = await insertIncident(db, {
        id,
        workflowId: securityIncidentWorkflowId(id),
        department: user.department.code,
        title: body.title,
        severity: body.severity,
        occurredAt: body.occurredAt,
        description: body.description,
        reportedBy: user.username,
        payloadHash: hash,
        idempotencyKey: key,
        reportedAtMs: now.getTime(),
      });
      if (stored.id !== id) return again(stored, key, hash, user);
      // If Temporal does not answer, the row stays and a retry with the same key starts its workflow.
      await start(stored, user);
      await auditByUser(db, user, {
        action: 'security_incident.report',
        entityType: SECURITY_INCIDENT_PROCESS,
        entityId: id,
        ip,
        detail: { severity: body.severity },
      });
      return { created: true, incident: await detail(await opened(id)) };
    },

    async read(user: User, id: string) {
      const i = await getIncident(db, id);
      if (!i) throw new HttpError(404, 'incident_not_found', `No security incident ${id}.`);
      mayReadCase(user, `Security incident ${id}`, [i.department]);
      return detail(i);
    },
  };
}
