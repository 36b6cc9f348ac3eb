/**
 * Reform obligations done properly (art. 9), through the API against the
 * Temporal dev server and MariaDB: a department registers its own trigger; its
 * obligation lists its resources; its data steward keeps, transfers or retires
 * each. A transfer moves the resource and its active grants to the successor
 * (who may then revoke them) and tells both sides and the consumers; a
 * retirement takes the resource off the 共享目录, ends its grants with notice
 * and refuses new requests. Every bad decision is refused with a 4xx and
 * nothing stored.
 */
import { randomUUID } from 'node:crypto';
import { useApiHarness } from '../support/api-harness';
import { httpCases, insuranceRequest, localDay, populationRequest } from '../support/http-cases';

const h = useApiHarness();
const c = httpCases(h);

type Listed = { code: string; decision: string | null; successor: string | null; reason: string | null };
type Obligation = { department: string; status: string; metHow: string | null; resources: Listed[] };
const obligationOf = (body: Record<string, unknown>, department: string) =>
  (body.obligations as Obligation[]).find((o) => o.department === department)!;

const trigger = (over: Record<string, unknown> = {}) => ({
  title: '《户籍管理条例》修订',
  trigger: 'law_revision',
  effectiveDate: localDay(),
  departments: ['public-security'],
  description: '户籍登记职责调整',
  ...over,
});

it('lets a department register its own trigger, and refuses it for another department or another role', async () => {
  const res = await c.post('wangfang', '/api/reforms', trigger(), randomUUID());
  expect(res.status).toBe(201);
  expect(res.body.trigger).toBe('law_revision');
  expect(obligationOf(res.body, 'public-security').resources.map((r) => [r.code, r.decision])).toEqual([
    ['GA-RK-001', null],
    ['GA-XZ-001', null],
  ]);
  const before = (await h.t.db('reforms').count({ n: '*' }))[0].n;
  const other = await c.post('wangfang', '/api/reforms', trigger({ departments: ['health'] }), randomUUID());
  expect([other.status, other.body.error.code]).toEqual([403, 'forbidden']);
  const requester = await c.post(
    'zhangwei',
    '/api/reforms',
    trigger({ departments: ['civil-affairs'] }),
    randomUUID(),
  );
  expect(requester.status).toBe(403);
  const badKind = await c.post('wangfang', '/api/reforms', trigger({ trigger: 'whim' }), randomUUID());
  expect(badKind.status).toBe(400);
  expect(JSON.stringify(badKind.body.error)).toContain('trigger');
  expect((await h.t.db('reforms').count({ n: '*' }))[0].n).toBe(before);
});

