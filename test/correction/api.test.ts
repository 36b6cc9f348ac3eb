/**
 * Correction feedback (art. 24) through the API, against the Temporal dev
 * server and MariaDB: filing (flagged late when it is), the provider's reply,
 * the consumer's acceptance or contest, and every kind of bad input.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { correctionWorkflowId } from '../../workflows/correction/contract';
import { testApp } from '../support/api';
import { useApiHarness } from '../support/api-harness';
import { httpCases, localDay } from '../support/http-cases';

const h = useApiHarness();
const c = httpCases(h);

const report = (over: Record<string, unknown> = {}) => ({
  resourceCode: 'GA-RK-001',
  discoveredAt: new Date(Date.now() - 3600_000).toISOString(),
  description: '户籍地址仍为拆迁前地址',
  items: ['户籍地址'],
  evidence: '现场核查记录',
  ...over,
});

beforeAll(async () => {
  // 张伟's bureau uses the population data: a grant to report errors in.
  await c.request('zhangwei', {
    resourceCode: 'GA-RK-001',
    items: ['姓名', '户籍地址'],
    purpose: '核对救助对象户籍',
    usageFrom: localDay(),
    usageTo: localDay(90),
  });
});

it('files a report in time, the provider replies with an explanation, and the consumer accepts', async () => {
  const filed = await c.post('zhangwei', '/api/corrections', report(), randomUUID());
  expect(filed.status).toBe(201);
  expect(filed.body).toMatchObject({
    status: 'provider_reply',
    late: false,
    consumerDepartment: 'civil-affairs',
    providerDepartment: 'public-security',
    currentTask: {
      step: 'provider_reply',
      article: 24,
      holders: [{ role: 'provider_reviewer', department: 'public-security' }],
    },
  });
  const calendar = await c.get(
    'zhangwei',
    `/api/calendar/deadline?from=${encodeURIComponent(filed.body.filedAt)}&workingDays=5`,
  );
  expect(filed.body.currentTask.deadline).toBe(calendar.body.deadline);

  const taskId = filed.body.currentTask.id;
  expect((await c.complete('lina', taskId, { decision: 'corrected' })).status).toBe(422);
  expect((await c.complete('zhangwei', taskId, { decision: 'corrected', reason: 'x' })).status).toBe(403);
  expect(
    (await c.complete('lina', taskId, { decision: 'corrected', reason: '已按户籍档案更正地址' })).status,
  ).toBe(200);
  const replied = await c.until(
    'zhangwei',
    `/api/corrections/${filed.body.id}`,
    (b) => b.status === 'consumer_review',
  );
  expect(replied).toMatchObject({ reply: { decision: 'corrected', text: '已按户籍档案更正地址' } });
  // Art. 24 sets the provider's 5 working days; it sets no time for the consumer's confirmation,
  // so that deadline is shown as the platform's default, never as the article's.
  expect(replied.currentTask).toMatchObject({
    step: 'consumer_review',
    basis: 'default',
    citation: { zh: '平台默认(待市政府确认)', en: 'Platform default (to be confirmed by the city)' },
  });
  expect((replied.deadlines as { step: string; basis: string }[]).map((d) => [d.step, d.basis])).toEqual([
    ['provider_reply', 'measures'],
    ['consumer_review', 'default'],
  ]);
  const review = (replied.currentTask as { id: string }).id;
  expect((await c.complete('zhangwei', review, { decision: 'accept' })).status).toBe(200);
  const done = await c.until('zhangwei', `/api/corrections/${filed.body.id}`, (b) => b.status === 'accepted');
  expect((done.timeline as { action: string }[]).map((e) => e.action)).toEqual(
    expect.arrayContaining(['filed', 'replied', 'accepted']),
  );
  expect((await c.get('hegang', `/api/corrections/${filed.body.id}`)).status).toBe(403);
});

it('accepts a late report and flags it wherever the correction shows', async () => {
  const res = await c.post(
    'zhangwei',
    '/api/corrections',
    report({ discoveredAt: `${localDay(-30)}T09:00:00+08:00` }),
    randomUUID(),
  );
  expect(res.status).toBe(201);
  expect(res.body.late).toBe(true);
  expect(Date.parse(res.body.filingDeadline)).toBeLessThan(Date.parse(res.body.filedAt));
  const read = await c.get('lina', `/api/corrections/${res.body.id}`);
  expect(read.body.late).toBe(true);
});

it('the consumer contests a reply, which opens a dispute; the provider cannot contest for it', async () => {
  const filed = (await c.post('zhangwei', '/api/corrections', report(), randomUUID())).body;
  await c.complete('lina', filed.currentTask.id, { decision: 'no_error', reason: '与户籍档案一致' });
  await c.until('zhangwei', `/api/corrections/${filed.id}`, (b) => b.status === 'consumer_review');
  const byProvider = await c.post('lina', '/api/disputes', {
    subjectType: 'correction',
    subjectId: filed.id,
    claim: 'x',
  });
  expect(byProvider.status).toBe(403);
  const dispute = await c.post('zhangwei', '/api/disputes', {
    subjectType: 'correction',
    subjectId: filed.id,
    claim: '现场核实地址已变更',
  });
  expect(dispute.status).toBe(201);
  expect(dispute.body).toMatchObject({
    id: `DS-${filed.id}`,
    status: 'negotiation',
    subjectType: 'correction',
  });
  const again = await c.post('zhangwei', '/api/disputes', {
    subjectType: 'correction',
    subjectId: filed.id,
    claim: 'x',
  });
  expect([again.status, again.body.id]).toEqual([200, dispute.body.id]);
  const read = await c.until('zhangwei', `/api/corrections/${filed.id}`, (b) => b.status === 'disputed');
  expect(read.dispute).toMatchObject({ id: dispute.body.id, status: 'negotiation' });
});

describe('bad input: a clear 4xx, nothing filed', () => {
  const cases: [string, string, Record<string, unknown>, number, string][] = [
    [
      'discovered in the future',
      'zhangwei',
      { discoveredAt: new Date(Date.now() + 86_400_000).toISOString() },
      422,
      'discoveredAt',
    ],
    ['an unknown resource', 'zhangwei', { resourceCode: 'NOPE-1' }, 422, 'resourceCode'],
    ['an item the resource lacks', 'zhangwei', { items: ['银行账号'] }, 422, 'items[0]'],
    // Art. 24: 使用部门对获取的共享信息有疑义 — the grant covers 姓名 and 户籍地址, not 民族.
    [
      'an item the grant did not give (art. 24)',
      'zhangwei',
      { items: ['户籍地址', '民族'] },
      422,
      'items[1]',
    ],
    ['a grant of another department', 'zhangwei', { grantId: 'G-NOPE' }, 422, 'grantId'],
    ['no description', 'zhangwei', { description: ' ' }, 400, 'description'],
    ['a date without an offset', 'zhangwei', { discoveredAt: '2026-11-20' }, 400, 'discoveredAt'],
  ];
  it.each(cases)('%s', async (_name, user, over, status, path) => {
    const before = await h.t.db('corrections').count({ n: '*' });
    const res = await c.post(user, '/api/corrections', report(over), randomUUID());
    expect(res.status).toBe(status);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await h.t.db('corrections').count({ n: '*' })).toEqual(before);
  });

  it('a department without a grant on the resource (403), and a role that does not file (403)', async () => {
    const noGrant = await c.post('liuyan', '/api/corrections', report(), randomUUID());
    expect([noGrant.status, noGrant.body.error.code]).toEqual([403, 'no_grant']);
    expect((await c.post('lina', '/api/corrections', report(), randomUUID())).status).toBe(403);
  });
});

describe('idempotent filing (Idempotency-Key, as for requests and reforms)', () => {
  it('the same key and body answer the same correction (200), never a second; another body under it is refused; no key is a 400', async () => {
    const key = randomUUID();
    const body = report({ description: '姓名拼写有误' });
    const first = await c.post('zhangwei', '/api/corrections', body, key);
    expect(first.status).toBe(201);
    const again = await c.post('zhangwei', '/api/corrections', body, key);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(await h.t.db('corrections').where({ description: '姓名拼写有误' })).toHaveLength(1);

    const other = await c.post('zhangwei', '/api/corrections', report({ description: '另一处错误' }), key);
    expect([other.status, other.body.error.code]).toEqual([422, 'idempotency_key_reused']);
    const none = await c.post('zhangwei', '/api/corrections', report({ description: '没有幂等键' }));
    expect(none.status).toBe(400);
    expect(none.body.error.details.map((d: { path: string }) => d.path)).toEqual(['Idempotency-Key']);
    expect(await h.t.db('corrections').whereIn('description', ['另一处错误', '没有幂等键'])).toHaveLength(0);
  });

  it('Temporal unreachable: 503, the correction is kept, and the same key later starts its one workflow', async () => {
    const dead = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1', interceptors: [] }) });
    const key = randomUUID();
    const body = report({ description: 'Temporal 不可用时反馈' });
    const down = await request(testApp(h.t.db, dead, { TEMPORAL_TASK_QUEUE: h.taskQueue }))
      .post('/api/corrections')
      .set(await h.as('zhangwei'))
      .set('Idempotency-Key', key)
      .send(body);
    expect([down.status, down.body.error.code]).toEqual([503, 'temporal_unavailable']);
    const kept = await h.t.db('corrections').where({ idempotency_key: key });
    expect(kept).toHaveLength(1);

    const again = await c.post('zhangwei', '/api/corrections', body, key);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: kept[0].id, status: 'provider_reply' });
    expect(again.body.currentTask).toMatchObject({ step: 'provider_reply' });
    const runs: string[] = [];
    for await (const wf of h.env.client.workflow.list({
      query: `WorkflowId="${correctionWorkflowId(kept[0].id)}"`,
    }))
      runs.push(wf.runId);
    expect(runs).toHaveLength(1);
    await dead.connection.close();
  });
});

it('lists the corrections a department filed or received, with names, and links each to its request and back', async () => {
  const filed = await c.post(
    'zhangwei',
    '/api/corrections',
    report({ description: '姓名写错一字' }),
    randomUUID(),
  );
  expect(filed.status).toBe(201);
  const requestId = filed.body.requestId as string;
  expect(requestId).toMatch(/^SR-/);
  for (const user of ['zhangwei', 'lina']) {
    const list = await c.get(user, '/api/corrections?status=provider_reply');
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual(
      expect.objectContaining({
        id: filed.body.id,
        resourceName: '人口基础信息',
        consumerDepartmentName: { zh: '市民政局', en: expect.any(String) },
        status: 'provider_reply',
      }),
    );
  }
  expect((await c.get('zhangwei', '/api/corrections?status=accepted')).body.items).not.toContainEqual(
    expect.objectContaining({ id: filed.body.id }),
  );
  const req = await c.get('zhangwei', `/api/requests/${requestId}`);
  expect(req.body.corrections).toContainEqual(expect.objectContaining({ id: filed.body.id }));
  expect((await c.get('zhangwei', '/api/corrections?status=nonsense')).status).toBe(400);
});
