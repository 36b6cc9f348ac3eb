/**
 * Every refused access an auditor would ask about is in the audit log (art.
 * 32): who (or nobody), from where, what they asked for, and why it was
 * refused: 401 without a valid token, 403 on someone else's case, 404 for a
 * case that does not exist; and a change the rules refused (409, 422) as a
 * refused change. Only successful reads were logged before.
 */
import { useApiHarness } from '../support/api-harness';
import { httpCases, insuranceRequest, populationRequest } from '../support/http-cases';

const h = useApiHarness();
const c = httpCases(h);

const refusals = () => h.t.db('audit_log').where({ action: 'access.refused' }).orderBy('seq');

it("logs a 403 on another department's case, a 404 on an unknown one, and a 401 without a token", async () => {
  const granted = await c.request('zhangwei', populationRequest());
  // 孙慧 of natural resources is party to neither side of this request.
  expect((await c.get('sunhui', `/api/requests/${granted.id}`)).status).toBe(403);
  expect((await c.get('sunhui', '/api/requests/SR-20261124-NOPE00')).status).toBe(404);
  expect((await h.http().get(`/api/requests/${granted.id}`).set('X-Forwarded-For', '6.6.6.6')).status).toBe(
    401,
  );

  const rows = await refusals();
  expect(rows.map((r) => [r.actor, r.actor_department, r.entity_id, JSON.parse(r.detail).status])).toEqual([
    ['sunhui', 'natural-resources', `GET /api/requests/${granted.id}`, 403],
    ['sunhui', 'natural-resources', 'GET /api/requests/SR-20261124-NOPE00', 404],
    [null, null, `GET /api/requests/${granted.id}`, 401],
  ]);
  expect(JSON.parse(rows[0].detail)).toMatchObject({ outcome: 'refused', code: 'forbidden' });
  for (const r of rows) expect(r.ip).toMatch(/127\.0\.0\.1|::1/); // the peer, not the header
});

it('logs a decision the rules refused: a step the task does not take (422), a task already decided (409)', async () => {
  const waiting = await c.request('zhangwei', insuranceRequest());
  const task = waiting.currentTask.id as string;
  const path = `/api/tasks/${task}/complete`;
  const whim = await c.complete('zhaoqiang', task, { decision: 'whim' });
  expect(whim.status).toBe(422);
  expect((await c.complete('zhaoqiang', task, { decision: 'approve' })).status).toBe(200);
  const again = await c.complete('zhaoqiang', task, { decision: 'approve' });
  expect([again.status, again.body.error.code]).toEqual([409, 'task_closed']);

  const rows = await h.t
    .db('audit_log')
    .where({ action: 'change.refused', entity_id: `POST ${path}` })
    .orderBy('seq');
  expect(
    rows.map((r) => [r.actor, r.actor_department, JSON.parse(r.detail).status, JSON.parse(r.detail).code]),
  ).toEqual([
    ['zhaoqiang', 'hr-social-security', 422, whim.body.error.code],
    ['zhaoqiang', 'hr-social-security', 409, 'task_closed'],
  ]);
  // A refused read stays an access refusal; a refused change is not counted twice.
  expect((await refusals()).filter((r) => r.entity_id === `POST ${path}`)).toHaveLength(0);
});