it('transfers a resource with its grant to the successor, who may then revoke it; refuses every bad decision with nothing stored', async () => {
  const granted = await c.request('zhangwei', populationRequest());
  const request = await c.until('zhangwei', `/api/requests/${granted.id}`, (b) =>
    Boolean((b.grant as { status?: string } | null)?.status === 'active'),
  );
  const grantId = (request.grant as { id: string }).id;
  const reform = (await c.post('wangfang', '/api/reforms', trigger({ title: '户籍职责调整' }), randomUUID()))
    .body;
  const path = `/api/reforms/${reform.id}/obligations/public-security/decisions`;
  const decide = (who: string, body: object) => c.post(who, path, body);

  const unknown = await decide('wangfang', {
    resourceCode: 'GA-RK-001',
    decision: 'transfer',
    successor: 'no-such-bureau',
    reason: '职责划转',
  });
  expect([unknown.status, unknown.body.error.details[0].path]).toEqual([422, 'successor']);
  const noSuccessor = await decide('wangfang', {
    resourceCode: 'GA-RK-001',
    decision: 'transfer',
    reason: '职责划转',
  });
  expect([noSuccessor.status, JSON.stringify(noSuccessor.body.error)]).toEqual([
    400,
    expect.stringContaining('successor'),
  ]);
  const byUpdate = await decide('wangfang', {
    resourceCode: 'GA-RK-001',
    decision: 'updated',
    reason: '已更新',
  });
  expect([byUpdate.status, JSON.stringify(byUpdate.body.error)]).toEqual([
    400,
    expect.stringContaining('decision'),
  ]);
  const blank = await decide('wangfang', { resourceCode: 'GA-RK-001', decision: 'keep', reason: '\u200b' });
  expect(blank.status).toBe(400);
  const unlisted = await decide('wangfang', { resourceCode: 'RS-SB-001', decision: 'keep', reason: '不变' });
  expect([unlisted.status, unlisted.body.error.params.reason]).toEqual([422, 'not_listed']);
  const outsider = await decide('zhaoqiang', { resourceCode: 'GA-RK-001', decision: 'keep', reason: '不变' });
  expect(outsider.status).toBe(403);
  const noReform = await c.post(
    'wangfang',
    '/api/reforms/RF-20260101-AAAAAA/obligations/public-security/decisions',
    {
      resourceCode: 'GA-RK-001',
      decision: 'keep',
      reason: '不变',
    },
  );
  expect([noReform.status, noReform.body.error.code]).toEqual([404, 'obligation_not_found']);
  // Nothing of those was stored: no decision, the provider and the grant as they were.
  const untouched = await c.get('wangfang', `/api/reforms/${reform.id}`);
  expect(obligationOf(untouched.body, 'public-security').resources.every((r) => r.decision === null)).toBe(
    true,
  );
  expect((await c.get('wangfang', '/api/catalogue/resources/GA-RK-001')).body.providerDepartment.code).toBe(
    'public-security',
  );

  const moved = await decide('wangfang', {
    resourceCode: 'GA-RK-001',
    decision: 'transfer',
    successor: 'market-regulation',
    reason: '人口信息归集职责划转市场监管局',
  });
  expect(moved.status).toBe(200);
  expect(obligationOf(moved.body, 'public-security').resources[0]).toMatchObject({
    code: 'GA-RK-001',
    decision: 'transfer',
    successor: 'market-regulation',
  });
  const entry = (await c.get('zhangwei', '/api/catalogue/resources/GA-RK-001')).body;
  expect(entry.providerDepartment.code).toBe('market-regulation');
  const versions = (await c.get('zhangwei', '/api/catalogue/resources/GA-RK-001/versions')).body.versions;
  expect(versions[0]).toMatchObject({
    reason: '人口信息归集职责划转市场监管局',
    recordedBy: { username: 'wangfang' },
  });
  expect((await c.get('zhangwei', `/api/grants/${grantId}`)).body.providerDepartment).toBe(
    'market-regulation',
  );
  for (const who of ['wangfang', 'qianli', 'zhangwei']) {
    const notices = (await c.get(who, '/api/notices')).body.items as { title: { zh: string } }[];
    expect(notices.map((n) => n.title.zh)).toEqual(
      expect.arrayContaining([expect.stringContaining('目录资源移交')]),
    );
  }
  expect(
    (await decide('wangfang', { resourceCode: 'GA-RK-001', decision: 'keep', reason: '再议' })).status,
  ).toBe(409);
  // Each decision the rules refused is in the audit log, as the refused accesses are: who, what, why.
  const refused = await h.t
    .db('audit_log')
    .where({ action: 'change.refused', entity_id: `POST ${path}` })
    .orderBy('seq');
  expect(refused.map((r) => [r.actor, JSON.parse(r.detail).status, JSON.parse(r.detail).code])).toEqual([
    ['wangfang', 422, unknown.body.error.code],
    ['wangfang', 422, unlisted.body.error.code],
    ['wangfang', 409, expect.any(String)],
  ]);

  // The grant's workflow took the transfer: the successor's steward may revoke it, the old provider no more.
  const old = await c.post('wangfang', `/api/grants/${grantId}/revoke`, { reason: '不再提供' });
  expect(old.status).toBe(403);
  const revoked = await c.post('qianli', `/api/grants/${grantId}/revoke`, { reason: '核查后停止共享' });
  expect(revoked.status).toBe(200);

  // Keeping the other resource decides the last one: the obligation is met by itself.
  expect(
    (
      await decide('wangfang', {
        resourceCode: 'GA-XZ-001',
        decision: 'keep',
        reason: '行政执法信息不受影响',
      })
    ).status,
  ).toBe(200);
  const met = await c.until(
    'wangfang',
    `/api/reforms/${reform.id}`,
    (b) => obligationOf(b, 'public-security').status === 'met',
  );
  expect(obligationOf(met, 'public-security').metHow).toBe('updated');
});

