/**
 * Security incidents (art. 31) at real lengths on the time-skipping server: a
 * department's report becomes a task for the information-security authority
 * with the policy's deadline (a platform default: the article sets none); left
 * alone, it breaches and escalates to the LG office and the city government
 * office exactly at the deadline, the task staying open; the authority's
 * resolution is recorded and the department is told.
 */
import { loadWorkingCalendar } from '../../db/calendar-repository';
import { addWorkingDays } from '../../domain/calendar/working-days';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '../../seeds/default-policy';
import { nearYears } from '../support/calendars';
import { servicesOf } from '../support/services';
import { useWorkflowHarness } from '../support/workflow-harness';
import { waitFor } from '../support/wait';

const h = useWorkflowHarness(require.resolve('../../workflows'));
const s = servicesOf(h);
const handling = loadPolicyFile(DEFAULT_POLICY_FILE).processes.security_incident.steps.handling;

it('reported, left past its deadline: breach and escalation; then resolved, and the department told', async () => {
  const steward = await s.user('wangfang');
  const incident = await s.incidents().report(
    steward,
    {
      title: '人口库接口异常调用',
      severity: 'high',
      occurredAt: new Date(Date.now() - 3600_000).toISOString(),
      description: '凌晨出现大量异常查询,已临时封禁来源地址',
    },
    '10.0.0.8',
  );
  expect(incident).toMatchObject({
    status: 'handling',
    department: 'public-security',
    reportedBy: 'wangfang',
  });
  expect(incident.currentTask).toMatchObject({ step: 'handling' });
  expect(incident.timeline[0]).toMatchObject({ action: 'reported', actor: 'wangfang' });

  const task = await waitFor('the handling task', () =>
    h.t.db('tasks').where({ case_id: incident.id, step: 'handling' }).first(),
  );
  const calendar = await loadWorkingCalendar(h.t.db, nearYears());
  expect('workingDays' in handling.deadline).toBe(true);
  const days = (handling.deadline as { workingDays: number }).workingDays;
  expect(task.deadline).toBe(addWorkingDays(task.started_at, days, calendar).deadline);
  expect(incident.deadlines[0]).toMatchObject({ step: 'handling', article: 31, articleLabel: '第三十一条' });
  expect(
    await h.t.db('task_candidates').where({ task_id: task.id }).select('role', 'department_code'),
  ).toEqual([expect.objectContaining({ role: 'security_authority' })]);

  await h.env.sleep(Date.parse(task.deadline) + 60_000 - (await h.env.currentTimeMs()));
  const escalation = await waitFor('the escalation', () =>
    h.t.db('sla_events').where({ task_id: task.id, kind: 'escalation' }).first(),
  );
  expect(Number(escalation.at_ms)).toBe(Date.parse(task.deadline));
  expect(JSON.parse(escalation.detail).notify).toEqual([
    { role: 'lg_office', department: null },
    { role: 'supervisor', department: null },
  ]);
  expect((await h.t.db('tasks').where({ id: task.id }).first()).status).toBe('open');

  const authority = await s.user('luoyi');
  await s
    .tasks()
    .complete(authority, task.id, { decision: 'resolved', reason: '已修补接口鉴权并加固限流' }, null);
  const done = await waitFor('resolved', async () => {
    const i = await s.incidents().read(authority, incident.id);
    return i.status === 'resolved' ? i : undefined;
  });
  expect(done.resolution).toBe('已修补接口鉴权并加固限流');
  const notices = await h.t
    .db('notifications')
    .where('id', 'like', `${incident.id}#%`)
    .andWhere({ kind: 'result' });
  expect(notices.map((n) => `${n.recipient_role}@${n.recipient_department ?? '*'}`).sort()).toEqual(
    expect.arrayContaining(['data_steward@public-security', 'security_authority@*']),
  );
});
