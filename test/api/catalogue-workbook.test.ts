/**
 * A department's catalogue compiled in Excel: exported, edited and imported
 * again. Every bad cell and entry is named by sheet, row and column, nothing
 * is stored unless every row passes, the changed rows become one draft that
 * is reviewed before each change becomes a version with the import's reason,
 * and re-importing the export changes nothing.
 */
import ExcelJS from 'exceljs';
import { useApiHarness } from '../support/api-harness';
import { httpCases } from '../support/http-cases';

const h = useApiHarness();
const c = httpCases(h);

async function exportAs(who: string, provider = 'public-security'): Promise<Buffer> {
  const res = await httpCases(h).download(who, `/api/catalogue/export.xlsx?provider=${provider}`);
  expect(res.status).toBe(200);
  expect(res.headers['content-disposition']).toMatch(/catalogue-public-security-\d{4}-\d{2}-\d{2}\.xlsx/);
  return res.body as Buffer;
}

async function importAs(who: string, bytes: Buffer, reason: string | null = '2026年度目录编制') {
  const req = h
    .http()
    .post('/api/catalogue/import')
    .set(await h.as(who));
  if (reason !== null) req.field('reason', reason);
  return req.attach('file', bytes, {
    filename: '资源目录.xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
}

/** The workbook with rows appended to its sheets and cells changed (sheet → [row, column, value]). */
async function edited(
  base: Buffer,
  add: { resources?: string[][]; items?: string[][]; conditions?: string[][] },
  set: [string, number, number, string][] = [],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(base as unknown as ArrayBuffer);
  for (const r of add.resources ?? []) wb.getWorksheet('资源 Resources')!.addRow(r);
  for (const r of add.items ?? []) wb.getWorksheet('数据项 Items')!.addRow(r);
  for (const r of add.conditions ?? []) wb.getWorksheet('共享条件 Conditions')!.addRow(r);
  for (const [sheet, row, col, value] of set) wb.getWorksheet(sheet)!.getCell(row, col).value = value;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function lastRow(bytes: Buffer, sheet: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.getWorksheet(sheet)!.rowCount;
}

const counts = async () => ({
  resources: Number((await h.t.db('resources').count({ n: '*' }))[0].n),
  versions: Number((await h.t.db('resource_versions').count({ n: '*' }))[0].n),
});

/** A new conditional resource of public security's, as a steward types it: [code, name, summary, provider, …]. */
const newRow = (over: Partial<Record<number, string>> = {}) => {
  const row = [
    'GA-JD-001',
    '机动车驾驶人信息',
    '本市机动车驾驶人的准驾车型和记分信息。',
    'public-security',
    '部门',
    '有条件共享',
    '',
    '比对核验',
    '每日',
    '否',
    '内部(非涉密)',
    '',
    '',
    '交通',
  ];
  for (const [i, v] of Object.entries(over)) row[Number(i)] = v!;
  return row;
};

it('re-importing the export changes nothing; an edited workbook adds and changes entries as versions with its reason', async () => {
  const exported = await exportAs('wangfang');
  const before = await counts();
  const again = await importAs('wangfang', exported);
  expect(again.status).toBe(200);
  expect(again.body).toEqual({ created: 0, updated: 0, unchanged: 2, draftId: null });
  expect(await counts()).toEqual(before);

  // Row 2 is GA-RK-001 (export order is by code): its summary (column C) changes.
  const workbook = await edited(
    exported,
    {
      resources: [newRow()],
      items: [
        ['GA-JD-001', '驾驶证号', '业务项'],
        ['GA-JD-001', '准驾车型', 'business'],
      ],
      conditions: [['GA-JD-001', 'duty', '请说明使用该数据的法定职责']],
    },
    [['资源 Resources', 2, 3, '全市实有人口的基础信息(2026年度核对)。']],
  );
  const res = await importAs('wangfang', workbook, '2026年度目录编制');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ created: 1, updated: 1, unchanged: 1, draftId: expect.stringMatching(/^CE-/) });
  // The changed rows are one draft, reviewed before anything is published (art. 9).
  expect(await counts()).toEqual(before);
  const draft = (await c.get('wangfang', `/api/catalogue/drafts/${res.body.draftId}`)).body;
  expect(draft.entries.map((e: { entry: { code: string }; kind: string }) => [e.entry.code, e.kind])).toEqual(
    [
      ['GA-RK-001', 'change'],
      ['GA-JD-001', 'new'],
    ],
  );
  await c.publishDraft(res.body.draftId, 'lina');

  const created = await h
    .http()
    .get('/api/catalogue/resources/GA-JD-001')
    .set(await h.as('zhangwei'));
  expect(created.body).toMatchObject({
    category: 'departmental',
    shareType: 'conditional',
    mode: 'verification',
    classification: 'internal',
    domains: ['transport'],
    items: [
      { name: '驾驶证号', kind: 'business' },
      { name: '准驾车型', kind: 'business' },
    ],
    conditions: [{ id: 'duty', question: '请说明使用该数据的法定职责' }],
  });
  const versions = await h
    .http()
    .get('/api/catalogue/resources/GA-RK-001/versions')
    .set(await h.as('zhangwei'));
  expect(versions.body.versions[0]).toMatchObject({
    version: 2,
    reason: '2026年度目录编制',
    changes: [{ field: 'summary', after: '全市实有人口的基础信息(2026年度核对)。' }],
  });
});

it('names every bad cell and entry by sheet, row and column, and stores nothing', async () => {
  const exported = await exportAs('wangfang');
  const before = await counts();
  // The items sheet's last row (its header is row 1): the rows below are added after it.
  const last = await lastRow(exported, '数据项 Items');
  const lastEntry = await lastRow(exported, '资源 Resources');
  const workbook = await edited(exported, {
    resources: [
      newRow({ 0: 'GA-JD-009', 5: '看情况共享' }), // not a sharing type
      newRow({ 0: 'GA-JD-002' }), // conditional, but no conditions
      newRow({ 0: 'WJ-ZZ-001', 3: 'health' }), // another department's
      newRow({ 0: 'GA-JD-003', 11: 'no-such-bureau' }), // an unknown recipient
    ],
    items: [
      ['GA-JD-009', '驾驶证号', '核心项'], // not an item kind
      ['GA-JD-002', '驾驶证号', '业务项'],
      ['GA-JD-003', '驾驶证号', '业务项'],
      ['WJ-ZZ-001', '诊疗记录', '业务项'],
      ['GA-ZZ-404', '孤儿数据项', '业务项'], // a resource not on the sheet
    ],
    conditions: [
      ['GA-JD-003', 'duty', '请说明法定职责'],
      ['WJ-ZZ-001', 'duty', '请说明法定职责'],
    ],
  });
  const res = await importAs('wangfang', workbook);
  expect(res.status).toBe(422);
  expect(res.body.error.code).toBe('invalid_catalogue_workbook');
  const where = res.body.error.details.map((d: { path: string; code: string }) => `${d.path} ${d.code}`);
  expect(where.sort()).toEqual(
    [
      `资源 Resources!F${lastEntry + 1} invalid_shareType`,
      `数据项 Items!C${last + 1} invalid_kind`,
      `资源 Resources!F${lastEntry + 2} invalid_entry`, // conditional without conditions: named at its sharing type
      `资源 Resources!D${lastEntry + 3} not_your_department`,
      `资源 Resources!L${lastEntry + 4} unknown_department`,
      `数据项 Items!A${last + 5} not_on_resource_sheet`,
    ].sort(),
  );
  expect(await counts()).toEqual(before);
  expect(
    await h.t.db('audit_log').where({ action: 'resource.import_refused', actor: 'wangfang' }),
  ).toHaveLength(1);
});

it('refuses a file that is not a workbook, an import without a reason, and a requester', async () => {
  const notWorkbook = await importAs('wangfang', Buffer.from('PK\u0003\u0004 not really'));
  expect([notWorkbook.status, notWorkbook.body.error.details[0]]).toEqual([
    422,
    expect.objectContaining({ path: 'file', code: 'not_a_workbook' }),
  ]);
  const exported = await exportAs('wangfang');
  const noReason = await importAs('wangfang', exported, null);
  expect(noReason.status).toBe(400);
  expect(noReason.body.error.details.map((d: { path: string }) => d.path)).toEqual(['reason']);
  const requester = await importAs('zhangwei', exported);
  expect(requester.status).toBe(403);
});
