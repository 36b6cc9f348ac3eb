/**
 * The entitlements the measures give a requester, on the time-skipping server:
 * a statutory recipient's request goes to a review that supplies or answers
 * that the law does not apply, and past its deadline the platform authority may
 * supply it (art. 21, 22); the platform authority decides a provider review
 * directly (art. 22); base items are granted at once and keep their grant when
 * the rest is denied (art. 19). Its histories are recorded for the replay test.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { ZONE } from '../../domain/calendar/working-days';
import type { SharingRequestBody } from '../../api/sharing_request/request-body';
import { useWorkflowHarness } from '../support/workflow-harness';
import { servicesOf } from '../support/services';
import { waitFor } from '../support/wait';

const h = useWorkflowHarness(require.resolve('../../workflows'));
const s = servicesOf(h);

const inDays = (n: number) => DateTime.now().setZone(ZONE).plus({ days: n }).toISODate() as string;

async function submit(username: string, body: Omit<SharingRequestBody, 'usageFrom' | 'usageTo'>) {
  const full = { ...body, usageFrom: inDays(0), usageTo: inDays(60) };
  return (await s.requests().submit(await s.user(username), randomUUID(), full, null)).request;
}

async function decide(username: string, taskId: string, decision: string, reason?: string) {
  return s.tasks().complete(await s.user(username), taskId, { decision, reason }, null);
}

async function once(requestId: string, status: string) {
  return waitFor(`request ${requestId} ${status}`, async () => {
    const r = await s.requests().read(await s.user('chenjing'), requestId, null);
    return r.status === status ? r : undefined;
  });
}

/** 居民死亡医学证明信息 is not shared, but the law names civil affairs as a recipient (art. 21). */
const deathRecords = {
  resourceCode: 'WJ-SW-001',
  items: ['姓名', '死亡日期'],
  purpose: '救助对象死亡注销',
  basis: '《殡葬管理条例》第十二条',
  answers: {},
};

it('a statutory recipient is supplied without a platform approval; past the review deadline the platform authority may supply it (art. 21, 22)', async () => {
  // Art. 21: "依法应与特定政府部门共享的政务信息不受上述限制,应按照法律相关规定向特定政府部门提供".
  const supplied = await submit('zhangwei', deathRecords);
  expect(supplied).toMatchObject({ status: 'statutory_review', currentTask: { step: 'statutory_review' } });
  await decide('huangmin', supplied.currentTask!.id, 'provide');
  const granted = await once(supplied.id, 'granted');
  expect(granted.deadlines.map((d) => d.step)).toEqual(['statutory_review']);
  expect(granted.grant).toMatchObject({ status: 'active', items: ['姓名', '死亡日期'] });

  // Left undecided, the review breaches at its deadline; the platform authority then supplies it.
  const overdue = await submit('zhangwei', deathRecords);
  const task = overdue.currentTask!;
  await h.env.sleep(Date.parse(task.deadline) + 60_000 - (await h.env.currentTimeMs()));
  await waitFor(
    'the breach',
    async () => (await h.t.db('tasks').where({ id: task.id }).first()).breached === 1,
  );
  await decide('chenjing', task.id, 'provide', '提供部门逾期,依授权直接提供');
  const late = await once(overdue.id, 'granted');
  expect(late.timeline.find((e) => e.action === 'decided')).toMatchObject({ actor: 'chenjing' });
});

it('the answer that the cited law does not apply ends the request with its reasons (art. 21)', async () => {
  const r = await submit('zhangwei', { ...deathRecords, basis: '《社会救助暂行办法》第十一条' });
  await decide('huangmin', r.currentTask!.id, 'basis_not_applicable', '所引条款不涉及死亡信息');
  expect(await once(r.id, 'denied')).toMatchObject({ decisionReason: '所引条款不涉及死亡信息', grant: null });
});

it('the platform authority decides a provider review directly, at once, and that decision is final (art. 22)', async () => {
  // Art. 22: "市共享平台主管部门可根据授权,直接受理并授权".
  const r = await submit('zhangwei', {
    resourceCode: 'RS-SB-001',
    items: ['参保状态'],
    purpose: '核对低保对象参保情况',
    basis: '',
    answers: { scope: '300人', duty: '低保审核', security: '专人专机' },
  });
  await decide('chenjing', r.currentTask!.id, 'approve', '依整体授权直接受理');
  const granted = await once(r.id, 'granted');
  expect(granted.deadlines.map((d) => d.step)).toEqual(['provider_review']);
  expect(granted.timeline.find((e) => e.action === 'decided')!.reason).toContain('第二十二条');
});

it('base items are granted at once and keep their grant when the rest is denied; approved, the rest is a grant of its own (art. 19)', async () => {
  // Art. 19: "基础信息项应无条件共享给政务部门使用".
  const marriage = {
    resourceCode: 'MZ-HY-001',
    items: ['男方公民身份号码', '登记类型'],
    purpose: '核对参保人员婚姻状况',
    basis: '',
    answers: { duty: '社会保险待遇审核' },
  };
  const denied = await submit('liuyan', marriage);
  expect(denied).toMatchObject({ status: 'provider_review', baseGrant: { items: ['男方公民身份号码'] } });
  await decide('yangfan', denied.currentTask!.id, 'deny', '超出职责范围');
  expect(await once(denied.id, 'denied')).toMatchObject({ grant: null, baseGrant: { status: 'active' } });

  const approved = await submit('liuyan', marriage);
  await decide('yangfan', approved.currentTask!.id, 'approve');
  const platform = await waitFor('the platform review', async () => {
    const r = await s.requests().read(await s.user('chenjing'), approved.id, null);
    return r.currentTask?.step === 'platform_review' ? r.currentTask : undefined;
  });
  await decide('chenjing', platform.id, 'approve');
  expect(await once(approved.id, 'granted')).toMatchObject({
    grant: { items: ['登记类型'], status: 'active' },
    baseGrant: { items: ['男方公民身份号码'], status: 'active' },
  });
});
