/**
 * Disputes (art. 21, 25) through the API, against the Temporal dev server and
 * MariaDB: either department of a denied request opens one, both negotiate in
 * their inboxes, an accepted proposal resolves it, and bad input is refused.
 */
import { randomUUID } from 'node:crypto';
import { appendExchange } from '../../db/log-repository';
import { useApiHarness } from '../support/api-harness';
import { httpCases, localDay } from '../support/http-cases';

const h = useApiHarness();
const c = httpCases(h);

const conditional = {
  resourceCode: 'RS-SB-001',
  items: ['参保状态'],
  purpose: '核对低保对象参保情况',
  usageFrom: localDay(),
  usageTo: localDay(180),
  answers: { scope: '300人', duty: '低保审核', security: '专人专机' },
};

async function denied(): Promise<string> {
  const req = await c.request('zhangwei', conditional);
  await c.complete('zhaoqiang', req.currentTask.id, { decision: 'deny', reason: '超出职责范围' });
  await c.until('zhangwei', `/api/requests/${req.id}`, (b) => b.status === 'denied');
  return req.id;
}

it('either department opens it; both negotiate in their inboxes; an accepted proposal resolves it', async () => {
  const requestId = await denied();
  const opened = await c.post('zhaoqiang', '/api/disputes', {
    subjectType: 'request',
    subjectId: requestId,
    claim: '申请用途与法定职责不符',
  });
  expect(opened.status).toBe(201);
  expect(opened.body).toMatchObject({
    id: `DS-${requestId}`,
    status: 'negotiation',
    openedBy: 'zhaoqiang',
    currentTask: { step: 'negotiation', article: 25 },
  });
  const again = await c.post('zhangwei', '/api/disputes', {
    subjectType: 'request',
    subjectId: requestId,
    claim: 'x',
  });
  expect([again.status, again.body.id]).toEqual([200, opened.body.id]);

  const inbox = async (u: string) =>
    (
      (await c.get(u, '/api/tasks?processType=dispute')).body.items as { id: string; caseId: string }[]
    ).filter((t) => t.caseId === opened.body.id);
  const [mine] = await inbox('zhangwei');
  expect(await inbox('zhaoqiang')).toEqual([expect.objectContaining({ id: mine.id })]);

  expect((await c.complete('zhangwei', mine.id, { decision: 'propose' })).status).toBe(422); // a proposal says what
  expect(
    (await c.complete('zhangwei', mine.id, { decision: 'propose', reason: '限定查询范围为低保申请人' }))
      .status,
  ).toBe(200);
  const next = await c.until('zhaoqiang', `/api/disputes/${opened.body.id}`, (b) => {
    const t = b.currentTask as { id: string } | null;
    return t !== null && t.id !== mine.id;
  });
  expect(next.proposal).toMatchObject({
    by: 'zhangwei',
    department: 'civil-affairs',
    text: '限定查询范围为低保申请人',
  });
  expect(
    (await c.complete('hegang', (next.currentTask as { id: string }).id, { decision: 'accept' })).status,
  ).toBe(403);
  expect(
    (await c.complete('zhaoqiang', (next.currentTask as { id: string }).id, { decision: 'accept' })).status,
  ).toBe(200);
  const done = await c.until('zhangwei', `/api/disputes/${opened.body.id}`, (b) => b.status === 'resolved');
  expect(done.outcome).toMatchObject({ stage: 'negotiation', decision: 'accept', by: 'zhaoqiang' });
  const request = await c.get('zhangwei', `/api/requests/${requestId}`);
  expect(request.body.dispute).toMatchObject({ id: opened.body.id, status: 'resolved' });
});

it('refuses a request that was not denied (409), an outsider (403), an unknown subject (404) and malformed input (400)', async () => {
  const granted = await c.request('zhangwei', {
    resourceCode: 'GA-RK-001',
    items: ['姓名'],
    purpose: '核对身份',
    usageFrom: localDay(),
    usageTo: localDay(30),
  });
  const notDenied = await c.post('zhangwei', '/api/disputes', {
    subjectType: 'request',
    subjectId: granted.id,
    claim: 'x',
  });
  expect([notDenied.status, notDenied.body.error.code]).toEqual([409, 'not_disputable']);
  const requestId = await denied();
  expect(
    (await c.post('hegang', '/api/disputes', { subjectType: 'request', subjectId: requestId, claim: 'x' }))
      .status,
  ).toBe(403);
  expect(
    (
      await c.post('zhangwei', '/api/disputes', {
        subjectType: 'request',
        subjectId: 'SR-0-NOPE',
        claim: 'x',
      })
    ).status,
  ).toBe(404);
  const bad = await c.post('zhangwei', '/api/disputes', {
    subjectType: 'catalogue',
    subjectId: requestId,
    claim: ' ',
  });
  expect(bad.status).toBe(400);
  expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
    'claim',
    'subjectType',
  ]);
  expect(await h.t.db('disputes').where({ subject_id: requestId })).toEqual([]);
  expect((await c.get('zhangwei', '/api/disputes/DS-NOPE')).status).toBe(404);
});

