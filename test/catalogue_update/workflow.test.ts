/**
 * Catalogue updates after a reform (art. 9, 37) at real lengths on the
 * time-skipping server: a department that decides on each of its resources
 * (a published change counts for one) meets its obligation; one that declares "no change" with a reason meets it; one that
 * does nothing breaches exactly at the end of the 15th working day after the
 * effective date, gets a rectification order whose period the LG office sets
 * (art. 37), misses that too, and is criticised and suspended only when the LG
 * office so decides, until it lifts the suspension.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { getResource } from '../../db/catalogue-repository';
import { ResourceInputSchema } from '../../domain/catalogue/resource';
import { DEMO_RESOURCES } from '../../seeds/demo-catalogue';
import { loadWorkingCalendar } from '../../db/calendar-repository';
import { addWorkingDays, ZONE } from '../../domain/calendar/working-days';
import { rejection } from '../support/rejection';
import { nearYears } from '../support/calendars';
import { useWorkflowHarness } from '../support/workflow-harness';
import { servicesOf } from '../support/services';
import { waitFor } from '../support/wait';
import { WorkflowUpdateStage } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import {
  catalogueChanged,
  decideResource,
  obligationId,
  obligationWorkflowId,
} from '../../workflows/catalogue_update/contract';
import { actorOf } from '../../api/tasks/service';
import { activityCalls } from '../support/activity-calls';

const h = useWorkflowHarness(require.resolve('../../workflows'));
const s = servicesOf(h);

const obligation = (reformId: string, dept: string) =>
  h.t
    .db('reform_obligations')
    .where({ id: `${reformId}.${dept}` })
    .first();
const openTask = (caseId: string, step: string) =>
  waitFor(`the ${step} task`, () => h.t.db('tasks').where({ case_id: caseId, step, status: 'open' }).first());

it('meets obligations by a catalogue change or a reasoned "no change"; a department that does nothing is ordered, then criticised and suspended', async () => {
  const effectiveDate = DateTime.now().setZone(ZONE).toISODate() as string;
  const { reform } = await s.reforms().register(
    await s.user('zhoujie'),
    randomUUID(),
    {
      title: '市级机构改革:组建市社会保障服务中心',
      effectiveDate,
      departments: ['public-security', 'hr-social-security', 'natural-resources'],
      description: '职责调整',
    },
    null,
  );
  const calendar = await loadWorkingCalendar(h.t.db, nearYears());
  const due = addWorkingDays(DateTime.fromISO(effectiveDate, { zone: ZONE }).toISO()!, 15, calendar).deadline;
  expect(
    reform.obligations.map((o) => [
      o.department,
      o.status,
      o.deadlines[0]?.deadline,
      o.deadlines[0]?.article,
    ]),
  ).toEqual([
    ['hr-social-security', 'open', due, 9],
    ['natural-resources', 'open', due, 9],
    ['public-security', 'open', due, 9],
  ]);

  // Public security changes one of its resources: met by itself.
  const steward = await s.user('wangfang');
  const resource = (await getResource(h.t.db, 'GA-RK-001'))!;
  // Its change is a draft, reviewed by a colleague and then published (art. 9).
  const draft = await s.drafts().submit(
    steward,
    {
      entries: [
        ResourceInputSchema.parse({
          ...DEMO_RESOURCES.find((r) => r.code === 'GA-RK-001'),
          summary: `${resource.summary}(机构改革后更新)`,
        }),
      ],
      changeReason: '机构改革后更新目录',
    },
    undefined,
  );
  const review = await openTask(draft.id, 'entry_review');
  await s.tasks().complete(await s.user('lina'), review.id, { decision: 'approve' }, null);
  // The published change counts for that resource; the other one is kept: each listed resource decided.
  await waitFor('the change counted', async () => {
    const row = await h.t
      .db('obligation_resources')
      .where({ obligation_id: `${reform.id}.public-security`, resource_code: 'GA-RK-001' })
      .first();
    return row?.decision === 'updated';
  });
  expect((await obligation(reform.id, 'public-security')).status).toBe('open');
  await s.reforms().decide(steward, reform.id, 'public-security', {
    resourceCode: 'GA-XZ-001',
    decision: 'keep',
    reason: '行政执法信息不受此次改革影响',
  });
  await waitFor(
    'public security met',
    async () => (await obligation(reform.id, 'public-security')).status === 'met',
  );
  expect(await obligation(reform.id, 'public-security')).toMatchObject({ met_how: 'updated' });

  // HR may not claim "updated" without changing anything; "no change" needs a reason.
  const hr = await s.user('zhaoqiang');
  const hrTask = await openTask(`${reform.id}.hr-social-security`, 'update');
  expect((await rejection(s.tasks().complete(hr, hrTask.id, { decision: 'updated' }, null))).status).toBe(
    422,
  );
  expect((await rejection(s.tasks().complete(hr, hrTask.id, { decision: 'no_change' }, null))).status).toBe(
    422,
  );
  await s
    .tasks()
    .complete(hr, hrTask.id, { decision: 'no_change', reason: '本部门资源不受此次改革影响' }, null);
  await waitFor('hr met', async () => (await obligation(reform.id, 'hr-social-security')).status === 'met');

  // Natural resources does nothing: at the deadline it is overdue and the LG office must order rectification.
  const nr = `${reform.id}.natural-resources`;
  const nrTask = await openTask(nr, 'update');
  await h.env.sleep(Date.parse(due) + 60_000 - (await h.env.currentTimeMs()));
  const order = await openTask(nr, 'rectification_order');
  expect(await obligation(reform.id, 'natural-resources')).toMatchObject({ status: 'overdue' });
  expect(await h.t.db('tasks').where({ id: nrTask.id }).first()).toMatchObject({
    status: 'open',
    breached: 1,
  });
  const breach = await h.t.db('sla_events').where({ task_id: nrTask.id, kind: 'breach' }).first();
  expect(Number(breach.at_ms)).toBe(Date.parse(due));

  // The LG office sets the period in its order, within the policy's bounds.
  const lgOffice = await s.user('zhoujie');
  const orderView = await s.tasks().get(lgOffice, order.id);
  expect(orderView.setsPeriod).toMatchObject({ step: 'rectification', minWorkingDays: 1 });
  const tooLong = await rejection(
    s.tasks().complete(
      lgOffice,
      order.id,
      {
        decision: 'order',
        reason: '限期改正',
        data: { period: { workingDays: orderView.setsPeriod!.maxWorkingDays + 1 } },
      },
      null,
    ),
  );
  expect([tooLong.status, tooLong.message]).toEqual([422, expect.stringContaining('period.workingDays')]);
  const pastDate = await rejection(
    s
      .tasks()
      .complete(
        lgOffice,
        order.id,
        { decision: 'order', reason: '限期改正', data: { period: { until: '2019-01-01' } } },
        null,
      ),
  );
  expect(pastDate.status).toBe(422);
  await s
    .tasks()
    .complete(
      lgOffice,
      order.id,
      { decision: 'order', reason: '限7个工作日内完成目录更新', data: { period: { workingDays: 7 } } },
      null,
    );
  const rectification = await openTask(nr, 'rectification');
  expect(rectification.deadline).toBe(addWorkingDays(rectification.started_at, 7, calendar).deadline);
  // The inbox shows the period the order set, not the policy's default.
  const shown = await s.tasks().get(await s.user('sunhui'), rectification.id);
  expect(shown.limit).toEqual({ zh: '7个工作日', en: '7 working days' });
  expect(await h.t.db('tasks').where({ id: nrTask.id }).first()).toMatchObject({ status: 'cancelled' });

  // Missed again: the timer sanctions nothing; the LG office gets a task to decide.
  await h.env.sleep(Date.parse(rectification.deadline) + 60_000 - (await h.env.currentTimeMs()));
  const decide = await openTask(nr, 'sanction_decision');
  expect(await obligation(reform.id, 'natural-resources')).toMatchObject({ status: 'sanction_pending' });
  expect(await s.reforms().sanctions({ department: 'natural-resources' })).toEqual([]);
  expect((await s.tasks().get(lgOffice, decide.id)).decisions).toEqual(['sanction', 'sanction_and_refer']);
  await s
    .tasks()
    .complete(
      lgOffice,
      decide.id,
      { decision: 'sanction_and_refer', reason: '两次逾期,影响全市目录准确性' },
      null,
    );
  // Criticism and suspension, visible until lifted; a serious case is also referred for discipline.
  const sanctions = await waitFor('the sanctions', async () => {
    const rows = await s.reforms().sanctions({ department: 'natural-resources', active: true });
    return rows.length === 3 ? rows : undefined;
  });
  expect(sanctions.map((x) => x.kind).sort()).toEqual(['criticism', 'referral', 'suspension']);
  expect(sanctions.every((x) => x.reason.includes('两次逾期'))).toBe(true);
  await waitFor(
    'the obligation suspended',
    async () => (await obligation(reform.id, 'natural-resources')).status === 'suspended',
  );

  // The department finally updates; the suspension stays until the LG office lifts it.
  await s
    .tasks()
    .complete(
      await s.user('sunhui'),
      rectification.id,
      { decision: 'no_change', reason: '经核查无需调整' },
      null,
    );
  const lift = await openTask(nr, 'lift_suspension');
  expect(await obligation(reform.id, 'natural-resources')).toMatchObject({ status: 'met' });
  expect(await s.reforms().sanctions({ department: 'natural-resources', active: true })).toHaveLength(3);
  await s
    .tasks()
    .complete(await s.user('zhoujie'), lift.id, { decision: 'lift', reason: '已完成整改' }, null);
  // Lifting ends the criticism and the suspension; the referral is not the LG office's to lift.
  await waitFor(
    'lifted',
    async () => (await s.reforms().sanctions({ department: 'natural-resources', active: true })).length === 1,
  );
  const all = await s.reforms().sanctions({ department: 'natural-resources' });
  expect(all.filter((x) => x.kind !== 'referral').every((x) => x.liftedBy === 'zhoujie')).toBe(true);
  expect(all.find((x) => x.kind === 'referral')?.liftedBy).toBeNull();
});

it('lists the department’s resources: one retired in time is not enough; the obligation breaches at the 15th working day until the last is transferred', async () => {
  const effectiveDate = DateTime.fromMillis(await h.env.currentTimeMs())
    .setZone(ZONE)
    .toISODate() as string;
  const lgOffice = await s.user('zhoujie');
  const { reform } = await s.reforms().register(
    lgOffice,
    randomUUID(),
    {
      title: '市级机构改革:民政职能调整',
      effectiveDate,
      departments: ['civil-affairs'],
      description: '职责划转',
    },
    null,
  );
  const id = `${reform.id}.civil-affairs`;
  const calendar = await loadWorkingCalendar(h.t.db, nearYears());
  const due = addWorkingDays(DateTime.fromISO(effectiveDate, { zone: ZONE }).toISO()!, 15, calendar).deadline;
  expect(reform.obligations[0].resources.map((r) => [r.code, r.decision])).toEqual([
    ['MZ-DB-001', null],
    ['MZ-HY-001', null],
  ]);
  const steward = await s.user('yangfan');
  await h.env.sleep(3 * 24 * 3600_000);
  await s.reforms().decide(steward, reform.id, 'civil-affairs', {
    resourceCode: 'MZ-HY-001',
    decision: 'retire',
    reason: '婚姻登记信息改由省级系统提供',
  });
  expect((await getResource(h.t.db, 'MZ-HY-001'))!.retiredAt).not.toBeNull();
  expect((await obligation(reform.id, 'civil-affairs')).status).toBe('open');

  // One resource is still undecided at the deadline: overdue, and the LG office must order rectification.
  await h.env.sleep(Date.parse(due) + 60_000 - (await h.env.currentTimeMs()));
  await openTask(id, 'rectification_order');
  expect(await obligation(reform.id, 'civil-affairs')).toMatchObject({ status: 'overdue' });
  const breach = await h.t
    .db('sla_events')
    .join('tasks', 'tasks.id', 'sla_events.task_id')
    .where({ 'tasks.case_id': id, 'tasks.step': 'update', 'sla_events.kind': 'breach' })
    .first('sla_events.at_ms');
  expect(Number(breach.at_ms)).toBe(Date.parse(due));

  // The last one is transferred to health: met, the order is no longer needed.
  await s.reforms().decide(steward, reform.id, 'civil-affairs', {
    resourceCode: 'MZ-DB-001',
    decision: 'transfer',
    successor: 'health',
    reason: '低保对象健康核查职责划转卫健委',
  });
  await waitFor(
    'civil affairs met',
    async () => (await obligation(reform.id, 'civil-affairs')).status === 'met',
  );
  expect((await getResource(h.t.db, 'MZ-DB-001'))!.providerDepartment.code).toBe('health');
  expect(await h.t.db('tasks').where({ case_id: id, step: 'rectification_order' }).first()).toMatchObject({
    status: 'cancelled',
  });
});

it('keeps a steward’s decision under way when the same resource’s change is published meanwhile', async () => {
  const lgOffice = await s.user('zhoujie');
  const { reform } = await s.reforms().register(
    lgOffice,
    randomUUID(),
    {
      title: '市级机构改革:公安职能调整',
      effectiveDate: DateTime.fromMillis(await h.env.currentTimeMs())
        .setZone(ZONE)
        .toISODate() as string,
      departments: ['public-security'],
      description: '职责调整',
    },
    null,
  );
  const id = obligationId(reform.id, 'public-security');
  const code = reform.obligations[0].resources[0].code;
  const steward = actorOf(await s.user('wangfang'));
  const handle = h.env.client.workflow.getHandle(obligationWorkflowId(id));

  // The steward's decision is held at its write, so it is under way when the change arrives.
  const held = await h.t.db.transaction();
  try {
    await held('obligation_resources').where({ obligation_id: id, resource_code: code }).forUpdate().first();
    const update = await handle.startUpdate(decideResource, {
      args: [{ actor: steward, resourceCode: code, decision: 'keep', reason: '职责未变,目录无需调整' }],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    await handle.signal(catalogueChanged, {
      resourceCode: code,
      by: steward,
      at: new Date(await h.env.currentTimeMs()).toISOString(),
    });
    const { EventType } = temporal.api.enums.v1;
    await waitFor('the workflow task that took the change', async () => {
      const events = (await handle.fetchHistory()).events!;
      const signalled = events.findIndex(
        (e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
      );
      return (
        signalled >= 0 &&
        events.slice(signalled).some((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
      );
    });
    await held.commit();
    const listed = await update.result();
    expect(listed.find((r) => r.code === code)).toMatchObject({ decision: 'keep' });
  } finally {
    if (!held.isCompleted()) await held.rollback();
  }
  // One decision, the steward's: the change did not decide the resource a second time.
  const calls = activityCalls((await handle.fetchHistory()).events!);
  expect(calls.filter((name) => name === 'decideObligationResource')).toHaveLength(1);
  expect(
    await h.t.db('obligation_resources').where({ obligation_id: id, resource_code: code }).first('decision'),
  ).toEqual({ decision: 'keep' });
});
