/**
 * 50 completions of the same task at once, from two reviewers of the same
 * bureau: exactly one succeeds, the other 49 get 409, and the case moves on
 * once — one decision in its timeline, one audit entry for it.
 */
import { useApiHarness } from '../support/api-harness';
import { httpCases, localDay } from '../support/http-cases';

const h = useApiHarness();
const c = httpCases(h);

it('exactly one of 50 concurrent completions wins; the rest get 409 and change nothing', async () => {
  const req = await c.request('zhangwei', {
    resourceCode: 'RS-SB-001',
    items: ['参保状态'],
    purpose: '并发办理',
    usageFrom: localDay(),
    usageTo: localDay(30),
    answers: { scope: '10人', duty: '低保审核', security: '专人专机' },
  });
  const taskId = req.currentTask.id as string;
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      c.complete(
        i % 2 ? 'majun' : 'zhaoqiang',
        taskId,
        i % 3 ? { decision: 'approve' } : { decision: 'deny', reason: `第${i}次` },
      ),
    ),
  );
  const statuses = results.map((r) => r.status);
  const others = results
    .filter((r) => r.status !== 200 && r.status !== 409)
    .map((r) => [r.status, r.body?.error?.code]);
  expect(others).toEqual([]);
  expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(49);
  const detail = await c.until('zhangwei', `/api/requests/${req.id}`, (b) => b.status !== 'provider_review');
  const decisions = (detail.timeline as { action: string; step: string }[]).filter(
    (e) => e.action === 'decided' && e.step === 'provider_review',
  );
  expect(decisions).toHaveLength(1);
  const audited = await h.t.db('audit_log').where({ entity_id: req.id, action: 'task.complete' });
  expect(audited).toHaveLength(1);
});
