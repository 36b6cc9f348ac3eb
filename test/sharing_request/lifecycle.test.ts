/**
 * The rest of a sharing request's life on the time-skipping server: the
 * platform authority deciding in the provider's place once the provider's
 * deadline has passed (art. 22), withdrawal, and a grant ending by itself at
 * the end of its usage period or earlier by revocation, both departments told.
 */
import { sharingWorkflowId } from '../../workflows/sharing_request/contract';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { ZONE } from '../../domain/calendar/working-days';
import type { SharingRequestBody } from '../../api/sharing_request/request-body';
import { rejection } from '../support/rejection';
import { useWorkflowHarness } from '../support/workflow-harness';
import { servicesOf } from '../support/services';
import { waitFor } from '../support/wait';
import { savePolicyVersion } from '../../db/policy-repository';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '../../seeds/default-policy';

const h = useWorkflowHarness(require.resolve('../../workflows'));
const s = servicesOf(h);

const today = () => DateTime.now().setZone(ZONE).toISODate() as string;
const inDays = (n: number) => DateTime.now().setZone(ZONE).plus({ days: n }).toISODate() as string;

const socialInsurance = (): SharingRequestBody => ({
  resourceCode: 'RS-SB-001',
  items: ['参保状态'],
  purpose: '核对低保对象参保情况',
  basis: '',
  usageFrom: today(),
  usageTo: inDays(90),
  answers: { scope: '300人', duty: '低保审核', security: '专人专机' },
});

async function submit(username: string, body: SharingRequestBody) {
  return (await s.requests().submit(await s.user(username), randomUUID(), body, '10.0.0.7')).request;
}

const noticesOf = (requestId: string) =>
  h.t.db('notifications').where({ kind: 'result' }).andWhere('id', 'like', `${requestId}#%`);

// First: the env's clock still matches the real date the API checks usage periods against.
it('a grant ends by itself when its usage period ends, and both departments are told', async () => {
  const request = await submit('zhangwei', {
    resourceCode: 'GA-RK-001',
    items: ['姓名', '户籍地址'],
    purpose: '核对救助对象户籍',
    basis: '',
    usageFrom: today(),
    usageTo: inDays(3),
    answers: {},
  });
  expect(request).toMatchObject({ status: 'granted', grant: { status: 'active', usageTo: inDays(3) } });
  const endsAt = DateTime.fromISO(inDays(3), { zone: ZONE }).endOf('day').toMillis();

  await h.env.sleep(endsAt - 60_000 - (await h.env.currentTimeMs()));
  expect((await h.t.db('grants').where({ request_id: request.id }).first()).status).toBe('active');
  await h.env.sleep(120_000);
  const ended = await waitFor('the grant to end', async () => {
    const g = await h.t.db('grants').where({ request_id: request.id }).first();
    return g.status === 'expired' ? g : undefined;
  });
  expect(Number(ended.ended_at_ms)).toBe(endsAt);
  const titles = (await noticesOf(request.id)).map((n) => n.title_en);
  expect(titles.filter((t) => t.startsWith('Grant ended')).length).toBe(2);
  // The workflow has ended with its grant. (Not awaited with result(): on this server that lets the clock run on.)
  const run = await h.env.client.workflow.getHandle(sharingWorkflowId(request.id)).describe();
  expect(run.status.name).toBe('COMPLETED');
  const late = await rejection(s.grants().revoke(await s.user('lina'), `G-${request.id}`, '已到期', null));
  expect([late.status, late.code]).toEqual([409, 'grant_ended']);
});