it('moves an open request to the successor, whose reviewer then decides it; retiring a resource closes its open request and ends its grant, both with notice', async () => {
  const open = await c.request('zhangwei', insuranceRequest());
  const reviewTask = await c.until('zhaoqiang', '/api/tasks?processType=sharing_request', (b) =>
    (b.items as { caseId: string }[]).some((t) => t.caseId === open.id),
  );
  const taskId = (reviewTask.items as { id: string; caseId: string }[]).find((t) => t.caseId === open.id)!.id;
  const employment = await c.request('zhangwei', {
    ...populationRequest(),
    resourceCode: 'RS-JY-001',
    items: ['就业状态'],
    purpose: '核对救助对象就业情况',
  });
  const granted = await c.until('zhangwei', `/api/requests/${employment.id}`, (b) =>
    Boolean((b.grant as { status?: string } | null)?.status === 'active'),
  );
  const reform = (
    await c.post(
      'zhoujie',
      '/api/reforms',
      { title: '市级机构改革:社保职能调整', effectiveDate: localDay(), departments: ['hr-social-security'] },
      randomUUID(),
    )
  ).body;
  const path = `/api/reforms/${reform.id}/obligations/hr-social-security/decisions`;

  // Transferred with its open request: the review task goes to health's reviewers, deadline unchanged.
  const before = (await c.get('zhaoqiang', `/api/tasks/${taskId}`)).body;
  const moved = await c.post('zhaoqiang', path, {
    resourceCode: 'RS-SB-001',
    decision: 'transfer',
    successor: 'health',
    reason: '参保信息核验职责划转卫健委',
  });
  expect(moved.status).toBe(200);
  const handedOver = await c.until('huangmin', `/api/tasks/${taskId}`, (b) => b.status === 'open');
  expect(handedOver.deadline).toBe(before.deadline);
  expect((await c.get('zhangwei', `/api/requests/${open.id}`)).body.providerDepartment.code).toBe('health');
  expect((await c.complete('zhaoqiang', taskId, { decision: 'approve' })).status).toBe(403);
  expect((await c.complete('huangmin', taskId, { decision: 'approve' })).status).toBe(200);
  await c.until('zhangwei', `/api/requests/${open.id}`, (b) => b.status === 'platform_review');

  // Retired: the grant ends with the reason; the entry leaves the 共享目录; new requests are refused.
  const retired = await c.post('zhaoqiang', path, {
    resourceCode: 'RS-JY-001',
    decision: 'retire',
    reason: '就业登记并入全省统一系统',
  });
  expect(retired.status).toBe(200);
  const grantId = (granted.grant as { id: string }).id;
  const ended = await c.until('zhangwei', `/api/grants/${grantId}`, (b) => b.status === 'revoked');
  expect(ended.endReason).toBe('就业登记并入全省统一系统');
  const notices = (await c.get('zhangwei', '/api/notices')).body.items as { title: { zh: string } }[];
  expect(notices.map((n) => n.title.zh)).toEqual(
    expect.arrayContaining([
      expect.stringContaining('目录资源移交'),
      expect.stringContaining('目录资源停用'),
      expect.stringContaining('共享授权已撤销'),
    ]),
  );
  expect((await c.get('zhangwei', '/api/catalogue/resources/RS-JY-001')).body.retiredAt).not.toBeNull();
  const shared = (await c.get('zhangwei', '/api/catalogue/resources?catalogue=shared&pageSize=100')).body
    .items as { code: string }[];
  expect(shared.map((r) => r.code)).not.toContain('RS-JY-001');
  const again = await c.post(
    'zhangwei',
    '/api/requests',
    { ...populationRequest(), resourceCode: 'RS-JY-001', items: ['就业状态'] },
    randomUUID(),
  );
  expect([again.status, again.body.error.details[0].code]).toEqual([422, 'resource_retired']);
  // Each listed resource has its decision: met.
  const met = await c.until(
    'zhoujie',
    `/api/reforms/${reform.id}`,
    (b) => obligationOf(b, 'hr-social-security').status === 'met',
  );
  expect(obligationOf(met, 'hr-social-security').resources.map((r) => [r.code, r.decision])).toEqual([
    ['RS-JY-001', 'retire'],
    ['RS-SB-001', 'transfer'],
  ]);
});

it('closes a request still under review when its resource is retired, with the reason, and tells both sides', async () => {
  const open = await c.request('liuyan', {
    resourceCode: 'MZ-DB-001',
    items: ['保障类别'],
    purpose: '核对参保人员低保情况',
    usageFrom: localDay(),
    usageTo: localDay(30),
    answers: { scope: '200人', duty: '社保待遇审核' },
  });
  await c.until('liuyan', `/api/requests/${open.id}`, (b) => b.status === 'provider_review');
  const tasks = (await c.get('yangfan', '/api/tasks?processType=sharing_request')).body.items as {
    id: string;
    caseId: string;
  }[];
  const review = tasks.find((t) => t.caseId === open.id)!;
  const reform = (
    await c.post(
      'yangfan',
      '/api/reforms',
      {
        title: '低保职责调整',
        trigger: 'duty_adjustment',
        effectiveDate: localDay(),
        departments: ['civil-affairs'],
      },
      randomUUID(),
    )
  ).body;
  const retired = await c.post('yangfan', `/api/reforms/${reform.id}/obligations/civil-affairs/decisions`, {
    resourceCode: 'MZ-DB-001',
    decision: 'retire',
    reason: '低保信息改由省级平台提供',
  });
  expect(retired.status).toBe(200);
  const closed = await c.until('liuyan', `/api/requests/${open.id}`, (b) => b.status === 'denied');
  expect(closed.decisionReason).toContain('低保信息改由省级平台提供');
  expect((await c.get('yangfan', `/api/tasks/${review.id}`)).body.status).toBe('cancelled');
  for (const who of ['liuyan', 'yangfan']) {
    const notices = (await c.get(who, '/api/notices')).body.items as { title: { zh: string } }[];
    expect(notices.map((n) => n.title.zh)).toEqual(
      expect.arrayContaining([expect.stringContaining('资源已停用,共享申请终止')]),
    );
  }
});
