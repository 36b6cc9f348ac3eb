/**
 * The inbox as a reviewer works it (issue 14, point 4): each row says who
 * asked, for what, since when, the step with its basis and the working days
 * left; the menu counts the open tasks; search narrows the list from the
 * keyboard; alike tasks are approved in one go, each recorded on its own; 已办
 * shows the department's decisions, latest first; and in English the same.
 */
import { useApiHarness } from '../support/api-harness';
import { useBrowser } from '../support/browser';
import { httpCases, localDay } from '../support/http-cases';

const h = useApiHarness();
const b = useBrowser(h);
const c = httpCases(h);

jest.setTimeout(180_000);

const ask = (purpose: string) =>
  c.request('zhangwei', {
    resourceCode: 'RS-SB-001',
    items: ['参保状态'],
    purpose,
    usageFrom: localDay(),
    usageTo: localDay(30),
    answers: { scope: '10人', duty: '低保审核', security: '专人专机' },
  });

it('says what to do on each row, counts and searches, approves alike tasks in one go, and lists 已办', async () => {
  const first = await ask('核对低保对象参保情况');
  const second = await ask('核对特困人员参保情况');
  const page = await b.signIn('zhaoqiang');
  const rows = page.getByTestId('task-table').locator('tbody tr.ant-table-row');

  await b.step(page, 'inbox-rows', async () => {
    await page.waitForURL(/\/inbox$/);
    const row = rows.filter({ hasText: first.id });
    await row.getByText('市民政局').waitFor();
    await row.getByText('社会保险参保信息').waitFor();
    await row.getByText(/^剩 \d+ 个工作日$/).waitFor();
    expect(await row.getByTestId('task-basis').innerText()).toMatch(/个工作日 · /);
    const today = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long' }).format(
      new Date(),
    );
    await row.getByText(today).waitFor();
    // The menu counts the open tasks, as the list's total does.
    const total = Number((await page.getByText(/^共 \d+ 条$/).innerText()).match(/\d+/)![0]);
    expect(total).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('menu-inbox').locator('.ant-badge').innerText()).toBe(String(total));
  });
  await b.shot(page, 'inbox-rows');

  await b.step(page, 'inbox-search', async () => {
    const search = page.getByTestId('task-search').locator('input');
    await search.focus();
    await page.keyboard.type(second.id);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`q=${second.id}`));
    await page.getByText('共 1 条').waitFor();
    expect(await rows.count()).toBe(1);
    await search.fill('民政');
    await page.keyboard.press('Enter');
    await rows.filter({ hasText: first.id }).waitFor();
    await rows.filter({ hasText: second.id }).waitFor();
  });

  await b.step(page, 'bulk-approve', async () => {
    for (const r of [first, second])
      await rows.filter({ hasText: r.id }).locator('input[type=checkbox]').check();
    await page.getByTestId('bulk-approve').click();
    await page.getByRole('dialog').getByRole('textbox').fill('用途明确,范围必要');
    await page.locator('#bulk-confirm').click();
    await page.getByText('已同意 2 件').waitFor();
  });
  for (const r of [first, second])
    await c.until('zhangwei', `/api/requests/${r.id}`, (x) => x.status === 'platform_review');

  await b.step(page, 'done-list', async () => {
    await page.getByRole('menuitem', { name: '已办' }).click();
    await page.waitForURL(/\/inbox\/done/);
    for (const r of [first, second])
      await rows
        .filter({ hasText: r.id })
        .getByText(/同意 · 赵强/)
        .waitFor();
  });
  await b.shot(page, 'done-list');

  await b.step(page, 'inbox-english', async () => {
    await page.getByTestId('language').click();
    await page.getByRole('menuitem', { name: /Inbox/ }).click();
    await page.getByRole('columnheader', { name: 'Requested by' }).waitFor();
    await page.getByRole('columnheader', { name: 'Time left' }).waitFor();
  });
});