it("where the city turns off direct authority, the platform authority decides in the provider's place only once its deadline has passed, and that decision is final (art. 22)", async () => {
  const doc = loadPolicyFile(DEFAULT_POLICY_FILE);
  const restricted = await savePolicyVersion(h.t.db, {
    ...doc,
    version: doc.version + 50,
    effectiveFrom: DateTime.now().setZone(ZONE).minus({ days: 1 }).toISODate() as string,
    sharing: {
      ...doc.sharing!,
      directAuthorisation: { enabled: false, citation: { article: 22, basis: 'measures' } },
    },
  });
  const request = await submit('zhangwei', socialInsurance());
  await h.t.db('policy_versions').where({ key: restricted }).del();
  const task = request.currentTask!;
  const platform = await s.user('chenjing');

  // Before the deadline the platform authority may not act on the provider's task.
  expect((await rejection(s.tasks().complete(platform, task.id, { decision: 'approve' }, null))).status).toBe(
    403,
  );

  await h.env.sleep(Date.parse(task.deadline) + 60_000 - (await h.env.currentTimeMs()));
  await waitFor(
    'the art. 22 escalation',
    async () =>
      (await h.t.db('task_candidates').where({ task_id: task.id, role: 'platform_approver' })).length > 0,
  );
  const done = await s
    .tasks()
    .complete(platform, task.id, { decision: 'approve', reason: '提供部门逾期' }, null);
  expect(done).toMatchObject({ status: 'done', completedBy: 'chenjing', breached: true });

  const detail = await waitFor('the grant', async () => {
    const d = await s.requests().read(platform, request.id, null);
    return d.status === 'granted' ? d : undefined;
  });
  expect(detail.deadlines.map((d) => d.step)).toEqual(['provider_review']);
  const decided = detail.timeline.find((e) => e.action === 'decided')!;
  expect(decided).toMatchObject({ actor: 'chenjing', decision: 'approve', step: 'provider_review' });
  expect(decided.reason).toContain('第二十二条');
});

it('the requester withdraws during review: the task is cancelled and can no longer be decided', async () => {
  const request = await submit('zhangwei', socialInsurance());
  const provider = await s.user('zhaoqiang');

  // Only a requester of the requesting department may withdraw.
  expect((await rejection(s.requests().withdraw(provider, request.id, undefined, null))).status).toBe(403);
  const withdrawn = await s
    .requests()
    .withdraw(await s.user('zhangwei'), request.id, '需求已变化', '10.0.0.7');
  expect(withdrawn).toMatchObject({ status: 'withdrawn', currentTask: null });
  expect(withdrawn.deadlines[0].status).toBe('cancelled');
  expect(withdrawn.timeline.at(-1)).toMatchObject({
    action: 'withdrawn',
    actor: 'zhangwei',
    reason: '需求已变化',
  });

  const late = await rejection(
    s.tasks().complete(provider, request.currentTask!.id, { decision: 'approve' }, null),
  );
  expect(late.status).toBe(409);
  const again = await rejection(s.requests().withdraw(await s.user('zhangwei'), request.id, undefined, null));
  expect(again.status).toBe(409);
  expect((await noticesOf(request.id)).map((n) => n.recipient_department).sort()).toEqual([
    'civil-affairs',
    'hr-social-security',
  ]);
});

it('the provider revokes a grant early with a reason; without a reason, or by another department, it is refused', async () => {
  const request = await submit('zhangwei', {
    resourceCode: 'GA-RK-001',
    items: ['姓名'],
    purpose: '核对救助对象身份',
    basis: '',
    usageFrom: today(),
    usageTo: inDays(365),
    answers: {},
  });
  const grantId = request.grant!.id;
  const other = await rejection(s.grants().revoke(await s.user('zhaoqiang'), grantId, '无关部门', null));
  expect(other.status).toBe(403);
  const noReason = await rejection(s.grants().revoke(await s.user('lina'), grantId, '  ', null));
  expect(noReason.status).toBe(422);

  const revoked = await s.grants().revoke(await s.user('lina'), grantId, '发现超范围使用', '10.0.0.9');
  expect(revoked).toMatchObject({ status: 'revoked', endedBy: 'lina', endReason: '发现超范围使用' });
  const titles = (await noticesOf(request.id)).map((n) => n.title_en);
  expect(titles.filter((t) => t.startsWith('Grant revoked')).length).toBe(2);
  expect((await rejection(s.grants().revoke(await s.user('lina'), grantId, '再次', null))).status).toBe(409);
});
