/**
 * The app at a phone's width and from the keyboard: no page scrolls sideways
 * at 390 px, and a user can sign in and decide a task without a mouse.
 */
import { useApiHarness } from '../support/api-harness';
import { useBrowser } from '../support/browser';
import { httpCases, localDay } from '../support/http-cases';

const h = useApiHarness();
const b = useBrowser(h);
const c = httpCases(h);

/** How far the page scrolls sideways, in pixels (evaluated in the page). */
const sideways = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';

it('fits a phone-width screen: inbox, catalogue, request form, case page, dashboard, audit trail and security registers', async () => {
  const request = await c.request('zhangwei', {
    resourceCode: 'RS-SB-001',
    items: ['参保状态'],
    purpose: '核对参保情况',
    usageFrom: localDay(),
    usageTo: localDay(30),
    answers: { scope: '10人', duty: '低保审核', security: '专人专机' },
  });
  for (const [user, path, ready] of [
    ['zhaoqiang', '/inbox', 'task-table'],
    ['zhangwei', '/catalogue', 'catalogue-search'],
    ['zhangwei', '/catalogue/RS-SB-001/apply', 'submit'],
    ['zhangwei', `/requests/${request.id}`, 'case-status'],
    ['zhengli', '/dashboard', 'step-table'],
    ['xuhong', '/audit', 'audit-table'],
    ['wangfang', '/security', 'agreements'],
  ] as const) {
    const context = await b.browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      isMobile: true,
    });
    const page = await context.newPage();
    await b.step(page, `phone-${path.replace(/\W+/g, '-')}`, async () => {
      await page.goto(`${b.base}/sign-in`);
      await page.getByTestId(`sign-in-${user}`).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
      await page.goto(`${b.base}${path}`);
      await page.getByTestId(ready).first().waitFor();
      expect(await page.evaluate<number>(sideways)).toBeLessThanOrEqual(1);
    });
    if (path === '/inbox') await b.shot(page, 'phone-inbox');
    await context.close();
  }
});

it('works from the keyboard: sign in and approve a task with Enter', async () => {
  const request = await c.request('zhangwei', {
    resourceCode: 'RS-SB-001',
    items: ['参保状态'],
    purpose: '键盘操作',
    usageFrom: localDay(),
    usageTo: localDay(30),
    answers: { scope: '10人', duty: '低保审核', security: '专人专机' },
  });
  const context = await b.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await b.step(page, 'keyboard', async () => {
    await page.goto(`${b.base}/sign-in`);
    await page.getByTestId('sign-in-zhaoqiang').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/inbox$/);
    await page.getByTestId('task-link').filter({ hasText: request.id }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('decide-approve').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/inbox$/);
  });
  await c.until('zhangwei', `/api/requests/${request.id}`, (r) => r.status === 'platform_review');
  await context.close();
});
