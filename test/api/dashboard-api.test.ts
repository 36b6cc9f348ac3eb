/**
 * The SLA dashboard's API against MariaDB and the dev server: figures from
 * the read models for supervisors only, and the breach table as CSV and XLSX.
 */
import { DateTime } from 'luxon';
import { ZONE } from '../../domain/calendar/working-days';
import { PROCESSES } from '../../processes';
import ExcelJS from 'exceljs';
import { useApiHarness } from '../support/api-harness';
import { breachedTask } from '../support/breached-task';
import { httpCases, localDay } from '../support/http-cases';

const h = useApiHarness();
const c = httpCases(h);

beforeAll(async () => {
  // One request approved by both (done on time), and one task of another process already overdue.
  const req = await c.request('zhangwei', {
    resourceCode: 'RS-SB-001',
    items: ['参保状态'],
    purpose: '核对参保情况',
    usageFrom: localDay(),
    usageTo: localDay(30),
    answers: { scope: '10人', duty: '低保审核', security: '专人专机' },
  });
  await c.complete('zhaoqiang', req.currentTask.id, { decision: 'approve' });
  const platform = await c.until(
    'zhangwei',
    `/api/requests/${req.id}`,
    (b) => b.status === 'platform_review' && b.currentTask !== null,
  );
  await c.complete('chenjing', (platform.currentTask as { id: string }).id, { decision: 'approve' });
  await c.until('zhangwei', `/api/requests/${req.id}`, (b) => b.status === 'granted');
  // Public security replied late to a correction, and still has not (open and overdue)…
  await breachedTask(h.t.db, {
    process: 'correction',
    caseId: 'CR-DASH-1',
    step: 'provider_reply',
    candidate: { role: 'provider_reviewer', department: 'public-security' },
    article: 24,
    startedDaysAgo: 10,
    dueDaysAgo: 1,
  });
  // …and confirmed a reply to its own correction late, then decided: a breach of another step.
  await breachedTask(h.t.db, {
    process: 'correction',
    caseId: 'CR-DASH-2',
    step: 'consumer_review',
    candidate: { role: 'requester', department: 'public-security' },
    article: 24,
    startedDaysAgo: 9,
    dueDaysAgo: 2,
    decided: { decision: 'accept', by: 'lina' },
  });
});

it('counts open, overdue and done work, on-time rates per step, breaches per department and the weekly trend', async () => {
  const res = await c.get('zhengli', '/api/dashboard/sla');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ openCases: 1, openTasks: 1, overdue: 1 });
  const steps = Object.fromEntries(
    res.body.steps.map((s: { step: string; done: number; onTimeRate: number }) => [s.step, s]),
  );
  expect(steps.provider_review).toMatchObject({
    done: 1,
    onTime: 1,
    onTimeRate: 1,
    stepName: { zh: '提供部门审核' },
  });
  expect(steps.platform_review).toMatchObject({ done: 1, onTimeRate: 1 });
  // Decided within the test's seconds: the median reads a minute at most, not the half hour's 0.3 h.
  expect(steps.provider_review.medianHours).toBeLessThanOrEqual(1 / 60);
  // Breaches per department, by process and by step (issue 14, point 10).
  expect(res.body.breaches).toEqual([
    {
      department: 'public-security',
      departmentName: { zh: '市公安局', en: 'Public Security Bureau' },
      counts: { correction: 2 },
      steps: { 'correction/provider_reply': 1, 'correction/consumer_review': 1 },
      total: 2,
    },
  ]);
  expect(res.body.breachSteps).toEqual([
    expect.objectContaining({
      key: 'correction/provider_reply',
      stepName: { zh: '提供部门校核回复', en: 'Provider reply' },
    }),
    expect.objectContaining({
      key: 'correction/consumer_review',
      stepName: { zh: '使用部门确认', en: 'Consumer review' },
    }),
  ]);
  const stepDrill = await c.get(
    'zhengli',
    '/api/dashboard/sla/cases?kind=breached&department=public-security&process=correction&step=consumer_review',
  );
  expect(stepDrill.body.items.map((x: { caseId: string }) => x.caseId)).toEqual(['CR-DASH-2']);
  expect(res.body.overdueCases).toEqual([
    expect.objectContaining({
      caseId: 'CR-DASH-1',
      articleLabel: '第二十四条',
      basis: 'measures',
      citation: { zh: '第二十四条', en: 'Art. 24' },
      holder: {
        role: 'provider_reviewer',
        department: 'public-security',
        departmentName: { zh: '市公安局', en: 'Public Security Bureau' },
      },
    }),
  ]);
  const week = res.body.trend.at(-1);
  expect(week.submitted).toBeGreaterThanOrEqual(1);
  expect(week.decided).toBeGreaterThanOrEqual(2);
  const drill = await c.get('zhengli', '/api/dashboard/sla/cases?kind=overdue');
  expect(drill.body.items.map((x: { caseId: string }) => x.caseId)).toEqual(['CR-DASH-1']);
  const done = await c.get('zhengli', '/api/dashboard/sla/cases?kind=done&step=provider_review');
  expect(done.body.items).toHaveLength(1);
  const breached = await c.get(
    'zhengli',
    '/api/dashboard/sla/cases?kind=breached&department=public-security&process=correction',
  );
  expect(breached.body.items.map((x: { caseId: string }) => x.caseId).sort()).toEqual([
    'CR-DASH-1',
    'CR-DASH-2',
  ]);
  const filtered = await c.get('zhengli', '/api/dashboard/sla?process=sharing_request');
  expect(filtered.body).toMatchObject({ openCases: 0, overdue: 0, breaches: [] });
});

