/**
 * The app at a phone's width and from the keyboard: no page scrolls sideways
 * at 390 px, and a user can sign in and decide a task, open a notice, comment,
 * attach a file, print the approval form and name a delegate without a mouse.
 */
import { useApiHarness } from '../support/api-harness';
import { useBrowser } from '../support/browser';
import { httpCases, insuranceRequest, localDay } from '../support/http-cases';
import { waitFor } from '../support/wait';

const h = useApiHarness();
const b = useBrowser(h);
const c = httpCases(h);

/** How far the page scrolls sideways, in pixels (evaluated in the page). */
const sideways = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';

it('fits a phone-width screen: inbox, catalogue, request form, case page (with its comments and attachments), dashboard, audit trail, security registers, notices, delegation and the case lists', async () => {
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
    ['zhaoqiang', '/notices', 'notice-list'],
    ['zhaoqiang', '/delegations', 'delegate'],
    ['zhangwei', '/corrections', 'correction-list'],
    ['zhangwei', '/disputes', 'dispute-list'],
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

/** Presses Tab until `target` has the focus, as a keyboard user would reach it; fails if it never does. */
async function tabTo(
  page: import('playwright-core').Page,
  target: import('playwright-core').Locator,
  most = 60,
) {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    // Typed by hand: the tests compile without the DOM's types.
    const focused = await target.evaluate((el) => {
      const node = el as unknown as {
        ownerDocument: { activeElement: unknown };
        contains(n: unknown): boolean;
      };
      return node === node.ownerDocument.activeElement || node.contains(node.ownerDocument.activeElement);
    });
    if (focused) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

it('works from the keyboard on the newer pages: a notice, a comment, an attachment, the approval form, a delegation', async () => {
  const request = await c.request('zhangwei', insuranceRequest({ purpose: '键盘操作' }));
  const context = await b.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(`${b.base}/sign-in`);
  await page.getByTestId('sign-in-zhaoqiang').focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/inbox$/);

  await b.step(page, 'keyboard-notice', async () => {
    await page.goto(`${b.base}/notices`);
    const notice = page.getByTestId('notice').filter({ hasText: request.id }).getByRole('link');
    await notice.waitFor();
    await tabTo(page, notice);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/tasks\//);
  });

  await b.step(page, 'keyboard-comment', async () => {
    await page.goto(`${b.base}/requests/${request.id}`);
    const box = page.getByTestId('comment-text');
    await box.waitFor();
    await tabTo(page, box);
    await page.keyboard.type('已收到,正在审核');
    await page.keyboard.press('Tab'); // to 发送
    await page.keyboard.press('Enter');
    await page.getByTestId('timeline-entry').filter({ hasText: '已收到,正在审核' }).waitFor();
  });

  await b.step(page, 'keyboard-attach-and-print', async () => {
    const attach = page.getByTestId('attach');
    await tabTo(page, attach);
    // Tab reaches the button. Whether headless Chromium then shows its file chooser for a key
    // press varies from run to run, so the file is handed to the button's input, as the chooser would.
    await page
      .getByTestId('attachments')
      .locator('input[type=file]')
      .setInputFiles({
        name: '审核意见.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.7\n'),
      });
    await page.getByTestId('attachment').getByText('审核意见.pdf').waitFor();
    await page.getByTestId('print-form').focus();
    const [saved] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(saved.suggestedFilename()).toBe(`${request.id}-approval-form.pdf`);
  });

  await b.step(page, 'keyboard-delegation', async () => {
    await page.goto(`${b.base}/delegations`);
    const role = page.getByTestId('delegation-role').getByRole('combobox');
    await role.waitFor();
    await tabTo(page, role);
    // Pick from a list by typing part of a name and pressing Enter.
    const pick = async (typed: string, option: string) => {
      await page.keyboard.type(typed);
      await page.locator('.ant-select-item-option-active', { hasText: option }).waitFor();
      await page.keyboard.press('Enter');
    };
    await pick('审核', '提供部门审核人');
    // A role chosen opens the choice of colleague.
    const to = page.getByTestId('delegation-to').getByRole('combobox');
    await waitFor('the colleague list to open', async () => (await to.isEnabled()) || undefined);
    await page.keyboard.press('Tab');
    await pick('马', '马骏');
    await page.getByTestId('delegate').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('delegations-given').getByText('马骏').waitFor();
  });
  await context.close();
});
