/**
 * A step opens in one activity (`openTaskOnSchedule`): it computes the step's
 * schedule on the working calendar and opens the task with that deadline,
 * telling its holders. Temporal retries an activity whose answer it did not
 * hear: a retry writes nothing twice, and when the calendar changed in
 * between, the task's row takes the schedule the retry answers, which is the
 * one the workflow holds. The case's move to the step is recorded with the
 * opening, after the task, once, in the same transaction: both or neither.
 */
import { DateTime } from 'luxon';
import { createSharedActivities } from '../../activities/shared';
import { lastKnownYear, loadCalendarFor, replaceCalendarYear } from '../../db/calendar-repository';
import { rollupDrift } from '../../db/rollup-drift';
import { ZONE } from '../../domain/calendar/working-days';
import { stepPolicy } from '../../domain/policy/policy-document';
import { computeSchedule } from '../../domain/sla/schedule';
import { processNamed } from '../../processes';
import { insertRequest } from '../../db/sharing_request/request-repository';
import { createTestDb, type TestDb } from '../../scripts/harness/databases';
import { filedRequest } from '../support/request-fixtures';
import { DEFAULT_POLICY_FILE, defaultPolicyKey, loadPolicyFile } from '../../seeds/default-policy';

const doc = loadPolicyFile(DEFAULT_POLICY_FILE);
const step = stepPolicy(doc, 'sharing_request', 'provider_review');
const names = { processName: doc.processes.sharing_request.name, stepName: step.name };
const reviewers = [{ role: 'provider_reviewer' as const, department: 'public-security' }];

let t: TestDb;
let acts: ReturnType<typeof createSharedActivities>;
beforeAll(async () => {
  t = await createTestDb('mysql', { demo: false });
  acts = createSharedActivities(t.db, processNamed);
});
afterAll(() => t?.drop());

function opening(id: string, startedAt: string) {
  return {
    ...names,
    id,
    workflowId: id.split('.')[0],
    processType: 'sharing_request',
    caseId: id.split('.')[0],
    step: 'provider_review',
    candidates: reviewers,
    article: step.citation.article,
    policyKey: defaultPolicyKey(),
    schedule: { startedAt, step, reminderHour: doc.reminderHour },
  };
}

/** The opening of a filed request's first review, with the case's move to it. */
function movingTo(caseId: string, workflowId: string) {
  return {
    ...opening(`${workflowId}.provider_review.1`, '2026-11-30T02:00:00.000Z'),
    caseId,
    caseMove: {
      caseType: 'sharing_request',
      caseId,
      status: 'provider_review',
      currentStep: 'provider_review',
      event: {
        id: `${caseId}#2#task_opened`,
        at: '2026-11-30T02:00:01.000Z',
        step: 'provider_review',
        action: 'task_opened',
        actor: null,
        actorDepartment: null,
        decision: null,
        reason: null,
      },
    },
  };
}

/** A database of the demo city, whose catalogue holds the resource, with a request filed in it. */
async function filedInTheDemoCity(caseId: string, workflowId: string) {
  const city = await createTestDb('mysql');
  const cityActs = createSharedActivities(city.db, processNamed);
  await insertRequest(
    city.db,
    filedRequest(caseId, { workflowId, shareType: 'conditional', submittedAt: '2026-11-30T10:00:00+08:00' }),
  );
  return { city, cityActs, input: movingTo(caseId, workflowId) };
}

/** Runs `work` while the audit log refuses every entry (as a full disk would): it must fail. */
async function refusingAudit(city: TestDb, work: () => Promise<unknown>) {
  await city.db.raw(
    "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused'",
  );
  try {
    await expect(work()).rejects.toThrow(/refused/);
  } finally {
    await city.db.raw('DROP TRIGGER refuse_audit');
  }
}

