/**
 * A catalogue draft in a real browser, from Excel to publication (art. 7, 9):
 * a data steward's workbook with a bad cell is refused with the cell named
 * and what is wrong said in Chinese, and nothing is stored; the corrected
 * workbook, with a new entry that is not shared, becomes a draft; the steward
 * cannot review it herself; her colleague approves it from the inbox, the LG
 * office 核定 it, and only then is the entry in the catalogue.
 */
import ExcelJS from 'exceljs';
import { useApiHarness } from '../support/api-harness';
import { httpCases } from '../support/http-cases';
import { useBrowser } from '../support/browser';
import { waitFor } from '../support/wait';
import { XLSX_TYPE } from '../support/directory-workbook';

const h = useApiHarness();
const b = useBrowser(h);

/** Public security's export with one more resource row (and its data item), its sharing type as given. */
async function withNewEntry(shareType: string, legalBasis = ''): Promise<Buffer> {
  const res = await httpCases(h).download('wangfang', '/api/catalogue/export.xlsx?provider=public-security');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.body as ArrayBuffer);
  wb.getWorksheet('资源 Resources')!.addRow([
    'GA-HZ-001',
    '护照签发信息',
    '本市居民护照的签发记录。',
    'public-security',
    '部门',
    shareType,
    legalBasis,
    '比对核验',
    '每日',
    '否',
    '内部(非涉密)',
  ]);
  wb.getWorksheet('数据项 Items')!.addRow(['GA-HZ-001', '护照号码', '业务项']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

it('refuses a workbook with a bad cell, then takes the corrected one from draft through review and 核定 to publication', async () => {
  const page = await b.signIn('wangfang');
  await b.step(page, 'catalogue-import', async () => {
    await page.goto(`${b.base}/catalogue`);
    await page.getByTestId('catalogue-import').click();
    await page.getByTestId('import-reason').fill('2026年度目录编制');
    const file = page.locator('.ant-modal input[type=file]');
    await file.setInputFiles({
      name: '资源目录.xlsx',
      mimeType: XLSX_TYPE,
      buffer: await withNewEntry('看情况'),
    });
    const problems = page.getByTestId('import-problems');
    await problems.waitFor();
    expect(await problems.innerText()).toMatch(/资源 Resources!F4\s*须为无条件共享、有条件共享或不予共享/);
    expect(await h.t.db('resources').where({ code: 'GA-HZ-001' })).toEqual([]);

    await file.setInputFiles({
      name: '资源目录.xlsx',
      mimeType: XLSX_TYPE,
      buffer: await withNewEntry('不予共享', '《中华人民共和国护照法》第十二条'),
    });
    await page.getByText('已提交审核:新增1条、更新0条、未变2条').waitFor();
    // The draft's own page: its entry, not shared, and not yet in the catalogue.
    await page.getByTestId('draft-entry-GA-HZ-001').getByText('新增').waitFor();
    await page.getByTestId('draft-entry-GA-HZ-001').getByText('不予共享').waitFor();
  });
  const draftId = (await h.t.db('catalogue_drafts').first('id')).id as string;
  expect(page.url()).toContain(`/catalogue/drafts/${draftId}`);
  expect(await h.t.db('resources').where({ code: 'GA-HZ-001' })).toEqual([]);

  // The author cannot review her own draft.
  const review = async (who: string, step: string) =>
    (await h.t.db('tasks').where({ case_id: draftId, step, status: 'open' }).first('id'))?.id as string;
  await b.step(page, 'catalogue-draft-self-review', async () => {
    let task: string | undefined;
    while (!(task = await review('wangfang', 'entry_review'))) await page.waitForTimeout(100);
    await page.goto(`${b.base}/tasks/${encodeURIComponent(task)}`);
    await page.getByTestId('decide-approve').click();
    await page.getByTestId('decision-error').getByText('起草人不能审核自己的草稿').waitFor();
  });

  // 李娜, her colleague, approves it from the inbox, seeing what it adds.
  const colleague = await b.signIn('lina');
  await b.step(colleague, 'catalogue-draft-review', async () => {
    await colleague.goto(`${b.base}/inbox`);
    await colleague.getByRole('link', { name: draftId }).click();
    await colleague.getByTestId('draft-entry-GA-HZ-001').waitFor();
    await colleague.getByTestId('decide-approve').click();
    await colleague.getByText('已办理').first().waitFor();
  });

  // Not shared: the LG office 核定 its legal basis (art. 7); then it is published.
  const office = await b.signIn('zhoujie');
  await b.step(office, 'catalogue-draft-verification', async () => {
    let task: string | undefined;
    while (!(task = await review('zhoujie', 'entry_verification'))) await office.waitForTimeout(100);
    await office.goto(`${b.base}/tasks/${encodeURIComponent(task)}`);
    await office.getByText('《中华人民共和国护照法》第十二条').first().waitFor();
    await office.getByTestId('decide-confirm').click();
    await office.getByText('已办理').first().waitFor();
  });
  // Publishing follows the 核定 by a moment: the page is opened once it is done (it does not poll).
  await waitFor('the draft published', async () =>
    (await h.t.db('catalogue_drafts').where({ id: draftId }).first()).status === 'published'
      ? true
      : undefined,
  );
  await b.step(page, 'catalogue-draft-published', async () => {
    await page.goto(`${b.base}/catalogue/drafts/${draftId}`);
    await page.getByTestId('case-status').getByText('已注册发布').waitFor();
    await page.getByText('已发布为第1版').click();
    await page.getByTestId('resource-versions').getByText('2026年度目录编制').waitFor();
  });
  expect(await h.t.db('resource_versions').where({ resource_code: 'GA-HZ-001' }).first('reason')).toEqual({
    reason: '2026年度目录编制',
  });
});
