/**
 * A data steward imports the department's catalogue from Excel in a real
 * browser: a workbook with a bad cell is refused with the cell named and what
 * is wrong said in Chinese, and nothing is stored; the corrected workbook is
 * imported and its new entry is in the catalogue.
 */
import ExcelJS from 'exceljs';
import { useApiHarness } from '../support/api-harness';
import { httpCases } from '../support/http-cases';
import { useBrowser } from '../support/browser';
import { XLSX_TYPE } from '../support/directory-workbook';

const h = useApiHarness();
const b = useBrowser(h);

/** Public security's export with one more resource row (and its data item), its sharing type as given. */
async function withNewEntry(shareType: string): Promise<Buffer> {
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
    '',
    '比对核验',
    '每日',
    '否',
    '内部(非涉密)',
  ]);
  wb.getWorksheet('数据项 Items')!.addRow(['GA-HZ-001', '护照号码', '业务项']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

it('refuses a workbook with a bad cell, naming it, then imports the corrected one', async () => {
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
      buffer: await withNewEntry('无条件共享'),
    });
    await page.getByText('已导入:新增1条、更新0条、未变2条').waitFor();
  });
  await page.getByRole('link', { name: '护照签发信息' }).waitFor();
  expect(await h.t.db('resource_versions').where({ resource_code: 'GA-HZ-001' }).first('reason')).toEqual({
    reason: '2026年度目录编制',
  });
});
