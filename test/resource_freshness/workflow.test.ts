/**
 * Data freshness (art. 20) at real lengths on the time-skipping server. A
 * daily entry published through a draft is watched from publication; a day
 * later without an update it is stale, and its steward has a task whose
 * deadline escalates to the LG office; reporting the update ends the task and
 * makes it fresh. A steward may say instead that the data did not change,
 * with a reason; an entry updated only on change is never stale by the clock.
 */
import { loadWorkingCalendar } from '../../db/calendar-repository';
import { getResource } from '../../db/catalogue-repository';
import { DateTime } from 'luxon';
import { addWorkingDays, ZONE } from '../../domain/calendar/working-days';
import { ResourceInputSchema } from '../../domain/catalogue/resource';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '../../seeds/default-policy';
import { nearYears } from '../support/calendars';
import { catalogueEntry } from '../support/http-cases';
import { servicesOf } from '../support/services';
import { waitFor } from '../support/wait';
import { useWorkflowHarness } from '../support/workflow-harness';
import { actorOf } from '../../api/tasks/service';
import { dataUpdated, freshnessWorkflowId } from '../../workflows/resource_freshness/contract';

const h = useWorkflowHarness(require.resolve('../../workflows'));
const s = servicesOf(h);
const policy = loadPolicyFile(DEFAULT_POLICY_FILE);
const refresh = policy.processes.resource_freshness.steps.data_refresh;
const DAY = 86_400_000;

const openTask = (code: string) =>
  waitFor(`the data_refresh task of ${code}`, () =>
    h.t
      .db('tasks')
      .where({ case_id: `DF-${code}`, step: 'data_refresh', status: 'open' })
      .first(),
  );
const freshness = (code: string) =>
  waitFor(`the freshness case of ${code}`, () =>
    h.t.db('resource_freshness').where({ resource_code: code }).first(),
  );

/** Publishes an entry of public security's through a draft its colleague approves. */
async function publish(over: Record<string, unknown>) {
  const draft = await s
    .drafts()
    .submit(
      await s.user('wangfang'),
      { entries: [ResourceInputSchema.parse(catalogueEntry(over))], changeReason: '新增资源' },
      undefined,
    );
  const review = await waitFor('the review', () =>
    h.t.db('tasks').where({ case_id: draft.id, step: 'entry_review', status: 'open' }).first(),
  );
  await s.tasks().complete(await s.user('lina'), review.id, { decision: 'approve' }, null);
  await waitFor('published', async () =>
    (await getResource(h.t.db, over.code as string)) ? true : undefined,
  );
}

it('a daily entry not updated for a day is stale; its steward’s task escalates, and the reported update ends it', async () => {
  const daily = policy.catalogue!.freshness.periods.daily as { calendarDays: number };
  await publish({ code: 'GA-FR-001', name: '出入境证件信息', updateCycle: 'daily' });
  expect(await freshness('GA-FR-001')).toMatchObject({ status: 'fresh' });

  await h.env.sleep(daily.calendarDays * DAY + 60_000);
  const task = await openTask('GA-FR-001');
  expect(await freshness('GA-FR-001')).toMatchObject({ status: 'stale', stale_since: expect.any(String) });
  const calendar = await loadWorkingCalendar(h.t.db, nearYears());
  const days = (refresh.deadline as { workingDays: number }).workingDays;
  expect(task.deadline).toBe(addWorkingDays(task.started_at, days, calendar).deadline);
  expect((await getResource(h.t.db, 'GA-FR-001'))?.freshness).toBe('stale');

  await h.env.sleep(Date.parse(task.deadline) + 60_000 - (await h.env.currentTimeMs()));
  const escalation = await waitFor('the escalation', () =>
    h.t.db('sla_events').where({ task_id: task.id, kind: 'escalation' }).first(),
  );
  expect(Number(escalation.at_ms)).toBe(Date.parse(task.deadline));
  expect(JSON.parse(escalation.detail).notify).toEqual([{ role: 'lg_office', department: null }]);

  // The report as the API sends it (api.test.ts reports through the API on the dev server's own clock),
  // timed on this server's skipped-ahead clock.
  const steward = await s.user('wangfang');
  await h.env.client.workflow.getHandle(freshnessWorkflowId('GA-FR-001')).signal(dataUpdated, {
    at: new Date(await h.env.currentTimeMs()).toISOString(),
    by: actorOf(steward),
  });
  await waitFor('the task ended', async () =>
    (await h.t.db('tasks').where({ id: task.id }).first()).status === 'cancelled' ? true : undefined,
  );
  await waitFor('fresh again', async () =>
    (await freshness('GA-FR-001')).status === 'fresh' ? true : undefined,
  );
});

