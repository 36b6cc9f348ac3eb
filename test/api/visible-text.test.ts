/**
 * Required text holds something a person can read: a purpose, a condition
 * answer, a denial or revocation reason of zero-width characters is refused
 * with a 400 naming the field, and so is text with a lone surrogate or a body
 * that is not UTF-8; nothing is stored and no case moves (the outside probe
 * filed and decided with U+200B and U+2060 alone).
 */
import { randomUUID } from 'node:crypto';
import { useApiHarness } from '../support/api-harness';
import { httpCases, localDay, populationRequest } from '../support/http-cases';

const h = useApiHarness();
const c = httpCases(h);
const INVISIBLE = '\u200b\u2060\u200b';

const conditional = (over: Record<string, unknown> = {}) => ({
  resourceCode: 'RS-SB-001',
  items: ['参保状态'],
  purpose: '核对低保对象参保情况',
  usageFrom: localDay(),
  usageTo: localDay(30),
  answers: { scope: '10人', duty: '低保审核', security: '专人专机' },
  ...over,
});
const fieldsOf = (res: { body: { error: { details?: { path: string }[] } } }) =>
  (res.body.error.details ?? []).map((d) => d.path);
const requestCount = async () => Number((await h.t.db('sharing_requests').count({ n: '*' }))[0].n);

it('a purpose or a condition answer of zero-width characters: 400 naming it, nothing filed', async () => {
  const before = await requestCount();
  const purpose = await c.post(
    'zhangwei',
    '/api/requests',
    conditional({ purpose: INVISIBLE }),
    randomUUID(),
  );
  expect([purpose.status, fieldsOf(purpose)]).toEqual([400, ['purpose']]);
  const answer = await c.post(
    'zhangwei',
    '/api/requests',
    conditional({ answers: { scope: '10人', duty: ` ${INVISIBLE} `, security: '专人专机' } }),
    randomUUID(),
  );
  expect([answer.status, fieldsOf(answer)]).toEqual([400, ['answers.duty']]);
  expect(await requestCount()).toBe(before);
});

it('a denial or a revocation whose reason is invisible: 400 naming reason; the task stays open, the grant active', async () => {
  const open = await c.request('zhangwei', conditional());
  const deny = await c.complete('zhaoqiang', open.currentTask.id, { decision: 'deny', reason: INVISIBLE });
  expect([deny.status, fieldsOf(deny)]).toEqual([400, ['reason']]);
  expect((await h.t.db('tasks').where({ id: open.currentTask.id }).first()).status).toBe('open');

  const granted = await c.request('zhangwei', populationRequest());
  const revoke = await c.post('lina', `/api/grants/${granted.grant.id}/revoke`, { reason: INVISIBLE });
  expect([revoke.status, fieldsOf(revoke)]).toEqual([400, ['reason']]);
  expect((await h.t.db('grants').where({ id: granted.grant.id }).first()).status).toBe('active');
});

it('a lone surrogate in a text field, or a body that is not UTF-8: 400, nothing filed', async () => {
  const before = await requestCount();
  const json = JSON.stringify(conditional({ purpose: '核对X' })).replace('核对X', '核对\\ud800');
  const surrogate = await h
    .http()
    .post('/api/requests')
    .set(await h.as('zhangwei'))
    .set('Idempotency-Key', randomUUID())
    .set('Content-Type', 'application/json')
    .send(json);
  expect([surrogate.status, fieldsOf(surrogate)]).toEqual([400, ['purpose']]);
  const latin1 = Buffer.concat([
    Buffer.from(JSON.stringify(conditional({ purpose: 'PLACEHOLDER' })).split('PLACEHOLDER')[0]),
    Buffer.from([0xff, 0xfe, 0xc3]),
    Buffer.from(JSON.stringify(conditional({ purpose: 'PLACEHOLDER' })).split('PLACEHOLDER')[1]),
  ]);
  // Sent as raw bytes over a socket, as a misconfigured client would.
  const server = h.app.listen(0);
  const port = (server.address() as { port: number }).port;
  const notUtf8 = await fetch(`http://127.0.0.1:${port}/api/requests`, {
    method: 'POST',
    headers: {
      ...(await h.as('zhangwei')),
      'Idempotency-Key': randomUUID(),
      'Content-Type': 'application/json',
    },
    body: latin1,
  }).finally(() => server.close());
  const refused = (await notUtf8.json()) as { error: { code: string } };
  expect([notUtf8.status, refused.error.code]).toEqual([400, 'invalid_encoding']);
  expect(await requestCount()).toBe(before);
});

it('text with zero-width characters among visible ones is kept as written', async () => {
  const res = await c.post(
    'zhangwei',
    '/api/requests',
    conditional({ purpose: `核对\u200b参保` }),
    randomUUID(),
  );
  expect(res.status).toBe(201);
  expect(res.body.purpose).toBe('核对\u200b参保');
});
