/**
 * Input the outside probe found read loosely: a number in hex (`workingDays=0x10`
 * was 16), 20,000 data items (a 2 MB error echoed back), a JSON body sent as
 * text/plain (a confusing 400). Each is now a short, clear 4xx.
 */
import { randomUUID } from 'node:crypto';
import { useApiHarness } from '../support/api-harness';
import { httpCases, populationRequest } from '../support/http-cases';

const h = useApiHarness();
const c = httpCases(h);
const fieldsOf = (res: { body: { error: { details?: { path: string }[] } } }) =>
  (res.body.error.details ?? []).map((d) => d.path);

it.each([
  ['/api/calendar/deadline?from=2026-11-24T10:00:00%2B08:00&workingDays=0x10', 'workingDays'],
  ['/api/calendar/deadline?from=2026-11-24T10:00:00%2B08:00&workingDays=1e1', 'workingDays'],
  ['/api/calendar/deadline?from=2026-11-24T10:00:00%2B08:00&workingDays=%202', 'workingDays'],
  ['/api/tasks?page=0x2', 'page'],
  ['/api/tasks?dueWithinWorkingDays=3.0', 'dueWithinWorkingDays'],
  ['/api/calendar/0x7EA', 'year'],
])('reads whole numbers in decimal only: %s is a 400 naming %s', async (url, field) => {
  const res = await c.get('zhangwei', url);
  expect(res.status).toBe(400);
  expect(fieldsOf(res)).toContain(field);
});

it('bounds lists and the problems an answer lists: 20,000 items give a short 400', async () => {
  const res = await c.post(
    'zhangwei',
    '/api/requests',
    populationRequest({ items: Array.from({ length: 20_000 }, (_, i) => `项${i}`) }),
    randomUUID(),
  );
  expect(res.status).toBe(400);
  expect(fieldsOf(res)).toContain('items');
  expect(JSON.stringify(res.body).length).toBeLessThan(10_000);
});

it('answers 422 with at most 50 problems listed, and how many more there were', async () => {
  const res = await c.post(
    'zhangwei',
    '/api/requests',
    populationRequest({ items: Array.from({ length: 120 }, (_, i) => `不存在的数据项${i}`) }),
    randomUUID(),
  );
  expect(res.status).toBe(422);
  expect(res.body.error.details).toHaveLength(51);
  expect(res.body.error.details[50].message).toMatch(/and 70 more problems/);
});

it('answers 415 to a JSON body sent as text/plain, naming the content type it needs', async () => {
  const res = await h
    .http()
    .post('/api/requests')
    .set(await h.as('zhangwei'))
    .set('Idempotency-Key', randomUUID())
    .set('Content-Type', 'text/plain')
    .send(JSON.stringify({ resourceCode: 'GA-RK-001' }));
  expect(res.status).toBe(415);
  expect(res.body.error).toMatchObject({
    code: 'unsupported_media_type',
    message: expect.stringContaining('application/json'),
  });
});
