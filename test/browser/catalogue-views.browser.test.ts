/**
 * The catalogue's views in a real browser (art. 7, 8): a department reads the
 * city's 共享目录 as it may ask from it, or its own 资源目录 with its
 * not-shared entries; the LG office sees how far each department has compiled
 * its catalogue, those with none marked.
 */
import { useApiHarness } from '../support/api-harness';
import { useBrowser } from '../support/browser';

const h = useApiHarness();
const b = useBrowser(h);

it("switches between the 共享目录 and the department's own 资源目录", async () => {
  const page = await b.signIn('wangfang');
  await b.step(page, 'catalogue-views', async () => {
    await page.goto(`${b.base}/catalogue`);
    await page.getByRole('link', { name: '人口基础信息' }).waitFor();
    await page.getByTestId('catalogue-view').getByText('共享目录').click();
    await page.getByRole('link', { name: '法人单位基本信息' }).waitFor();
    expect(await page.getByRole('link', { name: '刑事案件侦查信息' }).count()).toBe(0);
    await page.getByTestId('catalogue-view').getByText('本部门资源目录').click();
    await page.getByRole('link', { name: '刑事案件侦查信息' }).waitFor();
    expect(await page.getByRole('link', { name: '法人单位基本信息' }).count()).toBe(0);
  });
});

it("shows the LG office each department's catalogue, marking those that have compiled none", async () => {
  const page = await b.signIn('zhoujie');
  await b.step(page, 'catalogue-completeness', async () => {
    await page.goto(`${b.base}/catalogue`);
    const card = page.getByTestId('catalogue-completeness');
    await card.getByText('各部门目录编制情况').waitFor();
    await card.getByTestId('completeness-cyberspace').getByText('尚未编制').waitFor();
  });
});

it("lets the provider's steward report the entry's data updated, and shows it up to date (art. 20)", async () => {
  const page = await b.signIn('wangfang');
  await b.step(page, 'catalogue-data-update', async () => {
    await page.goto(`${b.base}/catalogue/GA-RK-001`);
    await page.getByTestId('report-data-update').click();
    await page.getByText('已记录数据更新').waitFor();
    await page.getByTestId('freshness').getByText('按时更新').waitFor();
  });
});
