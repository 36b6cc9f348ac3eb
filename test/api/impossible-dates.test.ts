/**
 * Every instant and date the API takes is a real one: 30 February, 31
 * November or minute 61 answer 400 naming the field and store nothing (the outside
 * probe got a 500 from `2026-02-30T10:00:00+08:00`, and saw `2026-11-31` roll
 * over to 1 December).
 */
import { randomUUID } from 'node:crypto';
import { useApiHarness } from '../support/api-harness';
import { httpCases, populationRequest } from '../support/http-cases';

const h = useApiHarness();
const c = httpCases(h);

const fieldsOf = (body: { error: { details?: { path: string }[] } }) =>
  (body.error.details ?? []).map((d) => d.path);

it.each([['2026-02-30T10:00:00+08:00'], ['2026-11-31T10:00:00+08:00'], ['2026-11-30T10:61:00+08:00']])(
  'the deadline calculator refuses from=%s with a 400 naming "from"',
  async (from) => {
    const res = await c.get(
      'zhangwei',
      `/api/calendar/deadline?from=${encodeURIComponent(from)}&workingDays=2`,
    );
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toContain('from');
  },
);

it('a correction discovered on 30 February: 400 naming discoveredAt, nothing stored', async () => {
  const before = (await h.t.db('corrections').count({ n: '*' }))[0].n;
  const res = await c.post(
    'zhangwei',
    '/api/corrections',
    {
      resourceCode: 'GA-RK-001',
      discoveredAt: '2026-02-30T10:00:00+08:00',
      description: '户籍地址有误',
      items: ['户籍地址'],
    },
    randomUUID(),
  );
  expect(res.status).toBe(400);
  expect(fieldsOf(res.body)).toEqual(['discoveredAt']);
  expect((await h.t.db('corrections').count({ n: '*' }))[0].n).toEqual(before);
});

it('a request used until 31 November, a reform effective on it, a dashboard from it: 400 naming each field', async () => {
  const request = await c.post(
    'zhangwei',
    '/api/requests',
    populationRequest({ usageTo: '2030-11-31' }),
    randomUUID(),
  );
  expect([request.status, fieldsOf(request.body)]).toEqual([400, ['usageTo']]);
  const reform = await c.post(
    'zhoujie',
    '/api/reforms',
    { title: '机构改革', effectiveDate: '2026-11-31', departments: ['civil-affairs'] },
    randomUUID(),
  );
  expect([reform.status, fieldsOf(reform.body)]).toEqual([400, ['effectiveDate']]);
  const dashboard = await c.get('zhengli', '/api/dashboard/sla?from=2026-11-31');
  expect([dashboard.status, fieldsOf(dashboard.body)]).toEqual([400, ['from']]);
  expect(await h.t.db('sharing_requests').where({ usage_to: '2030-11-31' })).toHaveLength(0);
  expect(await h.t.db('reforms').where({ effective_date: '2026-11-31' })).toHaveLength(0);
});
