/**
 * The security registers through the API (art. 27, 30): a department's data
 * steward records an agreement with a technical service unit, whose reminder
 * instant comes from the policy (a platform default, and shown as one), and the
 * year's risk assessment of its data service node; the department and the city
 * read them, other departments cannot, and bad input is refused by field.
 */
import { Client, Connection } from '@temporalio/client';
import { DateTime } from 'luxon';
import request from 'supertest';
import { testApp } from '../support/api';
import { ZONE } from '../../domain/calendar/working-days';
import { useApiHarness } from '../support/api-harness';
import { httpCases, localDay } from '../support/http-cases';
import { waitFor } from '../support/wait';

const h = useApiHarness();
const c = httpCases(h);
const year = DateTime.now().setZone(ZONE).year;

const agreement = (over: Record<string, unknown> = {}) => ({
  serviceUnit: '攀枝花某信息技术有限公司',
  scope: '人口库接口运维,可接触公民身份号码和户籍地址',
  kinds: ['security', 'confidentiality'],
  signedOn: localDay(-300),
  expiresOn: localDay(10),
  ...over,
});

const assessment = (over: Record<string, unknown> = {}) => ({
  year,
  assessedOn: localDay(),
  node: '市公安局数据服务节点',
  assessor: '市信息安全测评中心',
  riskLevel: 'medium',
  findings: '接口未限制调用频率;已限期整改',
  ...over,
});

it('records an agreement that reminds its department before it expires, from the policy', async () => {
  const res = await c.post('wangfang', '/api/security/agreements', agreement());
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({
    department: 'public-security',
    status: 'in_force',
    recordedBy: 'wangfang',
  });
  // Ten days left is within the reminder period: the department is told at once.
  const reminder = await waitFor('the reminder', () =>
    h.t
      .db('notifications')
      .where({ id: `${res.body.id}#reminder` })
      .first(),
  );
  expect(reminder).toMatchObject({ recipient_role: 'data_steward', recipient_department: 'public-security' });
  expect(reminder.title_zh).toContain('(第三十条)'); // the article of the policy it was recorded under

  const page = await c.get('wangfang', '/api/departments/public-security/security');
  expect(page.status).toBe(200);
  expect(page.body.agreements.map((a: { id: string }) => a.id)).toEqual([res.body.id]);
  expect(page.body.reminder).toMatchObject({
    article: 30,
    basis: 'default',
    label: { zh: '协议到期前30日提醒(第三十条,平台默认)' },
  });
  expect((await c.get('xuhong', '/api/departments/public-security/security')).status).toBe(200);
  expect((await c.get('sunhui', '/api/departments/public-security/security')).status).toBe(403);
});

it('refuses an agreement by field, another department’s steward, and a role that keeps no register', async () => {
  for (const [over, field] of [
    [{ expiresOn: localDay(-400), signedOn: localDay(-500) }, 'expiresOn'],
    [{ expiresOn: localDay(5), signedOn: localDay(6) }, 'expiresOn'],
    [{ signedOn: localDay(1) }, 'signedOn'],
    [{ expiresOn: '2026-02-30' }, 'expiresOn'],
    [{ serviceUnit: '\u200b' }, 'serviceUnit'],
    [{ kinds: [] }, 'kinds'],
    [{ kinds: ['friendship'] }, 'kinds'],
    [{ department: 'nope-bureau' }, 'department'],
  ] as const) {
    const res = await c.post('admin', '/api/security/agreements', agreement(over));
    expect([field, res.status]).toEqual([
      field,
      res.status >= 400 && res.status < 500 ? res.status : 'not 4xx',
    ]);
    expect(JSON.stringify(res.body.error)).toContain(field);
  }
  expect(
    (await c.post('sunhui', '/api/security/agreements', agreement({ department: 'public-security' }))).status,
  ).toBe(403);
  expect((await c.post('lina', '/api/security/agreements', agreement())).status).toBe(403);
  expect(await h.t.db('security_agreements').where({ department_code: 'natural-resources' })).toEqual([]);
});

it('Temporal unreachable: 503, and no agreement is left without its reminders', async () => {
  const dead = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1', interceptors: [] }) });
  const down = await request(testApp(h.t.db, dead, { TEMPORAL_TASK_QUEUE: h.taskQueue }))
    .post('/api/security/agreements')
    .set(await h.as('wangfang'))
    .send(agreement({ serviceUnit: 'Temporal 不可用时登记的公司' }));
  expect([down.status, down.body.error.code]).toEqual([503, 'temporal_unavailable']);
  expect(await h.t.db('security_agreements').where({ service_unit: 'Temporal 不可用时登记的公司' })).toEqual(
    [],
  );
  await dead.connection.close();
});

it('records one risk assessment a year per department, shown on its page', async () => {
  const res = await c.post('wangfang', '/api/departments/public-security/assessments', assessment());
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ id: `RA-public-security-${year}`, riskLevel: 'medium' });
  const again = await c.post('wangfang', '/api/departments/public-security/assessments', assessment());
  expect(again.status).toBe(409);
  expect(JSON.stringify(again.body.error)).toContain('year');
  expect(
    (await c.post('wangfang', '/api/departments/public-security/assessments', assessment({ year: year - 1 })))
      .status,
  ).toBe(422);
  expect((await c.post('sunhui', '/api/departments/public-security/assessments', assessment())).status).toBe(
    403,
  );

  const page = (await c.get('wangfang', '/api/departments/public-security/security')).body;
  expect(page.assessedThisYear).toBe(true);
  expect(page.assessments.map((a: { year: number }) => a.year)).toEqual([year]);
  expect((await c.get('sunhui', '/api/departments/natural-resources/security')).body.assessedThisYear).toBe(
    false,
  );
});
