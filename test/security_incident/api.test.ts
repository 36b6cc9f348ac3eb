/**
 * Security incidents (art. 31) through the API on the dev server: a
 * department reports one under an Idempotency-Key; the authority sees it in
 * its inbox with the policy's deadline shown as a platform default, and
 * resolves it; another department cannot read it; bad input is refused by field.
 */
import { randomUUID } from 'node:crypto';
import { useApiHarness } from '../support/api-harness';
import { httpCases } from '../support/http-cases';

const h = useApiHarness();
const c = httpCases(h);

const report = (over: Record<string, unknown> = {}) => ({
  title: '人口库接口异常调用',
  severity: 'high',
  occurredAt: new Date(Date.now() - 3600_000).toISOString(),
  description: '凌晨出现大量异常查询,已临时封禁来源地址',
  ...over,
});

it('is reported once per key, handled in the authority’s inbox, and read only by its department and the city', async () => {
  const key = randomUUID();
  const body = report();
  const first = await c.post('wangfang', '/api/security/incidents', body, key);
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({ status: 'handling', department: 'public-security' });
  const again = await c.post('wangfang', '/api/security/incidents', body, key);
  expect([again.status, again.body.id]).toEqual([200, first.body.id]);
  const reused = await c.post('wangfang', '/api/security/incidents', { ...body, severity: 'low' }, key);
  expect(reused.status).toBe(422);

  const processes = (await c.get('wangfang', '/api/processes')).body.items;
  const step = processes.find((p: { name: string }) => p.name === 'security_incident').steps[0];
  expect(step).toMatchObject({ key: 'handling', articleLabel: '第三十一条', basis: 'default' });

  const inbox = await c.get('luoyi', '/api/tasks');
  const task = inbox.body.items.find((t: { caseId: string }) => t.caseId === first.body.id);
  expect(task).toMatchObject({ processType: 'security_incident', step: 'handling' });
  expect((await c.complete('luoyi', task.id, { decision: 'resolved' })).status).toBe(422);
  expect((await c.complete('wangfang', task.id, { decision: 'resolved', reason: '自行处置' })).status).toBe(
    403,
  );
  expect(
    (await c.complete('luoyi', task.id, { decision: 'resolved', reason: '已修补接口鉴权' })).status,
  ).toBe(200);
  const resolved = await c.until(
    'wangfang',
    `/api/security/incidents/${first.body.id}`,
    (b) => b.status === 'resolved',
  );
  expect(resolved.resolution).toBe('已修补接口鉴权');

  expect((await c.get('sunhui', `/api/security/incidents/${first.body.id}`)).status).toBe(403);
  expect((await c.get('xuhong', `/api/security/incidents/${first.body.id}`)).status).toBe(200);
});

it('refuses bad input by field, and a city-level role, which reports for no department', async () => {
  for (const [over, field] of [
    [{ occurredAt: new Date(Date.now() + 86400_000).toISOString() }, 'occurredAt'],
    [{ occurredAt: '2026-02-30T10:00:00+08:00' }, 'occurredAt'],
    [{ title: '\u200b' }, 'title'],
    [{ severity: 'apocalyptic' }, 'severity'],
    [{ description: '' }, 'description'],
  ] as const) {
    const res = await c.post('wangfang', '/api/security/incidents', report(over), randomUUID());
    expect([field, res.status >= 400 && res.status < 500]).toEqual([field, true]);
    expect(JSON.stringify(res.body.error)).toContain(field);
  }
  expect((await c.post('chenjing', '/api/security/incidents', report(), randomUUID())).status).toBe(403);
  expect((await c.post('wangfang', '/api/security/incidents', report())).status).toBe(400); // no Idempotency-Key
});