it('opens the task on the schedule it answers, with one notice to each holder, once however often it is retried', async () => {
  const startedAt = '2026-11-30T02:00:00.000Z';
  const input = opening('wf-open-1.provider_review.1', startedAt);
  const first = await acts.openTaskOnSchedule(input);
  const again = await acts.openTaskOnSchedule(input);

  const expected = computeSchedule(
    startedAt,
    step,
    doc.reminderHour,
    await loadCalendarFor(t.db, startedAt, 60),
  );
  expect(first).toEqual(expected);
  expect(again).toEqual(first);
  const row = await t.db('tasks').where({ id: input.id }).first();
  expect(row).toMatchObject({ status: 'open', deadline: first.deadline, step: 'provider_review' });
  expect(await t.db('notifications').where({ task_id: input.id, kind: 'task' }).count({ n: '*' })).toEqual([
    { n: reviewers.length },
  ]);
  expect(Number((await t.db('open_task_groups').sum({ n: 'n' }))[0].n)).toBe(1);
  expect(await rollupDrift(t.db)).toEqual([]);
});

it('a retry after the calendar changed moves the task to the schedule it answers, and tells its holders the new deadline once', async () => {
  const last = (await lastKnownYear(t.db)) as number;
  // Late in the last known year, the deadline falls in the next one: provisional (weekends only).
  const startedAt = DateTime.fromObject({ year: last, month: 12, day: 28, hour: 10 }, { zone: ZONE })
    .toUTC()
    .toISO()!;
  const input = opening('wf-open-2.provider_review.1', startedAt);
  const first = await acts.openTaskOnSchedule(input);
  expect(first.provisional).toBe(true);

  // The next year's calendar arrives before the retry: its first week is a holiday.
  const next = last + 1;
  const days = [1, 2, 5, 6, 7].map((d) => ({ date: `${next}-01-0${d}`, name: '元旦' }));
  await replaceCalendarYear(t.db, next, { holidays: days, workdays: [] }, 'admin');
  const retried = await acts.openTaskOnSchedule(input);

  expect(retried.provisional).toBe(false);
  expect(retried.deadline).not.toBe(first.deadline);
  expect(await t.db('tasks').where({ id: input.id }).first()).toMatchObject({
    deadline: retried.deadline,
    provisional: 0,
  });
  expect(await t.db('tasks').where({ workflow_id: 'wf-open-2' }).count({ n: '*' })).toEqual([{ n: 1 }]);
  expect(await rollupDrift(t.db)).toEqual([]);

  // The reviewers were told the first deadline when the task opened; they are told the new one.
  const local = (iso: string) => iso.slice(0, 16).replace('T', ' ');
  const told = async () =>
    (
      await t
        .db('notifications')
        .where({ task_id: input.id })
        .orderBy('id')
        .select('title_zh', 'recipient_department')
    ).map((n: { title_zh: string; recipient_department: string }) => [n.recipient_department, n.title_zh]);
  expect(await told()).toEqual([
    [
      'public-security',
      `期限调整:${names.processName.zh} wf-open-2·${names.stepName.zh},工作日历更新后须于 ${local(retried.deadline)} 前办结`,
    ],
    [
      'public-security',
      `新待办:${names.processName.zh} wf-open-2·${names.stepName.zh},${local(first.deadline)} 前办结`,
    ],
  ]);
  await acts.openTaskOnSchedule(input);
  expect(await told()).toHaveLength(2);
});

it("records the case's move to the step with the opening, once however often it is retried", async () => {
  const { city, cityActs, input } = await filedInTheDemoCity('SR-OPEN-3', 'wf-open-3');
  await cityActs.openTaskOnSchedule(input);
  await cityActs.openTaskOnSchedule(input);

  expect(await city.db('sharing_requests').where({ id: 'SR-OPEN-3' }).first()).toMatchObject({
    status: 'provider_review',
    current_step: 'provider_review',
  });
  const count = async (table: string, where: Record<string, string>) =>
    Number((await city.db(table).where(where).count({ n: '*' }))[0].n);
  expect(await count('case_events', { id: 'SR-OPEN-3#2#task_opened' })).toBe(1);
  expect(await count('audit_log', { id: 'SR-OPEN-3#2#task_opened' })).toBe(1);
  expect(await count('tasks', { case_id: 'SR-OPEN-3' })).toBe(1);
  await city.drop();
});

