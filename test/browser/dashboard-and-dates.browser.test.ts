/**
 * The dashboard as a supervisor keeps it open (issue 14, point 10): filters
 * kept in the address survive a reload; the window title names the page; the
 * breach table's total column is labelled; the export is dated and carries
 * the overdue list; breaches read by department × step as well as × process.
 * And dates default to Asia/Shanghai's today whatever the browser's time zone.
 */
import fs from 'node:fs';
import { DateTime } from 'luxon';
import { ZONE } from '../../domain/calendar/working-days';
import { useApiHarness } from '../support/api-harness';
import { breachedTask } from '../support/breached-task';
import { useBrowser } from '../support/browser';
import { chooseOption } from '../support/choose-option';
import { waitFor } from '../support/wait';

const h = useApiHarness();
const b = useBrowser(h);

jest.setTimeout(180_000);

const shanghaiToday = () => DateTime.now().setZone(ZONE).toISODate() as string;

it('keeps the dashboard’s filters in the address, names the page, labels the total and dates the export', async () => {
  const page = await b.signIn('zhengli');
  await b.step(page, 'dashboard-filters', async () => {
    await page.waitForURL(/\/dashboard/);
    await waitFor('the window title', async () => (await page.title()) === '督办看板 · 政务信息资源共享');
    const processFilter = page.getByTestId('process-filter').filter({ has: page.getByLabel('流程') });
    await chooseOption(page, processFilter, '数据纠错');
    await page.waitForURL(/process=correction/);
    await page.reload();
    await page.getByTestId('step-table').waitFor();
    await page.getByTestId('process-filter').getByText('数据纠错').waitFor();
    expect(await page.getByText('correction', { exact: true }).count()).toBe(0);
    await page.getByRole('columnheader', { name: '合计' }).waitFor();
    expect(await page.getByText('∑').count()).toBe(0);
  });
  await b.step(page, 'dashboard-export', async () => {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 CSV' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe(`sla-breaches-${shanghaiToday()}.csv`);
    const saved = await file.path();
    expect(fs.readFileSync(saved, 'utf8')).toContain('逾期案件 Overdue cases');
  });
});

it('shows breaches by department and step, and opens the cases behind a step’s count', async () => {
  // Public security replied late to a correction: a breach of the provider's reply step.
  await breachedTask(h.t.db, {
    process: 'correction',
    caseId: 'CR-STEP-1',
    step: 'provider_reply',
    candidate: { role: 'provider_reviewer', department: 'public-security' },
    article: 24,
    startedDaysAgo: 10,
    dueDaysAgo: 1,
  });
  const page = await b.signIn('zhengli');
  await b.step(page, 'dashboard-breaches-by-step', async () => {
    await page.waitForURL(/\/dashboard/);
    await page.getByTestId('breach-view').getByText('按环节').click();
    await page.waitForURL(/breaches=step/);
    await page.reload(); // the view is kept in the address
    await page.getByRole('columnheader', { name: '数据纠错·提供部门校核回复' }).waitFor();
    await page.getByTestId('breach-table').getByTestId('drill').first().click();
    await page.getByText('市公安局 · 数据纠错 · 提供部门校核回复').waitFor();
    await page.getByTestId('drill-table').getByRole('link', { name: 'CR-STEP-1' }).waitFor();
  });
  await page.context().close();
});

it("defaults a form's dates to Asia/Shanghai's today in a browser far away", async () => {
  // Kiritimati is 6 hours ahead of Shanghai, Pago Pago 19 behind: one of them is on another day most of the time.
  for (const timezoneId of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
    const context = await b.browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'zh-CN',
      timezoneId,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await b.step(page, `dates-${timezoneId.replace('/', '-')}`, async () => {
      await page.goto(`${b.base}/sign-in`);
      await page.getByTestId('sign-in-zhangwei').click();
      await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
      await page.goto(`${b.base}/catalogue/RS-SB-001/apply`);
      const start = page.locator('.ant-picker-range input').first();
      await start.waitFor();
      expect(await start.inputValue()).toBe(shanghaiToday());
    });
    await context.close();
  }
});
