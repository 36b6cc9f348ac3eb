/**
 * The printable approval form (审批表): a party prints a decided case and
 * reads on paper who decided what, when, why and under which rule; English on
 * request; outsiders are refused; every printing is audited.
 */
import { randomUUID } from 'node:crypto';
import { useApiHarness } from '../support/api-harness';
import { httpCases, insuranceRequest, localDay, populationRequest } from '../support/http-cases';
import { pdfPages } from '../support/pdf-text';

const h = useApiHarness();
const c = httpCases(h);

const formOf = (caseId: string, query = '') => `/api/cases/sharing_request/${caseId}/approval-form${query}`;

it('prints a denied request with its parties, the decision, the reason, its date and its rule', async () => {
  const request = await c.request('zhangwei', insuranceRequest());
  await c.complete('zhaoqiang', request.currentTask.id, { decision: 'deny', reason: '超出职责范围' });
  await c.until('zhangwei', `/api/requests/${request.id}`, (r) => r.status === 'denied');

  const printed = await c.download('zhangwei', formOf(request.id));
  expect(printed.status).toBe(200);
  expect(printed.headers['content-type']).toBe('application/pdf');
  expect(printed.headers['content-disposition']).toBe(
    `attachment; filename="${request.id}-approval-form.pdf"`,
  );
  // Cells wrap, so the text is compared without its line breaks and spaces.
  const flat = (pages: string[]) => pages.join('').replace(/\s+/g, '');
  const text = flat(await pdfPages(printed.body as Buffer));
  for (const seen of [
    '共享申请审批表',
    '攀枝花市政务信息资源共享管理办法',
    request.id,
    '市民政局', // the requester
    '市人力资源和社会保障局', // the provider
    'RS-SB-001',
    '未获批准', // the case's status
    '提交申请',
    '提供部门审核',
    '不同意',
    '超出职责范围',
    '赵强',
    '第二十三条', // the article that orders the review
    '10个工作日',
    '国发〔2016〕51号第十三条', // where the 10 days come from
    '打印人:张伟',
    '第 1 页 共 1 页',
  ])
    expect(text).toContain(seen.replace(/\s+/g, ''));
  expect(text).not.toMatch(/hr-social-security|civil-affairs|zhaoqiang|provider_review/);

  const english = flat(await pdfPages((await c.download('zhangwei', formOf(request.id, '?lang=en'))).body));
  for (const seen of [
    'Sharing request approval form',
    'Human Resources and Social Security Bureau',
    'Deny',
    'Art. 23',
  ])
    expect(english).toContain(seen.replace(/\s+/g, ''));

  const audited = await h.t.db('audit_log').where({ action: 'case.print', entity_id: request.id });
  expect(audited.map((a: { actor: string; entity_type: string }) => [a.actor, a.entity_type])).toEqual([
    ['zhangwei', 'sharing_request'],
    ['zhangwei', 'sharing_request'],
  ]);
});

it('refuses outsiders and unknown cases, and names a wrong field', async () => {
  const request = await c.request('zhangwei', insuranceRequest());
  expect((await c.get('lina', formOf(request.id))).status).toBe(403); // public security is not a party
  expect((await c.get('zhengli', formOf(request.id))).status).toBe(200); // a city-level supervisor
  expect((await c.get('zhangwei', formOf('SR-20260101-NOPE00'))).status).toBe(404);
  const badType = await c.get('zhangwei', `/api/cases/nope/${request.id}/approval-form`);
  expect([badType.status, badType.body.error.details[0].path]).toEqual([400, 'caseType']);
  const badLang = await c.get('zhangwei', formOf(request.id, '?lang=fr'));
  expect([badLang.status, badLang.body.error.details[0].path]).toEqual([400, 'lang']);
  const refused = await h.t.db('audit_log').where({ actor: 'lina', action: 'access.refused' });
  expect(refused.map((r: { entity_id: string }) => r.entity_id)).toContain(`GET ${formOf(request.id)}`);
});

it('prints a form for a case of every process: a correction, a reform’s obligation and a security incident', async () => {
  const granted = await c.request('zhangwei', populationRequest());
  const correction = await c.post(
    'zhangwei',
    '/api/corrections',
    {
      resourceCode: 'GA-RK-001',
      grantId: granted.grant.id,
      items: ['姓名'],
      description: '姓名有误',
      evidence: '户籍窗口核实',
      discoveredAt: new Date().toISOString(),
    },
    randomUUID(),
  );
  const reform = await c.post(
    'zhoujie',
    '/api/reforms',
    {
      title: '机构改革',
      effectiveDate: localDay(),
      description: '职能调整',
      departments: ['hr-social-security'],
    },
    randomUUID(),
  );
  const incident = await c.post(
    'wangfang',
    '/api/security/incidents',
    {
      title: '人口库接口异常调用',
      severity: 'high',
      occurredAt: new Date(Date.now() - 3600_000).toISOString(),
      description: '凌晨出现大量异常查询',
    },
    randomUUID(),
  );
  const cases: [string, string, string, string][] = [
    ['zhangwei', 'correction', correction.body.id, '数据纠错审批表'],
    ['zhoujie', 'catalogue_update', reform.body.obligations[0].id, '目录更新审批表'],
    ['wangfang', 'security_incident', incident.body.id, '安全事件审批表'],
  ];
  for (const [user, caseType, caseId, title] of cases) {
    const printed = await c.download(user, `/api/cases/${caseType}/${caseId}/approval-form`);
    expect([caseType, printed.status]).toEqual([caseType, 200]);
    const text = (await pdfPages(printed.body as Buffer)).join('').replace(/\s+/g, '');
    expect(text).toContain(title);
    expect(text).toContain(caseId);
  }
});
