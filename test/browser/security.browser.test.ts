/**
 * A department's security page in a real browser: its data steward records an
 * agreement with a technical service unit and this year's risk assessment,
 * sees the reminder rule as a platform default, and another department cannot
 * open it.
 */
import { useApiHarness } from '../support/api-harness';
import { useBrowser } from '../support/browser';
import { localDay } from '../support/http-cases';

const h = useApiHarness();
const b = useBrowser(h);

async function pickDate(page: import('playwright-core').Page, testId: string, date: string) {
  await page.getByTestId(testId).click();
  await page.getByTestId(testId).fill(date);
  await page.keyboard.press('Enter');
}

it('lets a data steward keep the registers, and refuses another department', async () => {
  const page = await b.signIn('wangfang');
  await b.step(page, 'security-open', async () => {
    await page.getByRole('menuitem', { name: '安全管理' }).click();
    await page.waitForURL(/\/security$/);
    await page.getByTestId('not-assessed').waitFor();
    expect(await page.getByTestId('reminder-rule').innerText()).toBe('协议到期前30日提醒(第三十条,平台默认)');
  });

  await b.step(page, 'security-agreement', async () => {
    await page.getByTestId('add-agreement').click();
    await page.getByTestId('agreement-unit').fill('攀枝花某信息技术有限公司');
    await page.getByTestId('agreement-scope').fill('人口库接口运维');
    await pickDate(page, 'agreement-signed', localDay(-100));
    await pickDate(page, 'agreement-expires', localDay(200));
    await page.getByRole('button', { name: '保 存' }).click();
    const row = page
      .getByTestId('agreements')
      .locator('tbody tr')
      .filter({ hasText: '攀枝花某信息技术有限公司' });
    await row.waitFor();
    expect(await row.innerText()).toContain('有效');
    expect(await row.innerText()).toContain(localDay(200));
  });

  await b.step(page, 'security-assessment', async () => {
    await page.getByTestId('add-assessment').click();
    await pickDate(page, 'assessment-date', localDay());
    await page.getByTestId('assessment-node').fill('市公安局数据服务节点');
    await page.getByTestId('assessment-assessor').fill('市信息安全测评中心');
    await page.getByTestId('assessment-findings').fill('未发现高风险问题');
    await page.getByRole('button', { name: '保 存' }).click();
    await page
      .getByTestId('assessments')
      .locator('tbody tr')
      .filter({ hasText: '市信息安全测评中心' })
      .waitFor();
    await page.getByTestId('not-assessed').waitFor({ state: 'detached' });
    await page.locator('.ant-modal-wrap').last().waitFor({ state: 'hidden' });
  });
  await b.shot(page, 'security-page');

  await b.step(page, 'security-english', async () => {
    await page.getByTestId('language').click();
    expect(await page.getByTestId('reminder-rule').innerText()).toBe(
      'Reminded 30 days before expiry (Art. 30, platform default)',
    );
  });
  await page.context().close();

  const other = await b.signIn('sunhui');
  await b.step(other, 'security-other-department', async () => {
    await other.goto(`${b.base}/departments/public-security/security`);
    await other.getByText('The security registers of public-security are its own.').waitFor();
  });
  await other.context().close();
});
