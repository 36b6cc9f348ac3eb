/**
 * A catalogue entry's version history in a real browser (art. 9): after the
 * provider's steward narrows an entry, anyone reading it sees each version
 * with who, when and why, and what changed field by field, in Chinese and in
 * English.
 */
import { useApiHarness } from '../support/api-harness';
import { useBrowser } from '../support/browser';
import { narrowDeathRecords } from '../support/http-cases';

const h = useApiHarness();
const b = useBrowser(h);

it('shows who changed an entry, when, why and what, field by field', async () => {
  const changed = await narrowDeathRecords(h, '根本死因不再共享,更新周期按实际调整', {
    updateCycle: 'weekly',
  });
  expect(changed.status).toBe('published');

  const reader = await b.signIn('zhangwei');
  await b.step(reader, 'resource-versions', async () => {
    await reader.goto(`${b.base}/catalogue/WJ-SW-001`);
    const latest = reader.getByTestId('version-2');
    await latest.getByText('第2版').waitFor();
    await latest.getByText('变更', { exact: true }).waitFor();
    await latest.getByText('黄敏').waitFor();
    await latest.getByText('根本死因不再共享,更新周期按实际调整').waitFor();
    await latest.getByText('删减数据项').waitFor();
    const items = latest.locator('tr', { hasText: '数据项' });
    expect(await items.locator('td').allInnerTexts()).toEqual([
      '数据项',
      '公民身份号码、姓名、死亡日期、死亡地点、根本死因',
      '公民身份号码、姓名、死亡日期、死亡地点',
    ]);
    expect(await latest.locator('tr', { hasText: '更新周期' }).locator('td').allInnerTexts()).toEqual([
      '更新周期',
      '每日',
      '每周',
    ]);
    await reader.getByTestId('version-1').getByText('首次登记').waitFor();
    // The seed is no person of the directory: the platform registered it.
    await reader.getByTestId('version-1').getByText('系统', { exact: true }).waitFor();
  });
  await b.shot(reader, 'resource-versions');

  await reader.getByTestId('language').click();
  const latest = reader.getByTestId('version-2');
  await latest.getByText('Version 2').waitFor();
  await latest.getByText('Data items removed').waitFor();
  expect(await latest.locator('tr', { hasText: 'Update cycle' }).locator('td').allInnerTexts()).toEqual([
    'Update cycle',
    'Daily',
    'Weekly',
  ]);
});
