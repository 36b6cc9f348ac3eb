/**
 * The task inbox through the API, against the Temporal dev server and
 * MariaDB: whose tasks a caller sees, the open/done, mine, overdue, due-within
 * and process filters, deadline order and pages, claiming and releasing; what
 * a row says of its case, search, 已办 as the department's own actions, and
 * approving many alike tasks at once.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { createSharedActivities } from '../../activities/shared';
import { processNamed } from '../../processes';
import { loadWorkingCalendar } from '../../db/calendar-repository';
import { localDateOf, workingDaysLeft, ZONE } from '../../domain/calendar/working-days';
import { useApiHarness } from '../support/api-harness';
import { httpCases } from '../support/http-cases';
import { waitFor } from '../support/wait';
import { defaultPolicyKey } from '../../seeds/default-policy';

const h = useApiHarness();

const day = (n = 0) => DateTime.now().setZone(ZONE).plus({ days: n }).toISODate() as string;

async function submitConditional(): Promise<{ id: string; taskId: string }> {
  const res = await h
    .http()
    .post('/api/requests')
    .set(await h.as('zhangwei'))
    .set('Idempotency-Key', randomUUID())
    .send({
      resourceCode: 'RS-SB-001',
      items: ['参保状态'],
      purpose: '核对低保对象参保情况',
      usageFrom: day(),
      usageTo: day(90),
      answers: { scope: '300人', duty: '低保审核', security: '专人专机' },
    });
  expect(res.status).toBe(201);
  return { id: res.body.id, taskId: res.body.currentTask.id };
}

async function inbox(username: string, query = '') {
  const res = await h
    .http()
    .get(`/api/tasks${query}`)
    .set(await h.as(username));
  expect(res.status).toBe(200);
  return res.body;
}

let requests: { id: string; taskId: string }[] = [];
const overdueId = `correction-test-${randomUUID()}.provider_reply.1`;

beforeAll(async () => {
  requests = [await submitConditional(), await submitConditional(), await submitConditional()];
  // A task of another process, past its deadline, written as the SLA mechanism writes every task.
  await createSharedActivities(h.t.db, processNamed).openTask({
    id: overdueId,
    workflowId: 'correction-test',
    processType: 'correction',
    caseId: 'CR-TEST-1',
    step: 'provider_reply',
    candidates: [{ role: 'provider_reviewer', department: 'hr-social-security' }],
    startedAt: DateTime.now().minus({ days: 10 }).toISO()!,
    deadline: DateTime.now().setZone(ZONE).minus({ days: 1 }).endOf('day').toISO()!,
    provisional: false,
    article: 24,
    policyKey: defaultPolicyKey(),
    processName: { zh: '数据纠错', en: 'Correction feedback' },
    stepName: { zh: '提供部门校核回复', en: 'Provider verifies and replies' },
  });
});

it("shows a caller only their department's and roles' tasks, soonest deadline first, with names and decisions", async () => {
  const mine = await inbox('zhaoqiang');
  expect(mine.total).toBe(4);
  expect(mine.items[0]).toMatchObject({
    id: overdueId,
    overdue: true,
    processType: 'correction',
    article: 24,
    articleLabel: '第二十四条',
    basis: 'measures',
    citation: { zh: '第二十四条', en: 'Art. 24' },
  });
  const deadlines = mine.items.map((t: { deadline: string }) => Date.parse(t.deadline));
  expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
  expect(mine.items[1]).toMatchObject({
    processType: 'sharing_request',
    stepName: { zh: '提供部门审核', en: 'Provider review' },
    decisions: ['approve', 'deny'],
    reasonRequired: ['deny'],
    department: 'hr-social-security',
    role: 'provider_reviewer',
    status: 'open',
    overdue: false,
  });
  expect((await inbox('lina')).total).toBe(0); // public security's reviewer: none of these
  expect((await inbox('zhangwei')).total).toBe(0); // the requester decides nothing
  // The platform authority may decide any provider review directly (art. 22), so it sees the three.
  expect((await inbox('chenjing')).items.map((t: { id: string }) => t.id).sort()).toEqual(
    requests.map((r) => r.taskId).sort(),
  );
});

it('filters overdue, due within N working days, and process type; pages', async () => {
  expect((await inbox('zhaoqiang', '?overdue=true')).items.map((t: { id: string }) => t.id)).toEqual([
    overdueId,
  ]);
  expect((await inbox('zhaoqiang', '?processType=sharing_request')).total).toBe(3);
  expect((await inbox('zhaoqiang', '?dueWithinWorkingDays=0')).total).toBe(1);
  expect((await inbox('zhaoqiang', '?dueWithinWorkingDays=10')).total).toBe(4);
  const page2 = await inbox('zhaoqiang', '?pageSize=3&page=2');
  expect(page2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
  expect(page2.items).toHaveLength(1);
  const bad = await h
    .http()
    .get('/api/tasks?status=maybe&mine=yes')
    .set(await h.as('zhaoqiang'));
  expect(bad.status).toBe(400);
  expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['mine', 'status']);
});

it('claims and releases: only candidates may claim, claimed tasks show under mine, only the claimer releases', async () => {
  const { taskId } = requests[0];
  const claimed = await h
    .http()
    .post(`/api/tasks/${taskId}/claim`)
    .set(await h.as('zhaoqiang'));
  expect(claimed.status).toBe(200);
  expect(claimed.body.claimedBy).toBe('zhaoqiang');
  expect((await inbox('zhaoqiang', '?mine=true')).items.map((t: { id: string }) => t.id)).toEqual([taskId]);
  const unclaimed = await inbox('zhaoqiang', '?unclaimed=true');
  expect(unclaimed.total).toBe(3);
  expect(unclaimed.items.map((t: { id: string }) => t.id)).not.toContain(taskId);

  // liuyan is a requester of the same department: not a candidate at all.
  expect(
    (
      await h
        .http()
        .post(`/api/tasks/${taskId}/claim`)
        .set(await h.as('liuyan'))
    ).status,
  ).toBe(403);
  // The platform authority is a candidate too (art. 22), but zhaoqiang holds the task now.
  const taken = await h
    .http()
    .post(`/api/tasks/${taskId}/claim`)
    .set(await h.as('chenjing'));
  expect([taken.status, taken.body.error.message]).toEqual([409, expect.stringContaining('zhaoqiang')]);

  const released = await h
    .http()
    .post(`/api/tasks/${taskId}/unclaim`)
    .set(await h.as('zhaoqiang'));
  expect(released.body.claimedBy).toBeNull();
  const notClaimed = await h
    .http()
    .post(`/api/tasks/${taskId}/unclaim`)
    .set(await h.as('zhaoqiang'));
  expect(notClaimed.status).toBe(409);
});

it('moves a decided task to done, and answers 404 for an unknown task', async () => {
  const { id, taskId } = requests[1];
  const res = await h
    .http()
    .post(`/api/tasks/${taskId}/complete`)
    .set(await h.as('zhaoqiang'))
    .send({ decision: 'deny', reason: '超出职责范围' });
  expect(res.status).toBe(200);
  const done = await inbox('zhaoqiang', '?status=done&mine=true');
  expect(done.items.map((t: { id: string }) => t.id)).toEqual([taskId]);
  expect(done.items[0]).toMatchObject({
    status: 'done',
    decision: 'deny',
    reason: '超出职责范围',
    completedBy: 'zhaoqiang',
  });
  await waitFor(
    'the request denied',
    async () => (await h.t.db('sharing_requests').where({ id }).first()).status === 'denied',
  );
  expect((await inbox('zhaoqiang')).total).toBe(3);
  const unknown = await h
    .http()
    .post('/api/tasks/nope.provider_review.1/complete')
    .set(await h.as('zhaoqiang'))
    .send({ decision: 'approve' });
  expect(unknown.status).toBe(404);
});

it('says on each row who asked, for what, since when, and how many working days are left', async () => {
  const rows = await inbox('zhaoqiang', '?processType=sharing_request');
  const row = rows.items.find((t: { caseId: string }) => t.caseId === requests[2].id);
  expect(row.case).toEqual({
    requesterDepartment: 'civil-affairs',
    requesterDepartmentName: { zh: '市民政局', en: 'Civil Affairs Bureau' },
    subject: 'RS-SB-001',
    subjectTitle: '社会保险参保信息',
    openedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*\+08:00$/),
  });
  // Filed today, due some working days after today (the day of filing never counts).
  expect(row.workingDaysLeft).toBeGreaterThanOrEqual(1);
  // The correction task was due yesterday: none left, or working days late.
  const late = (await inbox('zhaoqiang', '?overdue=true')).items[0];
  expect(late.workingDaysLeft).toBeLessThanOrEqual(0);
  // A task whose case the read model lacks still lists, without a summary.
  expect(late.case).toBeNull();
  // The open task's page says the same.
  const one = await h
    .http()
    .get(`/api/tasks/${requests[2].taskId}`)
    .set(await h.as('zhaoqiang'));
  expect(one.body).toMatchObject({ case: row.case, workingDaysLeft: row.workingDaysLeft });
});

it("searches the inbox by case id, the requester's name or code, and the resource's code or name", async () => {
  const ids = async (q: string) =>
    (await inbox('zhaoqiang', `?q=${encodeURIComponent(q)}`)).items
      .map((t: { caseId: string }) => t.caseId)
      .sort();
  const open = [requests[0].id, requests[2].id].sort(); // requests[1] was denied above
  expect(await ids(requests[2].id)).toEqual([requests[2].id]);
  expect(await ids('民政')).toEqual(open);
  expect(await ids('civil affairs')).toEqual(open);
  expect(await ids('civil-aff')).toEqual(open);
  expect(await ids('RS-SB')).toEqual(open);
  expect(await ids('参保信息')).toEqual(open);
  expect(await ids('CR-TEST')).toEqual([]); // its case is not in the read model
  expect(await ids('%')).toEqual([]); // a wildcard is a character, not a pattern
  expect(
    (await inbox('zhaoqiang', '?q=RS-SB&status=done')).items.map((t: { caseId: string }) => t.caseId),
  ).toEqual([requests[1].id]);
});

it('approves alike tasks in one go, each decided and audited on its own; refuses mixed steps and other roles', async () => {
  const extra = await submitConditional();
  const ids = [requests[0].taskId, extra.taskId, requests[1].taskId]; // the last was decided already
  const res = await h
    .http()
    .post('/api/tasks/complete-many')
    .set(await h.as('majun'))
    .send({ taskIds: ids, decision: 'approve', reason: '用途明确,范围必要' });
  expect(res.status).toBe(200);
  expect(res.body.done).toBe(2);
  expect(res.body.items.map((r: { id: string; outcome: string }) => [r.id, r.outcome])).toEqual([
    [ids[0], 'done'],
    [ids[1], 'done'],
    [ids[2], 'refused'],
  ]);
  expect(res.body.items[2].error.code).toBe('task_closed');
  const audited = await h.t
    .db('audit_log')
    .where({ action: 'task.complete', actor: 'majun' })
    .select('entity_id', 'detail');
  expect(audited.map((a: { entity_id: string }) => a.entity_id).sort()).toEqual(
    [requests[0].id, extra.id].sort(),
  );
  for (const a of audited)
    expect(JSON.parse(a.detail)).toMatchObject({ decision: 'approve', reason: '用途明确,范围必要' });

  // 已办 is the department's: majun's decisions show in zhaoqiang's list, the latest first, not in another department's.
  const done = await inbox('zhaoqiang', '?status=done');
  expect(done.items.slice(0, 3).map((t: { id: string }) => t.id)).toEqual([
    ids[1],
    ids[0],
    requests[1].taskId,
  ]);
  expect(done.items[0].completedByName).toBe('马骏');
  expect((await inbox('zhaoqiang', '?status=done&mine=true')).items.map((t: { id: string }) => t.id)).toEqual(
    [requests[1].taskId],
  );
  expect((await inbox('chenjing', '?status=done')).total).toBe(0);

  const mixed = await h
    .http()
    .post('/api/tasks/complete-many')
    .set(await h.as('zhaoqiang'))
    .send({ taskIds: [overdueId, requests[2].taskId], decision: 'approve' });
  expect(mixed.status).toBe(422);
  expect(mixed.body.error.details).toEqual([
    expect.objectContaining({ path: 'taskIds', code: 'mixed_steps' }),
  ]);
  const requester = await h
    .http()
    .post('/api/tasks/complete-many')
    .set(await h.as('zhangwei'))
    .send({ taskIds: [requests[2].taskId], decision: 'approve' });
  expect(requester.status).toBe(403);
  const notBulk = await h
    .http()
    .post('/api/tasks/complete-many')
    .set(await h.as('zhaoqiang'))
    .send({ taskIds: [requests[2].taskId], decision: 'deny', reason: '不需要' });
  expect(notBulk.status).toBe(400);
  expect(notBulk.body.error.details[0].path).toBe('decision');
});

it("answers a provider's approval with the platform's review it opened, which the platform decides at once", async () => {
  const c = httpCases(h);
  const { id, taskId } = await submitConditional();
  const approved = await c.complete('zhaoqiang', taskId, { decision: 'approve', reason: '符合条件' });
  expect(approved.status).toBe(200);
  expect(approved.body).toMatchObject({ id: taskId, status: 'done', caseId: id });
  expect(approved.body.opened).toEqual([
    expect.objectContaining({
      caseId: id,
      step: 'platform_review',
      status: 'open',
      role: 'platform_approver',
    }),
  ]);
  // The client goes on to it straight away: no 404 while the workflow catches up.
  const decided = await c.complete('chenjing', approved.body.opened[0].id, { decision: 'approve' });
  expect([decided.status, decided.body.opened]).toEqual([200, []]);
});

it('counts the working days left on the calendar an administrator has just imported', async () => {
  const { taskId } = await submitConditional();
  const row = async () => {
    const one = await h
      .http()
      .get(`/api/tasks/${taskId}`)
      .set(await h.as('zhaoqiang'));
    expect(one.status).toBe(200);
    return one.body as { deadline: string; workingDaysLeft: number };
  };
  const before = await row();
  // The deadline's own day declared a holiday: one working day fewer before it falls.
  const dueDate = localDateOf(before.deadline);
  const year = Number(dueDate.slice(0, 4));
  const admin = await h.as('admin');
  const schedule = (await h.http().get(`/api/calendar/${year}`).set(admin)).body;
  const days = (list: { date: string; name: string | null }[]) =>
    list.map(({ date, name }) => (name ? { date, name } : { date }));
  const put = (holidays: { date: string; name?: string }[]) =>
    h
      .http()
      .put(`/api/calendar/${year}`)
      .set(admin)
      .send({ holidays, workdays: days(schedule.workdays).filter((d) => d.date !== dueDate) });
  expect((await put([...days(schedule.holidays), { date: dueDate, name: '测试假日' }])).status).toBe(200);
  try {
    const after = await row();
    // Counted on the calendar as it now stands, at once (the deadline itself may move, if it was provisional).
    const now = new Date().toISOString();
    const calendar = await loadWorkingCalendar(h.t.db, [Number(localDateOf(now).slice(0, 4)), year]);
    expect(after.workingDaysLeft).toBe(workingDaysLeft(now, after.deadline, calendar));
    if (after.deadline === before.deadline) expect(after.workingDaysLeft).toBe(before.workingDaysLeft - 1);
  } finally {
    expect((await put(days(schedule.holidays))).status).toBe(200);
  }
  expect((await row()).workingDaysLeft).toBe(before.workingDaysLeft);
});
