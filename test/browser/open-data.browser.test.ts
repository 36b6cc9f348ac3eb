/**
 * Open data in a real browser (art. 26): anyone, without signing in, reads the
 * entries open to the public, in Chinese or English; the LG office's dashboard
 * lists the entries in the article's priority domains not open yet.
 */
import { useApiHarness } from '../support/api-harness';
import { useBrowser } from '../support/browser';

const h = useApiHarness();
const b = useBrowser(h);

it('the public reads the open entries without signing in', async () => {
  const context = await b.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const visitor = await context.newPage();
  await b.step(visitor, 'open-data-public', async () => {
    await visitor.goto(`${b.base}/open-data`);
    const rows = visitor.getByTestId('open-datasets').locator('tbody tr');
    await rows.filter({ hasText: '医疗机构执业信息' }).waitFor();
    expect(await rows.count()).toBe(2);
    const clinics = rows.filter({ hasText: '医疗机构执业信息' });
    await clinics.getByText('市卫生健康委员会').waitFor();
    await clinics.getByText('医疗', { exact: true }).waitFor();
    await clinics.getByText('卫生', { exact: true }).waitFor();
    // Nothing that is not open: the population register is not there.
    expect(await visitor.getByText('人口基础信息').count()).toBe(0);
    expect(visitor.url()).toMatch(/\/open-data$/); // not sent to sign in
  });
  await b.shot(visitor, 'open-data-public');
  await visitor.getByTestId('language').click();
  await visitor.getByText('Open government data').first().waitFor();
  await visitor.getByText('Medical care', { exact: true }).waitFor();
  await context.close();
});

it('shows the LG office the priority-domain entries not open yet, on its dashboard', async () => {
  const office = await b.signIn('zhoujie');
  await b.step(office, 'open-data-gaps', async () => {
    await office.goto(`${b.base}/dashboard`);
    const card = office.getByTestId('open-data-gaps');
    await card.getByText('社会保险参保信息').waitFor();
    await card.getByText('卫生 1/2').waitFor();
    expect(await card.getByText('医疗机构执业信息').count()).toBe(0);
  });
  await b.shot(office, 'open-data-gaps');
});
