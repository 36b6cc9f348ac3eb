/**
 * The sharing request's 2-working-day approval at real length on the
 * time-skipping server: the provider approves on a working day, the platform
 * authority never acts, and the breach and escalation come exactly at the end
 * of the second working day after; the task stays open and can still be done.
 */
import { sharingWorkflowId } from '../../workflows/sharing_request/contract';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { loadWorkingCalendar } from '../../db/calendar-repository';
import { addWorkingDays, judgeDay, ZONE } from '../../domain/calendar/working-days';
import { nearYears } from '../support/calendars';
import { useWorkflowHarness } from '../support/workflow-harness';
import { servicesOf } from '../support/services';
import { waitFor } from '../support/wait';

const h = useWorkflowHarness(require.resolve('../../workflows'));
const s = servicesOf(h);

const today = () => DateTime.now().setZone(ZONE).toISODate() as string;

it('provider approves on a working day, the platform never acts: breach and escalation at the end of the 2nd working day after', async () => {
  const requester = await s.user('zhangwei');
  const { request } = await s.requests().submit(
    requester,
    randomUUID(),
    {
      resourceCode: 'RS-SB-001',
      items: ['公民身份号码', '参保状态'],
      purpose: '核对低保申请人的参保和就业情况',
      basis: '《社会救助暂行办法》第十一条',
      usageFrom: today(),
      usageTo: DateTime.now().plus({ months: 6 }).toISODate() as string,
      answers: { scope: '每月约300人', duty: '低保审核', security: '专人专机,仅限审核使用' },
    },
    '127.0.0.1',
  );
  expect(request).toMatchObject({ status: 'provider_review', currentStep: 'provider_review' });
  expect(request.currentTask).toMatchObject({
    // The provider's reviewers, and the platform authority under the city's authorisation (art. 22).
    holders: expect.arrayContaining([
      {
        role: 'provider_reviewer',
        department: 'hr-social-security',
        departmentName: { zh: '市人力资源和社会保障局', en: 'Human Resources and Social Security Bureau' },
      },
      { role: 'platform_approver', department: null, departmentName: null },
    ]),
    article: 23,
  });

  // Move to 10:00 on the next working day, and the provider approves then.
  const calendar = await loadWorkingCalendar(h.t.db, nearYears());
  let day = DateTime.fromMillis(await h.env.currentTimeMs(), { zone: ZONE })
    .startOf('day')
    .plus({ days: 1 });
  while (!judgeDay(day, calendar).working) day = day.plus({ days: 1 });
  await h.env.sleep(day.set({ hour: 10 }).toMillis() - (await h.env.currentTimeMs()));
  const provider = await s.user('zhaoqiang');
  const approved = await s.tasks().complete(provider, request.currentTask!.id, { decision: 'approve' }, null);
  expect(approved).toMatchObject({
    status: 'done',
    decision: 'approve',
    completedBy: 'zhaoqiang',
    breached: false,
  });

  const platformTask = await waitFor('the platform task', () =>
    h.t.db('tasks').where({ case_id: request.id, step: 'platform_review' }).first(),
  );
  const expected = addWorkingDays(platformTask.started_at, 2, calendar);
  expect(DateTime.fromISO(platformTask.started_at).setZone(ZONE).toISODate()).toBe(day.toISODate());
  expect(platformTask.deadline).toBe(expected.deadline);
  expect(platformTask.deadline.endsWith('T23:59:59.999+08:00')).toBe(true);
  const dueMs = Date.parse(platformTask.deadline);

  // One second before the deadline: nothing breached.
  await h.env.sleep(dueMs - 1000 - (await h.env.currentTimeMs()));
  const early = await h.t.db('sla_events').where({ task_id: platformTask.id });
  expect(early.map((e) => e.kind)).toEqual(['reminder']);

  // Past it: a breach at the deadline and level-1 escalation to the LG office and the supervisor.
  await h.env.sleep(60_000);
  const events = await waitFor('breach and escalation', async () => {
    const rows = await h.t.db('sla_events').where({ task_id: platformTask.id }).orderBy('at_ms');
    return rows.some((e) => e.kind === 'escalation') ? rows : undefined;
  });
  const breach = events.find((e) => e.kind === 'breach')!;
  const escalation = events.find((e) => e.kind === 'escalation')!;
  expect(Number(breach.at_ms)).toBe(dueMs);
  expect(Number(escalation.at_ms)).toBe(dueMs);
  expect(JSON.parse(escalation.detail).notify).toEqual([
    { role: 'lg_office', department: null },
    { role: 'supervisor', department: null },
  ]);
  const notices = await h.t.db('notifications').where({ task_id: platformTask.id, kind: 'escalation' });
  expect(notices.map((n) => n.recipient_role).sort()).toEqual(['lg_office', 'supervisor']);

  // The task is still open, the request still waits on the platform, and the detail shows the breach.
  const detail = await s.requests().read(requester, request.id, '127.0.0.1');
  expect(detail).toMatchObject({
    status: 'platform_review',
    currentTask: { step: 'platform_review', breached: true },
  });
  // Art. 23 itself sets the platform's 2 working days; the provider's 10 come from 国发〔2016〕51号.
  expect(detail.deadlines.map((d) => [d.step, d.basis, d.citation.zh, d.breached])).toEqual([
    ['provider_review', 'national', '国发〔2016〕51号第十三条', false],
    ['platform_review', 'measures', '第二十三条', true],
  ]);
  expect(detail.timeline.map((e) => e.action)).toEqual(
    expect.arrayContaining(['submitted', 'task_opened', 'decided', 'deadline_breached', 'escalated_level_1']),
  );
  const described = await h.env.client.workflow.getHandle(sharingWorkflowId(request.id)).describe();
  expect(described.searchAttributes.GovshareStatus).toEqual(['platform_review']);

  // Late, the platform approves: granted, and both departments are told.
  const platform = await s.user('chenjing');
  await s.tasks().complete(platform, platformTask.id, { decision: 'approve' }, null);
  const granted = await waitFor('the grant', () =>
    h.t.db('grants').where({ request_id: request.id }).first(),
  );
  expect(granted).toMatchObject({ status: 'active', consumer_department: 'civil-affairs', mode: 'api' });
  const results = await h.t
    .db('notifications')
    .where({ kind: 'result' })
    .andWhere('id', 'like', `${request.id}#%`);
  expect(results.map((n) => n.recipient_department).sort()).toEqual(['civil-affairs', 'hr-social-security']);
});
