/**
 * Delegation (代理) through the API, on the dev server: a reviewer going on
 * leave hands his role to a colleague of the same department and role; the
 * colleague decides the tasks he had claimed, and the decision, the timeline
 * and the audit log say whom it was made for; the rules refuse anyone else,
 * bad periods and overlaps, by field; revoking ends it.
 */
import { DateTime } from 'luxon';
import { ZONE } from '../../domain/calendar/working-days';
import { useApiHarness } from '../support/api-harness';
import { httpCases, insuranceRequest } from '../support/http-cases';

const h = useApiHarness();
const c = httpCases(h);

const day = (n = 0) => DateTime.now().setZone(ZONE).plus({ days: n }).toISODate() as string;

async function claimedBy(username: string) {
  const request = await c.request('zhangwei', insuranceRequest());
  const taskId = request.currentTask.id as string;
  expect((await c.post(username, `/api/tasks/${taskId}/claim`, {})).status).toBe(200);
  return { requestId: request.id as string, taskId };
}

it('lets a colleague decide the tasks an absent reviewer claimed, and records whom for', async () => {
  const first = await claimedBy('zhaoqiang');
  // Before any delegation, majun cannot decide zhaoqiang's task.
  expect((await c.complete('majun', first.taskId, { decision: 'approve' })).status).toBe(409);

  const given = await c.post('zhaoqiang', '/api/delegations', {
    to: 'majun',
    role: 'provider_reviewer',
    from: day(),
    until: day(3),
    reason: '年休假',
  });
  expect(given.status).toBe(201);
  expect(given.body).toMatchObject({
    from: 'zhaoqiang',
    fromName: '赵强',
    to: 'majun',
    toName: '马骏',
    departmentName: { zh: '市人力资源和社会保障局' },
    role: 'provider_reviewer',
    active: true,
  });
  expect((await c.get('majun', '/api/delegations')).body.received.map((d: { id: string }) => d.id)).toEqual([
    given.body.id,
  ]);

  const inbox = await c.get('majun', '/api/tasks?mine=true');
  expect(inbox.body.items.map((t: { id: string }) => t.id)).toContain(first.taskId);
  const row = inbox.body.items.find((t: { id: string }) => t.id === first.taskId);
  expect(row).toMatchObject({ claimedBy: 'zhaoqiang', actingFor: 'zhaoqiang', actingForName: '赵强' });
  const detail = await c.get('majun', `/api/tasks/${first.taskId}`);
  expect(detail.body.actions).toContainEqual({ decision: 'approve', allowed: true, reason: null });

  const decided = await c.complete('majun', first.taskId, { decision: 'approve', reason: '符合条件' });
  expect(decided.status).toBe(200);
  expect(decided.body).toMatchObject({
    completedBy: 'majun',
    completedFor: 'zhaoqiang',
    completedForName: '赵强',
  });
  const request = await c.until('zhangwei', `/api/requests/${first.requestId}`, (r) =>
    (r.timeline as { decision: string | null }[]).some((e) => e.decision === 'approve'),
  );
  expect((request.timeline as Record<string, unknown>[]).find((e) => e.decision === 'approve')).toMatchObject(
    {
      actor: 'majun',
      onBehalfOf: 'zhaoqiang',
      onBehalfOfName: '赵强',
    },
  );
  const audit = await h.t
    .db('audit_log')
    .whereIn('action', ['delegation.create', 'task.complete'])
    .orderBy('at_ms');
  expect(audit.map((a: { action: string; actor: string }) => [a.action, a.actor])).toEqual([
    ['delegation.create', 'zhaoqiang'],
    ['task.complete', 'majun'],
  ]);
  expect(JSON.parse(audit[1].detail)).toMatchObject({ onBehalfOf: 'zhaoqiang' });

  // Revoked, it no longer holds: the next claimed task is zhaoqiang's alone again.
  expect((await c.post('majun', `/api/delegations/${given.body.id}/revoke`, {})).status).toBe(403);
  const revoked = await c.post('zhaoqiang', `/api/delegations/${given.body.id}/revoke`, {});
  expect(revoked.status).toBe(200);
  expect(revoked.body.active).toBe(false);
  expect((await c.post('zhaoqiang', `/api/delegations/${given.body.id}/revoke`, {})).status).toBe(409);
  expect((await c.post('zhaoqiang', '/api/delegations/DG-NOPE/revoke', {})).status).toBe(404);
  const second = await claimedBy('zhaoqiang');
  expect((await c.complete('majun', second.taskId, { decision: 'approve' })).status).toBe(409);
  const audited = await h.t.db('audit_log').where({ action: 'delegation.revoke' }).first();
  expect(audited).toMatchObject({ actor: 'zhaoqiang', entity_id: given.body.id });
});

it('refuses a stand-in who is not a colleague with the role, bad periods and overlaps, naming the field', async () => {
  const problems = async (body: object) => {
    const res = await c.post('zhaoqiang', '/api/delegations', {
      to: 'majun',
      role: 'provider_reviewer',
      from: day(),
      until: day(2),
      ...body,
    });
    return [
      res.status,
      (res.body.error.details ?? []).map((d: { path: string; code?: string }) => `${d.path}:${d.code}`),
    ];
  };
  expect(await problems({ to: 'lina' })).toEqual([422, ['to:not_colleague']]); // another department
  expect(await problems({ to: 'liuyan' })).toEqual([422, ['to:not_colleague']]); // same department, not a reviewer
  expect(await problems({ to: 'zhaoqiang' })).toEqual([422, ['to:not_yourself']]);
  expect(await problems({ to: 'nobody' })).toEqual([422, ['to:unknown_user']]);
  expect(await problems({ role: 'platform_approver' })).toEqual([
    422,
    ['role:not_your_role', 'to:not_colleague'],
  ]);
  expect(await problems({ from: day(-1) })).toEqual([422, ['from:before_today']]);
  expect(await problems({ from: day(3), until: day(2) })).toEqual([422, ['until:end_before_start']]);
  expect((await problems({ until: '2027-02-30' }))[0]).toBe(400);
  expect((await problems({ reason: '\u200b\u200b' }))[0]).toBe(400); // nothing visible

  const ok = await c.post('zhaoqiang', '/api/delegations', {
    to: 'majun',
    role: 'provider_reviewer',
    from: day(5),
    until: day(9),
  });
  expect(ok.status).toBe(201);
  expect(ok.body.active).toBe(false); // not begun
  const overlap = await c.post('zhaoqiang', '/api/delegations', {
    to: 'majun',
    role: 'provider_reviewer',
    from: day(8),
    until: day(12),
  });
  expect([overlap.status, overlap.body.error.code]).toEqual([409, 'delegation_overlaps']);
  const colleagues = await c.get('zhaoqiang', '/api/delegations/colleagues?role=provider_reviewer');
  expect(colleagues.body.items).toEqual([{ username: 'majun', displayName: '马骏' }]);
});
