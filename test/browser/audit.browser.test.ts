/**
 * The auditor's page in a real browser: an auditor lands on it, finds a
 * refused access by user and outcome, downloads it, and sees both logs'
 * chains verified with the retention period the policy sets; the
 * administrator signs a checkpoint there and sees it, without the search.
 */
import fs from 'node:fs';
import { useApiHarness } from '../support/api-harness';
import { useBrowser } from '../support/browser';
import { chooseOption } from '../support/choose-option';
import { httpCases } from '../support/http-cases';

const h = useApiHarness();
const b = useBrowser(h);
const c = httpCases(h);

it('lets an auditor find a refused access, download it and verify the logs, in Chinese and English', async () => {
  expect((await c.get('sunhui', '/api/audit')).status).toBe(403);

  const page = await b.signIn('xuhong');
  await b.step(page, 'audit-search', async () => {
    await page.waitForURL(/\/audit$/);
    await page.getByTestId('audit-actor').fill('sunhui');
    await chooseOption(page, page.getByTestId('audit-outcome'), '拒绝');
    await page.getByTestId('audit-search').click();
    const row = page.getByTestId('audit-table').locator('tbody tr').filter({ hasText: 'access.refused' });
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.first().innerText()).toContain('GET /api/audit');
  });

  const file = await b.step(page, 'audit-download', async () => {
    const [saved] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-csv').click()]);
    // The name the API gives it: dated, so two exports do not overwrite each other.
    expect(saved.suggestedFilename()).toMatch(/^audit-\d{8}-\d{4}\.csv$/);
    return fs.readFileSync((await saved.path())!, 'utf8');
  });
  expect(file).toContain('sunhui');
  expect(file).not.toContain('xuhong'); // the filter went with the download

  await b.step(page, 'audit-verify', async () => {
    await page.getByTestId('audit-verify').click();
    await page.getByTestId('audit-integrity').waitFor();
    expect(await page.getByTestId('chain-audit').innerText()).toBe('完整');
    expect(await page.getByTestId('chain-exchange').innerText()).toBe('完整');
    expect(await page.getByTestId('audit-retention').innerText()).toBe('日志保留不少于2年(第三十三条)');
  });
  await b.shot(page, 'audit-page');

  await b.step(page, 'audit-english', async () => {
    await page.getByTestId('language').click();
    await page.getByText('Audit trail').first().waitFor();
    expect(await page.getByTestId('chain-audit').innerText()).toBe('Intact');
    expect(await page.getByTestId('audit-retention').innerText()).toBe(
      'Logs kept at least 2 years (Art. 33)',
    );
  });
  await page.context().close();

  const admin = await b.signIn('admin');
  await b.step(admin, 'audit-admin-sign', async () => {
    await admin.goto(`${b.base}/audit`);
    await admin.getByTestId('audit-sign').click();
    await admin.getByTestId('audit-integrity').waitFor();
    expect(await admin.getByTestId('audit-integrity').innerText()).toMatch(/最近签名检查点\s*#\d+/);
    expect(await admin.getByTestId('audit-table').count()).toBe(0);
  });
  await admin.context().close();
});
