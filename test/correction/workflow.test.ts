/**
 * Correction feedback (art. 24) at real lengths on the time-skipping server:
 * a late filing is accepted and flagged; the provider's 5 working days breach
 * and escalate to the LG office exactly at the deadline with the task left
 * open; a contested reply goes to a dispute, and a ruling for the consumer
 * reopens the provider's reply.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { loadWorkingCalendar } from '../../db/calendar-repository';
import { addWorkingDays, workingDaysBefore, ZONE } from '../../domain/calendar/working-days';
import { rejection } from '../support/rejection';
import { nearYears } from '../support/calendars';
import { useWorkflowHarness } from '../support/workflow-harness';
import { servicesOf } from '../support/services';
import { waitFor } from '../support/wait';

const h = useWorkflowHarness(require.resolve('../../workflows'));
const s = servicesOf(h);

const today = () => DateTime.now().setZone(ZONE).toISODate() as string;

beforeAll(async () => {
  // civil-affairs uses public security's population data: a grant to report errors in.
  await s.requests().submit(
    await s.user('zhangwei'),
    randomUUID(),
    {
      resourceCode: 'GA-RK-001',
      items: ['姓名', '户籍地址'],
      purpose: '核对救助对象户籍',
      basis: '',
      usageFrom: today(),
      usageTo: DateTime.now().setZone(ZONE).plus({ years: 1 }).toISODate() as string,
      answers: {},
    },
    null,
  );
});

it('a late report: flagged; the provider misses 5 working days, escalated; contested; a ruling for the consumer reopens the reply', async () => {
  const calendar = await loadWorkingCalendar(h.t.db, nearYears());
  // Discovered 8 working days ago: past the 5 working days art. 24 allows.
  const discoveredAt = workingDaysBefore(new Date().toISOString(), 8, 10, calendar).deadline;
  const consumer = await s.user('zhangwei');
  const c = await s.corrections().file(
    consumer,
    {
      resourceCode: 'GA-RK-001',
      discoveredAt,
      description: '户籍地址仍为拆迁前地址',
      items: ['户籍地址'],
      evidence: '',
    },
    null,
  );
  expect(c).toMatchObject({ status: 'provider_reply', late: true, providerDepartment: 'public-security' });
  expect(c.filingDeadline).toBe(addWorkingDays(discoveredAt, 5, calendar).deadline);
  expect(c.timeline.map((e) => [e.action, e.step])).toEqual([
    ['filed', null],
    ['task_opened', 'provider_reply'],
  ]);
  expect(c.timeline[0]).toMatchObject({ action: 'filed', actor: 'zhangwei' });
  expect(c.timeline[0].reason).toContain('逾期');
  const reply = c.currentTask!;
  expect(reply).toMatchObject({ step: 'provider_reply', article: 24 });
  expect(reply.holders).toEqual([
    {
      role: 'provider_reviewer',
      department: 'public-security',
      departmentName: { zh: '市公安局', en: 'Public Security Bureau' },
    },
  ]);

  // The provider lets 5 working days pass: breach and escalation to the LG office at the deadline; the task stays open.
  const dueMs = Date.parse(reply.deadline);
  await h.env.sleep(dueMs + 60_000 - (await h.env.currentTimeMs()));
  const events = await waitFor('the escalation', async () => {
    const rows = await h.t.db('sla_events').where({ task_id: reply.id }).orderBy('at_ms');
    return rows.some((e) => e.kind === 'escalation') ? rows : undefined;
  });
  expect(events.filter((e) => e.kind !== 'reminder').map((e) => [e.kind, Number(e.at_ms)])).toEqual([
    ['breach', dueMs],
    ['escalation', dueMs],
  ]);
  expect(JSON.parse(events.at(-1).detail).notify).toEqual([{ role: 'lg_office', department: null }]);
  expect((await h.t.db('tasks').where({ id: reply.id }).first()).status).toBe('open');

  // A reply needs an explanation; then the consumer contests it, which opens a dispute.
  const provider = await s.user('lina');
  expect(
    (await rejection(s.tasks().complete(provider, reply.id, { decision: 'no_error' }, null))).status,
  ).toBe(422);
  await s
    .tasks()
    .complete(provider, reply.id, { decision: 'no_error', reason: '系统记录与户籍档案一致' }, null);
  const review = await waitFor('the consumer review', () =>
    h.t.db('tasks').where({ case_id: c.id, step: 'consumer_review', status: 'open' }).first(),
  );
  // The reply, then the consumer's review it opened, in that order.
  const replied = (await s.corrections().read(consumer, c.id, null)).timeline;
  expect(replied.slice(-2).map((e) => [e.action, e.step])).toEqual([
    ['replied', 'provider_reply'],
    ['task_opened', 'consumer_review'],
  ]);
  const { dispute } = await s
    .disputes()
    .open(consumer, { subjectType: 'correction', subjectId: c.id, claim: '现场核实地址已变更' }, null);
  expect(dispute).toMatchObject({ id: `DS-${c.id}`, subjectType: 'correction', status: 'negotiation' });
  expect((await h.t.db('tasks').where({ id: review.id }).first()).decision).toBe('contest');

  // Negotiation fails, the LG office refers, the leading group rules for the consumer: the reply reopens.
  const step = (name: string) =>
    waitFor(`the ${name} task`, () =>
      h.t.db('tasks').where({ case_id: dispute.id, step: name, status: 'open' }).first(),
    );
  await s
    .tasks()
    .complete(provider, (await step('negotiation')).id, { decision: 'fail', reason: '无法达成一致' }, null);
  await s
    .tasks()
    .complete(
      await s.user('zhoujie'),
      (await step('coordination')).id,
      { decision: 'refer', reason: '提请裁定' },
      null,
    );
  await s
    .tasks()
    .complete(
      await s.user('wuming'),
      (await step('ruling')).id,
      { decision: 'for_consumer', reason: '以现场核实为准' },
      null,
    );
  const reopened = await waitFor('the reopened reply', () =>
    h.t.db('tasks').where({ case_id: c.id, step: 'provider_reply', status: 'open' }).first(),
  );
  expect(reopened.id).not.toBe(reply.id);
  await s.tasks().complete(provider, reopened.id, { decision: 'corrected', reason: '已更正户籍地址' }, null);
  const secondReview = await waitFor('the second review', () =>
    h.t.db('tasks').where({ case_id: c.id, step: 'consumer_review', status: 'open' }).first(),
  );
  await s.tasks().complete(consumer, secondReview.id, { decision: 'accept' }, null);
  const done = await waitFor('accepted', async () => {
    const x = await s.corrections().read(consumer, c.id, null);
    return x.status === 'accepted' ? x : undefined;
  });
  expect(done).toMatchObject({ late: true, reply: { decision: 'corrected', text: '已更正户籍地址' } });
  expect(done.dispute).toMatchObject({ id: dispute.id, status: 'ruled' });
  expect(done.timeline.map((e) => e.action)).toEqual(
    expect.arrayContaining([
      'filed',
      'deadline_breached',
      'escalated_level_1',
      'replied',
      'contested',
      'reopened',
      'accepted',
    ]),
  );
});

it('a report in time is not flagged; a report on a resource without a grant, or discovered in the future, is refused', async () => {
  const consumer = await s.user('zhangwei');
  const onTime = await s.corrections().file(
    consumer,
    {
      resourceCode: 'GA-RK-001',
      discoveredAt: new Date(Date.now() - 3600_000).toISOString(),
      description: '姓名有错别字',
      items: ['姓名'],
      evidence: '户口簿复印件',
    },
    null,
  );
  expect(onTime.late).toBe(false);
  const noGrant = await rejection(
    s.corrections().file(
      consumer,
      {
        resourceCode: 'SC-FR-001',
        discoveredAt: new Date().toISOString(),
        description: 'x',
        items: ['单位名称'],
        evidence: '',
      },
      null,
    ),
  );
  expect([noGrant.status, noGrant.code]).toEqual([403, 'no_grant']);
  const future = await rejection(
    s.corrections().file(
      consumer,
      {
        resourceCode: 'GA-RK-001',
        discoveredAt: new Date(Date.now() + 86_400_000).toISOString(),
        description: 'x',
        items: ['姓名'],
        evidence: '',
      },
      null,
    ),
  );
  expect([future.status, future.details]).toEqual([
    422,
    [{ path: 'discoveredAt', code: 'in_future', message: 'is in the future' }],
  ]);
});
