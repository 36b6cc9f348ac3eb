/**
 * The SLA dashboard's API against MariaDB and the dev server: figures from
 * the read models for supervisors only, and the breach table as CSV and XLSX.
 */
import { DateTime } from 'luxon';
import { ZONE } from '../../domain/calendar/working-days';
import ExcelJS from 'exceljs';
import { createSharedActivities } from '../../activities/shared';
import { processNamed } from '../../processes';
import { useApiHarness } from '../support/api-harness';
import { httpCases, localDay } from '../support/http-cases';
import { defaultPolicyKey } from '../../seeds/default-policy';

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
  const acts = createSharedActivities(h.t.db, processNamed);
  const taskId = 'correction-CR-DASH-1.provider_reply.1';
  await acts.openTask({
    id: taskId,
    workflowId: 'correction-CR-DASH-1',
    processType: 'correction',
    caseId: 'CR-DASH-1',
    step: 'provider_reply',
    candidates: [{ role: 'provider_reviewer', department: 'public-security' }],
    startedAt: new Date(Date.now() - 10 * 86_400_000).toISOString(),
    deadline: new Date(Date.now() - 86_400_000).toISOString(),
    provisional: false,
    article: 24,
    policyKey: defaultPolicyKey(),
    processName: { zh: '数据纠错', en: 'Correction feedback' },
    stepName: { zh: '提供部门校核回复', en: 'Provider verifies and replies' },
  });
  await acts.recordBreach({
    taskId,
    processName: { zh: '', en: '' },
    stepName: { zh: '', en: '' },
    at: new Date(Date.now() - 86_400_000).toISOString(),
    article: 24,
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
  expect(res.body.breaches).toEqual([
    {
      department: 'public-security',
      departmentName: { zh: '市公安局', en: 'Public Security Bureau' },
      counts: { correction: 1 },
      total: 1,
    },
  ]);
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
  expect(breached.body.items.map((x: { caseId: string }) => x.caseId)).toEqual(['CR-DASH-1']);
  const filtered = await c.get('zhengli', '/api/dashboard/sla?process=sharing_request');
  expect(filtered.body).toMatchObject({ openCases: 0, overdue: 0, breaches: [] });
});

it('exports the breach table and the overdue cases as CSV and XLSX, dated, for supervisors only; refuses bad dates', async () => {
  const today = DateTime.now().setZone(ZONE).toISODate();
  const csv = await c.get('zhoujie', '/api/dashboard/sla/breaches.csv');
  expect(csv.status).toBe(200);
  expect(csv.headers['content-type']).toContain('text/csv');
  expect(csv.headers['content-disposition']).toBe(`attachment; filename="sla-breaches-${today}.csv"`);
  expect(csv.text).toContain('市公安局,0,1,0,0,0,1'); // one column per process, security incidents last
  // Then every overdue case, with its holder, deadline, limit and basis.
  expect(csv.text).toContain('逾期案件 Overdue cases');
  expect(csv.text).toMatch(
    /CR-DASH-1,数据纠错,提供部门校核回复,市公安局,\d{4}-\d{2}-\d{2} \d{2}:\d{2},.+第二十四条,0/,
  );
  const xlsx = await c.download('wuming', '/api/dashboard/sla/breaches.xlsx');
  expect(xlsx.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.body as never);
  expect(book.getWorksheet('逾期统计')!.getRow(2).values).toEqual([undefined, '市公安局', 0, 1, 0, 0, 0, 1]);
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