it("writes neither the task nor the case's move when either cannot be written, and a retry writes both once", async () => {
  const { city, cityActs, input } = await filedInTheDemoCity('SR-OPEN-4', 'wf-open-4');
  const count = async (table: string, where: Record<string, string>) =>
    Number((await city.db(table).where(where).count({ n: '*' }))[0].n);
  // The audit log refuses the move's entry, the way a full disk would, after the task was written.
  await refusingAudit(city, () => cityActs.openTaskOnSchedule(input));
  expect(await count('tasks', { case_id: 'SR-OPEN-4' })).toBe(0);
  expect(await count('notifications', { task_id: input.id })).toBe(0);
  expect(await count('case_events', { case_id: 'SR-OPEN-4' })).toBe(0);
  expect(await city.db('sharing_requests').where({ id: 'SR-OPEN-4' }).first()).toMatchObject({
    status: 'submitted',
  });
  expect(await rollupDrift(city.db)).toEqual([]);

  await cityActs.openTaskOnSchedule(input);
  expect(await count('tasks', { case_id: 'SR-OPEN-4' })).toBe(1);
  expect(await count('case_events', { id: 'SR-OPEN-4#2#task_opened' })).toBe(1);
  expect(await count('audit_log', { id: 'SR-OPEN-4#2#task_opened' })).toBe(1);
  expect(await city.db('sharing_requests').where({ id: 'SR-OPEN-4' }).first()).toMatchObject({
    status: 'provider_review',
  });
  expect(await rollupDrift(city.db)).toEqual([]);
  await city.drop();
});

it('closes the task decided before in the next opening: both or neither, once however often it is retried', async () => {
  const { city, cityActs, input } = await filedInTheDemoCity('SR-OPEN-5', 'wf-open-5');
  const count = async (table: string, where: Record<string, string>) =>
    Number((await city.db(table).where(where).count({ n: '*' }))[0].n);
  await cityActs.openTaskOnSchedule(input);
  const platform = stepPolicy(doc, 'sharing_request', 'platform_review');
  const next = {
    ...input,
    id: 'wf-open-5.platform_review.2',
    step: 'platform_review',
    stepName: platform.name,
    candidates: [{ role: 'platform_approver' as const, department: null }],
    article: platform.citation.article,
    schedule: { ...input.schedule, startedAt: '2026-12-01T02:00:00.000Z', step: platform },
    caseMove: {
      ...input.caseMove,
      status: 'platform_review',
      currentStep: 'platform_review',
      event: { ...input.caseMove.event, id: 'SR-OPEN-5#4#task_opened', step: 'platform_review' },
    },
    closing: {
      taskId: input.id,
      status: 'done' as const,
      decision: 'approve',
      reason: '符合条件',
      by: 'zhaoqiang',
      at: '2026-12-01T01:59:00.000Z',
    },
  };
  await refusingAudit(city, () => cityActs.openTaskOnSchedule(next));
  // The decided task is still open in the inbox, and nothing of the next step is written.
  expect(await city.db('tasks').where({ id: input.id }).first()).toMatchObject({ status: 'open' });
  expect(await count('tasks', { id: next.id })).toBe(0);
  expect(await rollupDrift(city.db)).toEqual([]);

  await cityActs.openTaskOnSchedule(next);
  await cityActs.openTaskOnSchedule(next);
  expect(await city.db('tasks').where({ id: input.id }).first()).toMatchObject({
    status: 'done',
    decision: 'approve',
    completed_by: 'zhaoqiang',
  });
  expect(await city.db('task_candidates').where({ task_id: input.id }).first()).toMatchObject({
    status: 'done',
  });
  expect(await city.db('tasks').where({ id: next.id }).first()).toMatchObject({ status: 'open' });
  expect(await city.db('sharing_requests').where({ id: 'SR-OPEN-5' }).first()).toMatchObject({
    status: 'platform_review',
  });
  expect(Number((await city.db('sla_done_daily').sum({ n: 'n' }))[0].n)).toBe(1);
  expect(await city.db('open_task_groups').where('n', '>', 0).select('role', 'n')).toEqual([
    { role: 'platform_approver', n: 1 },
  ]);
  expect(await rollupDrift(city.db)).toEqual([]);
  await city.drop();
});