it('one side cannot lock the other out of the negotiation: a task both departments hold cannot be claimed', async () => {
  const requestId = await denied();
  const opened = await c.post('zhangwei', '/api/disputes', {
    subjectType: 'request',
    subjectId: requestId,
    claim: '申请用途符合法定职责',
  });
  const task = (opened.body.currentTask as { id: string }).id;
  const claim = await h
    .http()
    .post(`/api/tasks/${task}/claim`)
    .set(await h.as('zhangwei'))
    .send({});
  expect([claim.status, claim.body.error.code]).toEqual([409, 'task_shared']);
  // The other side still acts on it.
  expect((await c.complete('zhaoqiang', task, { decision: 'propose', reason: '限定查询范围' })).status).toBe(
    200,
  );
});

it('an exchange can be disputed, recorded or refused (art. 25: 因共享和使用发生争议); the outcome stands on the exchange log', async () => {
  // Art. 25: "政务部门之间因信息共享和使用发生争议的,由争议双方协商解决" — the use of shared data included.
  const req = await c.request('zhangwei', {
    resourceCode: 'SC-FR-001',
    items: ['统一社会信用代码', '单位名称'],
    purpose: '社会组织登记核查',
    usageFrom: localDay(),
    usageTo: localDay(30),
  });
  const grantId = (req.grant as { id: string }).id;
  const used = await c.post('zhangwei', `/api/grants/${grantId}/exchanges`, {
    items: ['单位名称'],
    recordCount: 40,
  });
  expect(used.status).toBe(201);
  expect(used.body.id).toMatch(/^EX-\d{8}-[0-9A-Z]{6}$/); // read out and put in a URL as it is
  const refused = await c.post('zhangwei', `/api/grants/${grantId}/exchanges`, {
    items: ['法定代表人'],
    recordCount: 1,
  });
  expect(refused.status).toBe(422);
  // The answer names the id the refusal is kept under, which the consumer can dispute.
  expect(refused.body.error.ref).toMatch(/^XR-\d{8}-[0-9A-Z]{6}$/);
  const refusalId = refused.body.error.ref as string;

  // The consumer contests the refusal; the provider contests the recorded use.
  const overRefusal = await c.post('zhangwei', '/api/disputes', {
    subjectType: 'exchange',
    subjectId: refusalId,
    claim: '法定代表人信息属于登记核查的必要范围',
  });
  expect(overRefusal.status).toBe(201);
  expect(overRefusal.body).toMatchObject({
    id: `DS-${refusalId}`,
    subjectType: 'exchange',
    providerDepartment: 'market-regulation',
    consumerDepartment: 'civil-affairs',
    currentTask: { step: 'negotiation' },
  });
  const overUse = await c.post('qianli', '/api/disputes', {
    subjectType: 'exchange',
    subjectId: used.body.id,
    claim: '一次调取40条超出登记核查所需',
  });
  expect([overUse.status, overUse.body.id]).toEqual([201, `DS-${used.body.id}`]);

  // An outsider may not dispute it; an unknown exchange is named as the field at fault.
  expect(
    (await c.post('hegang', '/api/disputes', { subjectType: 'exchange', subjectId: refusalId, claim: 'x' }))
      .status,
  ).toBe(403);
  const unknown = await c.post('zhangwei', '/api/disputes', {
    subjectType: 'exchange',
    subjectId: 'EX-20261203-NOPE00',
    claim: 'x',
  });
  expect([unknown.status, unknown.body.error.code, unknown.body.error.details[0].path]).toEqual([
    404,
    'exchange_not_found',
    'subjectId',
  ]);

  // The parties settle the use; its outcome is shown on the exchange log beside the use.
  const task = (overUse.body.currentTask as { id: string }).id;
  expect((await c.complete('qianli', task, { decision: 'propose', reason: '今后按月汇总调取' })).status).toBe(
    200,
  );
  const next = await c.until('zhangwei', `/api/disputes/${overUse.body.id}`, (b) => {
    const t = b.currentTask as { id: string } | null;
    return t !== null && t.id !== task;
  });
  expect(
    (await c.complete('zhangwei', (next.currentTask as { id: string }).id, { decision: 'accept' })).status,
  ).toBe(200);
  await c.until('qianli', `/api/disputes/${overUse.body.id}`, (b) => b.status === 'resolved');
  const log = await c.get('qianli', `/api/grants/${grantId}/exchanges`);
  expect(log.body.items).toEqual([
    expect.objectContaining({
      id: used.body.id,
      dispute: expect.objectContaining({ id: overUse.body.id, status: 'resolved' }),
    }),
  ]);
  expect(log.body.refusals).toEqual([
    expect.objectContaining({
      id: refusalId,
      code: 'items_not_granted',
      items: ['法定代表人'],
      dispute: expect.objectContaining({ id: overRefusal.body.id, status: 'negotiation' }),
    }),
  ]);
});

