/**
 * A dispute over a denied request at real lengths on the time-skipping
 * server: negotiation that nobody concludes ends exactly at its deadline;
 * coordination the LG office lets run out breaches and is escalated to the
 * leading group but stays with the LG office until it refers the case (art. 25:
 * 必要时由领导小组最终决定); a ruling for the consumer grants the data as an
 * approval would, and only a new ruling can end that grant. Also: accepting
 * needs a proposal from the other side.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { loadWorkingCalendar } from '../../db/calendar-repository';
import { addWorkingDays, ZONE } from '../../domain/calendar/working-days';
import { disputeIdOf, disputeWorkflowId } from '../../workflows/dispute/contract';
import { rejection } from '../support/rejection';
import { nearYears } from '../support/calendars';
import { useWorkflowHarness } from '../support/workflow-harness';
import { servicesOf } from '../support/services';
import { waitFor } from '../support/wait';

const h = useWorkflowHarness(require.resolve('../../workflows'));
const s = servicesOf(h);

const today = () => DateTime.now().setZone(ZONE).toISODate() as string;

async function deniedRequest(): Promise<string> {
  const { request } = await s.requests().submit(
    await s.user('zhangwei'),
    randomUUID(),
    {
      resourceCode: 'RS-SB-001',
      items: ['参保状态'],
      purpose: '核对低保对象参保情况',
      basis: '',
      usageFrom: today(),
      usageTo: DateTime.now().setZone(ZONE).plus({ years: 1 }).toISODate() as string,
      answers: { scope: '300人', duty: '低保审核', security: '专人专机' },
    },
    null,
  );
  await s
    .tasks()
    .complete(
      await s.user('zhaoqiang'),
      request.currentTask!.id,
      { decision: 'deny', reason: '超出职责' },
      null,
    );
  await waitFor(
    'denied',
    async () => (await h.t.db('sharing_requests').where({ id: request.id }).first()).status === 'denied',
  );
  return request.id;
}

const taskOf = (caseId: string, step: string) =>
  waitFor(`the ${step} task`, () => h.t.db('tasks').where({ case_id: caseId, step, status: 'open' }).first());

it('negotiation runs out, coordination runs out (escalated, not handed over), the LG office refers, and the ruling for the consumer grants the data', async () => {
  const requestId = await deniedRequest();
  const { dispute } = await s
    .disputes()
    .open(
      await s.user('zhangwei'),
      { subjectType: 'request', subjectId: requestId, claim: '低保审核系法定职责,应予共享' },
      null,
    );
  expect(dispute).toMatchObject({
    status: 'negotiation',
    subjectId: requestId,
    consumerDepartment: 'civil-affairs',
  });
  const negotiation = await taskOf(dispute.id, 'negotiation');
  const candidates = await h.t.db('task_candidates').where({ task_id: negotiation.id }).orderBy('role');
  expect(candidates.map((c) => `${c.role}@${c.department_code}`)).toEqual([
    'provider_reviewer@hr-social-security',
    'requester@civil-affairs',
  ]);
  const calendar = await loadWorkingCalendar(h.t.db, nearYears());
  expect(negotiation.deadline).toBe(addWorkingDays(negotiation.started_at, 10, calendar).deadline);

  // Nobody concludes the negotiation: at its deadline exactly, it ends and coordination begins.
  const negotiationDue = Date.parse(negotiation.deadline);
  await h.env.sleep(negotiationDue - 1000 - (await h.env.currentTimeMs()));
  expect((await h.t.db('tasks').where({ id: negotiation.id }).first()).status).toBe('open');
  await h.env.sleep(60_000);
  const coordination = await taskOf(dispute.id, 'coordination');
  expect(await h.t.db('tasks').where({ id: negotiation.id }).first()).toMatchObject({
    status: 'cancelled',
    breached: 1,
  });
  expect(Date.parse(coordination.started_at)).toBe(negotiationDue); // the next stage counts from the handover
  expect(coordination.deadline).toBe(addWorkingDays(coordination.started_at, 15, calendar).deadline);

  // The LG office lets it run out too: breach and escalation to the leading group at the deadline,
  // but the case stays with the LG office; referring it is the office's decision.
  const coordinationDue = Date.parse(coordination.deadline);
  await h.env.sleep(coordinationDue + 60_000 - (await h.env.currentTimeMs()));
  const events = await waitFor('the breach and its escalation', async () => {
    const rows = await h.t.db('sla_events').where({ task_id: coordination.id }).orderBy('at_ms');
    return rows.length === 2 ? rows : undefined;
  });
  expect(events.map((e) => [e.kind, Number(e.at_ms)])).toEqual([
    ['breach', coordinationDue],
    ['escalation', coordinationDue],
  ]);
  expect(JSON.parse(events[1].detail).notify).toEqual([{ role: 'leading_group', department: null }]);
  expect(await h.t.db('tasks').where({ id: coordination.id }).first()).toMatchObject({
    status: 'open',
    breached: 1,
  });
  expect(await h.t.db('tasks').where({ case_id: dispute.id, step: 'ruling' })).toEqual([]);
  await s
    .tasks()
    .complete(
      await s.user('zhoujie'),
      coordination.id,
      { decision: 'refer', reason: '双方分歧较大,提请领导小组裁定' },
      null,
    );
  const ruling = await taskOf(dispute.id, 'ruling');
  expect(ruling).toMatchObject({ role: 'leading_group', department_code: null, article: 25 });

  // The ruling needs a reason; for the consumer, it grants as an approval would.
  const lg = await s.user('wuming');
  expect(
    (await rejection(s.tasks().complete(lg, ruling.id, { decision: 'for_consumer' }, null))).status,
  ).toBe(422);
  await s
    .tasks()
    .complete(lg, ruling.id, { decision: 'for_consumer', reason: '属法定职责所需,应予共享' }, null);
  const grant = await waitFor('the grant', () => h.t.db('grants').where({ request_id: requestId }).first());
  expect(grant).toMatchObject({
    status: 'active',
    workflow_id: disputeWorkflowId(disputeIdOf(requestId)),
    consumer_department: 'civil-affairs',
  });
  const read = await s.disputes().read(lg, dispute.id, null);
  expect(read).toMatchObject({
    status: 'ruled',
    outcome: { stage: 'ruling', decision: 'for_consumer', by: 'wuming' },
  });
  expect(read.deadlines.map((d) => [d.step, d.status, d.breached])).toEqual([
    ['negotiation', 'cancelled', true],
    ['coordination', 'done', true],
    ['ruling', 'done', false],
  ]);
  const request = await s.requests().read(lg, requestId, null);
  expect(request.dispute).toMatchObject({ id: dispute.id, status: 'ruled' });

  // The ruling binds: the provider cannot revoke the grant it made; the refusal names the ruling.
  const refused = await rejection(
    s.grants().revoke(await s.user('zhaoqiang'), grant.id, '数据用途已变更', null),
  );
  expect(refused.status).toBe(403);
  expect(refused.message).toContain(dispute.id);
  expect((await h.t.db('grants').where({ id: grant.id }).first()).status).toBe('active');
});

it('a proposal accepted by the other department resolves the dispute; one cannot accept one’s own or nothing', async () => {
  const requestId = await deniedRequest();
  const { dispute } = await s
    .disputes()
    .open(
      await s.user('zhaoqiang'),
      { subjectType: 'request', subjectId: requestId, claim: '申请用途不明确' },
      null,
    );
  const consumer = await s.user('zhangwei');
  const provider = await s.user('zhaoqiang');
  const first = await taskOf(dispute.id, 'negotiation');
  expect((await rejection(s.tasks().complete(consumer, first.id, { decision: 'accept' }, null))).status).toBe(
    422,
  );
  await s
    .tasks()
    .complete(provider, first.id, { decision: 'propose', reason: '补充用途说明后重新申请' }, null);
  const second = await waitFor('the next negotiation task', () =>
    h.t.db('tasks').where({ case_id: dispute.id, step: 'negotiation', status: 'open' }).first(),
  );
  expect(second.deadline).toBe(first.deadline); // one deadline for the stage
  const own = await rejection(s.tasks().complete(provider, second.id, { decision: 'accept' }, null));
  expect([own.status, own.message]).toEqual([422, 'the other department must accept your proposal']);
  await s.tasks().complete(consumer, second.id, { decision: 'accept' }, null);
  const d = await waitFor('resolved', async () => {
    const x = await s.disputes().read(consumer, dispute.id, null);
    return x.status === 'resolved' ? x : undefined;
  });
  expect(d.outcome).toMatchObject({
    stage: 'negotiation',
    decision: 'accept',
    text: '补充用途说明后重新申请',
    by: 'zhangwei',
  });
  expect(await h.t.db('grants').where({ request_id: requestId })).toEqual([]);
});

it('a revocation can be disputed like a denial (art. 25); a ruling for the consumer reinstates the grant, which only a new ruling can end', async () => {
  const { request } = await s.requests().submit(
    await s.user('zhangwei'),
    randomUUID(),
    {
      resourceCode: 'GA-RK-001',
      items: ['姓名'],
      purpose: '核对救助对象户籍',
      basis: '',
      usageFrom: today(),
      usageTo: DateTime.now().setZone(ZONE).plus({ months: 6 }).toISODate() as string,
      answers: {},
    },
    null,
  );
  const grantId = request.grant!.id;
  const consumer = await s.user('zhangwei');
  const claim = { subjectType: 'grant' as const, subjectId: grantId, claim: '撤销缺乏依据,救助核查仍在进行' };
  // Only a revoked grant can be disputed.
  expect((await rejection(s.disputes().open(consumer, claim, null))).status).toBe(409);
  await s.grants().revoke(await s.user('lina'), grantId, '数据用途存疑', null);
  await waitFor(
    'the revocation',
    async () => (await h.t.db('grants').where({ id: grantId }).first()).status === 'revoked',
  );
  const { dispute } = await s.disputes().open(consumer, claim, null);
  expect(dispute).toMatchObject({ subjectType: 'grant', subjectId: grantId, status: 'negotiation' });

  const negotiation = await taskOf(dispute.id, 'negotiation');
  await s.tasks().complete(consumer, negotiation.id, { decision: 'fail', reason: '双方各执己见' }, null);
  const coordination = await taskOf(dispute.id, 'coordination');
  await s
    .tasks()
    .complete(await s.user('zhoujie'), coordination.id, { decision: 'refer', reason: '提请裁定' }, null);
  const ruling = await taskOf(dispute.id, 'ruling');
  await s
    .tasks()
    .complete(
      await s.user('wuming'),
      ruling.id,
      { decision: 'for_consumer', reason: '撤销理由不成立' },
      null,
    );
  const reinstated = await waitFor('the reinstated grant', () =>
    h.t
      .db('grants')
      .where({ id: `${grantId}-RULED` })
      .first(),
  );
  expect(reinstated).toMatchObject({ status: 'active', part: 'ruled', request_id: request.id });
  const refused = await rejection(s.grants().revoke(await s.user('lina'), reinstated.id, '仍然存疑', null));
  expect([refused.status, refused.message]).toEqual([403, expect.stringContaining(dispute.id)]);
});
