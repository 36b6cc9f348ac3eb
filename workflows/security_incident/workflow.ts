/**
 * Security incidents (安全事件, art. 31). A department has reported a security
 * problem; the information-security authority handles it within the policy's
 * period, escalating to the LG office and the city government office if it
 * does not, and records how it was resolved; the reporting department and its
 * data stewards are told.
 *
 * Drawn in diagram.bpmn beside this file, whose ids are these steps.
 *
 * RUNNING WORKFLOWS REPLAY THIS CODE: a change to what it does (activities,
 * timers, their order) goes behind `patched()` or into a new workflow type;
 * the replay test (test/replay/) checks the recorded histories still replay.
 */
import { setHandler } from '@temporalio/workflow';
import { calendarChanged, completeTask } from '../sla/task-contract';
import {
  SECURITY_INCIDENT_PROCESS,
  SECURITY_INCIDENT_STEPS,
  type SecurityIncidentFacts,
  type SecurityIncidentInput,
  type SecurityIncidentStatus,
} from './contract';
import { acts } from '../cases/activities-proxy';
import { CaseRecorder, noticeTo } from '../cases/case-recorder';
import { HumanTasks } from '../sla/human-tasks';

export async function securityIncident(input: SecurityIncidentInput): Promise<SecurityIncidentStatus> {
  const { incidentId, department } = input;
  const record = new CaseRecorder<SecurityIncidentStatus, SecurityIncidentFacts>(
    SECURITY_INCIDENT_PROCESS,
    incidentId,
    'handling',
  );
  const toAll = noticeTo(
    [
      { role: 'security_authority', department: null },
      { role: 'data_steward', department },
    ],
    { zh: `${input.title}(${incidentId})`, en: incidentId },
  );
  const policy = await acts.loadPolicyInForce({ at: input.reportedAt });
  const tasks = new HumanTasks({
    processType: SECURITY_INCIDENT_PROCESS,
    caseId: incidentId,
    policy,
    parties: { department },
    caseMoveOnOpening: (t) => record.prepare('handling', t.step, { action: 'task_opened', step: t.step }),
  });
  setHandler(completeTask, tasks.complete, { validator: tasks.validate });
  setHandler(calendarChanged, tasks.calendarChanged);
  await record.move(
    'handling',
    null,
    { action: 'reported', actor: input.reportedBy },
    { notice: toAll('收到安全事件报告', 'Security incident reported') },
  );

  const handled = await tasks.decide(SECURITY_INCIDENT_STEPS.handling);
  await record.move(
    'resolved',
    null,
    {
      action: 'resolved',
      step: handled.step,
      actor: handled.actor,
      decision: handled.decision,
      reason: handled.reason,
    },
    {
      facts: { resolution: handled.reason ?? '' },
      notice: toAll('安全事件已处置', 'Security incident resolved'),
    },
  );
  return 'resolved';
}
