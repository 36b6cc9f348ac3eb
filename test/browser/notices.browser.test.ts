/**
 * The notices centre in the browser (issue 14, point 8): the menu counts a
 * reviewer's unread notices; a new task's notice opens the task and is then
 * read; everything can be marked read at once; English reads the same.
 */
import { useApiHarness } from '../support/api-harness';
import { useBrowser } from '../support/browser';
import { httpCases, insuranceRequest } from '../support/http-cases';

const h = useApiHarness();
const b = useBrowser(h);
const c = httpCases(h);

jest.setTimeout(180_000);

it('counts unread notices on the menu, opens a notice at its task, and marks all read', async () => {
  const first = await c.request('zhangwei', insuranceRequest());
  await c.request('zhangwei', insuranceRequest({ purpose: '核对特困人员参保情况' }));
  const page = await b.signIn('zhaoqiang');
  const badge = page.getByTestId('menu-notices').locator('.ant-badge');

  await b.step(page, 'notices-badge', async () => {
    await badge.getByText('2').waitFor();
    await page.getByTestId('menu-notices').click();
    await page.waitForURL(/\/notices$/);
    await page.getByTestId('notice').filter({ hasText: first.id }).waitFor();
    expect(await page.getByTestId('notice').count()).toBe(2);
    expect(await page.getByTestId('notice').filter({ hasText: first.id }).innerText()).toMatch(
      /新待办:共享申请 SR-\S+·提供部门审核/,
    );
  });
  await b.shot(page, 'notices');

  await b.step(page, 'notice-opens-task', async () => {
    await page.locator('[data-testid=notice][data-read=false]').first().locator('a').first().click();
    await page.waitForURL(/\/tasks\//);
    await badge.getByText('1').waitFor();
  });

  await b.step(page, 'notices-read-all', async () => {
    await page.getByTestId('menu-notices').click();
    await page.getByTestId('notices-read-all').click();
    await page.locator('[data-testid=notice][data-read=false]').first().waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid=notice][data-read=true]').count()).toBe(2);
    await badge.locator('.ant-scroll-number').waitFor({ state: 'hidden' });
  });

  await b.step(page, 'notices-english', async () => {
    await page.getByTestId('language').click();
    await page.getByRole('button', { name: 'Mark all read' }).waitFor();
    expect(await page.getByTestId('notice').first().innerText()).toMatch(/New task: Sharing request SR-/);
  });
});