it('an exchange logged before ids were readable (x#<uuid>) is disputed under a URL-safe id', async () => {
  const req = await c.request('zhangwei', {
    resourceCode: 'SC-FR-001',
    items: ['单位名称'],
    purpose: '社会组织登记核查',
    usageFrom: localDay(),
    usageTo: localDay(30),
  });
  const legacy = `x#${randomUUID()}`;
  await appendExchange(h.t.db, {
    id: legacy,
    grantId: (req.grant as { id: string }).id,
    resourceCode: 'SC-FR-001',
    consumerDepartment: 'civil-affairs',
    providerDepartment: 'market-regulation',
    actor: 'zhangwei',
    mode: 'api',
    items: ['单位名称'],
    recordCount: 3,
    ip: null,
    at: new Date().toISOString(),
  });
  const opened = await c.post('qianli', '/api/disputes', {
    subjectType: 'exchange',
    subjectId: legacy,
    claim: '调取用途与申请不符',
  });
  expect(opened.status).toBe(201);
  expect(opened.body.id).toBe(`DS-EX-${legacy.slice(2).replaceAll('-', '')}`);
  expect((await c.get('zhangwei', `/api/disputes/${opened.body.id}`)).status).toBe(200);
});

it('a ruling for the consumer on a request whose base items were granted at once grants only the rest (art. 19, 25)', async () => {
  // Art. 19: "基础信息项应无条件共享" — the base items were granted on submission; the ruling adds the business items.
  // 婚姻登记信息 is a basic resource shared on conditions; its ID-number items are base items.
  const req = await c.request('liuyan', {
    resourceCode: 'MZ-HY-001',
    items: ['男方公民身份号码', '登记类型'],
    purpose: '核对参保人员婚姻状况',
    usageFrom: localDay(),
    usageTo: localDay(90),
    answers: { duty: '社会保险待遇审核' },
  });
  await c.complete('yangfan', req.currentTask.id, { decision: 'deny', reason: '超出职责范围' });
  await c.until('liuyan', `/api/requests/${req.id}`, (b) => b.status === 'denied');
  const opened = await c.post('liuyan', '/api/disputes', {
    subjectType: 'request',
    subjectId: req.id,
    claim: '登记类型为待遇审核所必需',
  });
  const step = async (username: string, decision: string, reason: string) => {
    const d = await c.until(username, `/api/disputes/${opened.body.id}`, (b) => b.currentTask !== null);
    expect(
      (await c.complete(username, (d.currentTask as { id: string }).id, { decision, reason })).status,
    ).toBe(200);
    await c.until(username, `/api/disputes/${opened.body.id}`, (b) => {
      const t = b.currentTask as { id: string } | null;
      return t?.id !== (d.currentTask as { id: string }).id;
    });
  };
  await step('yangfan', 'fail', '无法达成一致');
  await step('zhoujie', 'refer', '提请领导小组裁定');
  await step('wuming', 'for_consumer', '属法定职责所需,应予共享');
  const ruled = await c.until(
    'liuyan',
    `/api/requests/${req.id}`,
    (b) => (b.grant as { status: string } | null)?.status === 'active',
  );
  expect(ruled.baseGrant).toMatchObject({ items: ['男方公民身份号码'], status: 'active' });
  expect(ruled.grant).toMatchObject({ items: ['登记类型'] });
});

it('lists the disputes a department is party to, newest first, with the parties named', async () => {
  const { dispute } = await c.disputedDenial();
  for (const user of ['zhangwei', 'zhaoqiang', 'zhoujie']) {
    const list = await c.get(user, '/api/disputes?status=negotiation');
    expect(list.body.items[0]).toMatchObject({
      id: dispute.id,
      subjectType: 'request',
      providerDepartmentName: { zh: '市人力资源和社会保障局' },
    });
  }
  expect((await c.get('sunhui', '/api/disputes')).body.items).not.toContainEqual(
    expect.objectContaining({ id: dispute.id }),
  );
});

it("offers each side only what the negotiation would take: accepting needs the other side's proposal, and nobody claims a shared task", async () => {
  const { dispute } = await c.disputedDenial();
  const offered = async (user: string, taskId: string) => {
    const t = await c.get(user, `/api/tasks/${encodeURIComponent(taskId)}`);
    return {
      accept: t.body.actions.find((a: { decision: string }) => a.decision === 'accept'),
      claim: t.body.claim,
    };
  };
  const first = dispute.currentTask.id as string;
  expect(await offered('zhaoqiang', first)).toEqual({
    accept: { decision: 'accept', allowed: false, reason: 'nothing_proposed' },
    claim: { allowed: false, reason: 'task_shared' },
  });
  await c.complete('zhangwei', first, { decision: 'propose', reason: '限定查询范围' });
  const next = await c.until('zhangwei', `/api/disputes/${dispute.id}`, (d) => {
    const t = d.currentTask as { id: string } | null;
    return t !== null && t.id !== first;
  });
  const second = (next.currentTask as { id: string }).id;
  expect((await offered('zhangwei', second)).accept).toMatchObject({
    allowed: false,
    reason: 'own_proposal',
  });
  expect((await offered('zhaoqiang', second)).accept).toEqual({
    decision: 'accept',
    allowed: true,
    reason: null,
  });
});