it('exports the breach table and the overdue cases as CSV and XLSX, dated, for supervisors only; refuses bad dates', async () => {
  const today = DateTime.now().setZone(ZONE).toISODate();
  const csv = await c.get('zhoujie', '/api/dashboard/sla/breaches.csv');
  expect(csv.status).toBe(200);
  expect(csv.headers['content-type']).toContain('text/csv');
  expect(csv.headers['content-disposition']).toBe(`attachment; filename="sla-breaches-${today}.csv"`);
  // One column per process, in the registry's order: the two breaches are corrections'.
  const perProcess = PROCESSES.map((p) => (p.name === 'correction' ? 2 : 0));
  expect(csv.text).toContain(['市公安局', ...perProcess, 2].join(','));
  // Then by step: a column for each step that has breaches.
  expect(csv.text).toContain(
    '部门 Department,数据纠错·提供部门校核回复 Correction·Provider reply,数据纠错·使用部门确认 Correction·Consumer review,合计 Total',
  );
  expect(csv.text).toContain('市公安局,1,1,2');
  // Then every overdue case, with its holder, deadline, limit and basis.
  expect(csv.text).toContain('逾期案件 Overdue cases');
  expect(csv.text).toMatch(
    /CR-DASH-1,数据纠错,提供部门校核回复,市公安局,\d{4}-\d{2}-\d{2} \d{2}:\d{2},.+第二十四条,0/,
  );
  const xlsx = await c.download('wuming', '/api/dashboard/sla/breaches.xlsx');
  expect(xlsx.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.body as never);
  expect(book.getWorksheet('逾期统计')!.getRow(2).values).toEqual([undefined, '市公安局', ...perProcess, 2]);
  const bySteps = book.getWorksheet('逾期统计(按环节)')!;
  expect(bySteps.getRow(1).values).toEqual([
    undefined,
    '部门',
    '数据纠错·提供部门校核回复',
    '数据纠错·使用部门确认',
    '合计',
  ]);
  expect(bySteps.getRow(2).values).toEqual([undefined, '市公安局', 1, 1, 2]);
  expect(xlsx.headers['content-disposition']).toBe(`attachment; filename="sla-breaches-${today}.xlsx"`);
  expect((book.getWorksheet('逾期案件')!.getRow(2).values as unknown[]).slice(1, 4)).toEqual([
    'CR-DASH-1',
    '数据纠错',
    '提供部门校核回复',
  ]);
  expect((await c.get('zhangwei', '/api/dashboard/sla')).status).toBe(403);
  expect((await c.get('zhangwei', '/api/dashboard/sla/breaches.csv')).status).toBe(403);
  const bad = await c.get('zhengli', '/api/dashboard/sla?from=2026-12-01&to=2026-11-01');
  expect(bad.status).toBe(400);
});