it('the steward may say the data did not change this cycle, with a reason; an on-change entry is never stale by the clock', async () => {
  const weekly = policy.catalogue!.freshness.periods.weekly as { calendarDays: number };
  await publish({ code: 'GA-FR-002', name: '出租房屋登记信息', updateCycle: 'weekly' });
  await publish({ code: 'GA-FR-003', name: '重点单位信息', updateCycle: 'on_change' });
  await h.env.sleep(weekly.calendarDays * DAY + 60_000);
  const task = await openTask('GA-FR-002');
  const steward = await s.user('wangfang');
  expect(
    (
      await s
        .tasks()
        .complete(steward, task.id, { decision: 'no_change' }, null)
        .catch((e) => e)
    ).status,
  ).toBe(422);
  await s.tasks().complete(steward, task.id, { decision: 'no_change', reason: '本周无新增出租登记' }, null);
  await waitFor('fresh again', async () =>
    (await freshness('GA-FR-002')).status === 'fresh' ? true : undefined,
  );
  expect(await freshness('GA-FR-003')).toMatchObject({ status: 'fresh' });
  expect(await h.t.db('tasks').where({ case_id: 'DF-GA-FR-003' })).toEqual([]);
});

it('follows its resource through a reform: the stale task goes to the successor’s steward, and a retired entry is no longer watched', async () => {
  const daily = policy.catalogue!.freshness.periods.daily as { calendarDays: number };
  await publish({ code: 'GA-FR-003', name: '流动人口登记信息', updateCycle: 'daily' });
  await h.env.sleep(daily.calendarDays * DAY + 60_000);
  const task = await openTask('GA-FR-003');
  const { reform } = await s.reforms().register(
    await s.user('wangfang'),
    `fr-${Date.now()}`,
    {
      title: '流动人口管理职责调整',
      trigger: 'duty_adjustment',
      effectiveDate: DateTime.fromMillis(await h.env.currentTimeMs())
        .setZone(ZONE)
        .toISODate() as string,
      departments: ['public-security'],
      description: '',
    },
    null,
  );
  await s.reforms().decide(await s.user('wangfang'), reform.id, 'public-security', {
    resourceCode: 'GA-FR-003',
    decision: 'transfer',
    successor: 'civil-affairs',
    reason: '流动人口登记职责划转民政局',
  });
  // The same task, deadline unchanged, is now civil affairs' steward's.
  await waitFor('the task handed over', async () => {
    const row = await h.t.db('tasks').where({ id: task.id }).first();
    return row.department_code === 'civil-affairs' && row.status === 'open' ? row : undefined;
  });
  expect((await h.t.db('tasks').where({ id: task.id }).first()).deadline).toBe(task.deadline);
  expect(await freshness('GA-FR-003')).toMatchObject({ provider_code: 'civil-affairs', status: 'stale' });

  // Civil affairs' steward retires it: the task is cancelled and the case ends.
  const { reform: second } = await s.reforms().register(
    await s.user('yangfan'),
    `fr2-${Date.now()}`,
    {
      title: '流动人口登记并入省级系统',
      trigger: 'law_revision',
      // Takes effect tomorrow: the transfer today is not a change made since (that would count as `updated`).
      effectiveDate: DateTime.fromMillis((await h.env.currentTimeMs()) + DAY)
        .setZone(ZONE)
        .toISODate() as string,
      departments: ['civil-affairs'],
      description: '',
    },
    null,
  );
  await s.reforms().decide(await s.user('yangfan'), second.id, 'civil-affairs', {
    resourceCode: 'GA-FR-003',
    decision: 'retire',
    reason: '并入省级系统',
  });
  await waitFor('the task cancelled', async () =>
    (await h.t.db('tasks').where({ id: task.id }).first()).status === 'cancelled' ? true : undefined,
  );
  const handle = h.env.client.workflow.getHandle(freshnessWorkflowId('GA-FR-003'));
  await waitFor('the case ended', async () => (await handle.describe()).status.name === 'COMPLETED');
  // The case has ended: no task can open for it any more.
  expect(await freshness('GA-FR-003')).toMatchObject({ status: 'fresh' });
  expect(await h.t.db('tasks').where({ case_id: 'DF-GA-FR-003', status: 'open' }).first()).toBeUndefined();
});
