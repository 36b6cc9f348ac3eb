/**
 * Talking on a case, through the API: the parties comment on a case and the
 * comment joins its timeline and the audit log; others are refused; and a
 * dispute shows what it is about as the parties first put it.
 */
import { useApiHarness } from '../support/api-harness';
import { httpCases, insuranceRequest } from '../support/http-cases';

const h = useApiHarness();
const c = httpCases(h);

it("lets the parties comment on a case, in its timeline and the audit log, and no one else's department", async () => {
  const request = await c.request('zhangwei', insuranceRequest());
  const say = (username: string, text: string, caseId = request.id) =>
    c.post(username, '/api/comments', { caseType: 'sharing_request', caseId, text });

  const asked = await say('zhangwei', '请问还需要补充哪些材料?');
  expect(asked.status).toBe(201);
  expect((await say('zhaoqiang', '无需补充,正在审核')).status).toBe(201);
  const timeline = (await c.get('zhangwei', `/api/requests/${request.id}`)).body.timeline as Record<
    string,
    unknown
  >[];
  expect(timeline.filter((e) => e.action === 'commented')).toEqual([
    expect.objectContaining({ actor: 'zhangwei', actorName: '张伟', reason: '请问还需要补充哪些材料?' }),
    expect.objectContaining({ actor: 'zhaoqiang', actorName: '赵强', reason: '无需补充,正在审核' }),
  ]);
  const audited = await h.t.db('audit_log').where({ action: 'case.comment', entity_id: request.id });
  expect(audited.map((a: { actor: string }) => a.actor).sort()).toEqual(['zhangwei', 'zhaoqiang']);

  expect((await say('lina', '路过')).status).toBe(403); // public security is not a party
  expect((await say('zhangwei', '有人吗', 'SR-20260101-NOPE00')).status).toBe(404);
  const blank = await say('zhangwei', '\u200b');
  expect([blank.status, blank.body.error.details[0].path]).toEqual([400, 'text']);
  const badType = await c.post('zhangwei', '/api/comments', {
    caseType: 'nope',
    caseId: request.id,
    text: '你好',
  });
  expect([badType.status, badType.body.error.details[0].path]).toEqual([400, 'caseType']);
});

it('shows on a dispute what it is about: the request’s purpose and the provider’s reason for the denial', async () => {
  const { dispute } = await c.disputedDenial();
  const read = await c.get('zhangwei', `/api/disputes/${dispute.id}`);
  expect(read.body.subjectRecord).toEqual({
    report: insuranceRequest().purpose,
    answer: '超出职责范围',
    answerDecision: 'denied',
  });
});
