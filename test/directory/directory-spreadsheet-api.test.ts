/**
 * The directory handed over as a spreadsheet: exported, edited in Excel and
 * imported again. Every bad cell is named by sheet, row and column, and
 * nothing is stored unless every row passes; re-importing the export changes
 * nothing.
 */
import ExcelJS from 'exceljs';
import { useApiHarness } from '../support/api-harness';
import { httpCases } from '../support/http-cases';

const h = useApiHarness();

async function exportAs(who: string): Promise<Buffer> {
  const res = await httpCases(h).download(who, '/api/directory/export.xlsx');
  expect(res.status).toBe(200);
  expect(res.headers['content-disposition']).toMatch(/directory-\d{4}-\d{2}-\d{2}\.xlsx/);
  return res.body as Buffer;
}

async function importAs(who: string, bytes: Buffer) {
  return h
    .http()
    .post('/api/directory/import')
    .set(await h.as(who))
    .attach('file', bytes, {
      filename: '组织机构.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
}

/** The export with rows appended: departments [code, name, nameEn, kind, parent, status], users [username, name, dept, roles, email, phone, status]. */
async function withRows(base: Buffer, departments: string[][], users: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(base as unknown as ArrayBuffer);
  for (const r of departments) wb.getWorksheet('部门 Departments')!.addRow(r);
  for (const r of users) wb.getWorksheet('用户 Users')!.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const snapshot = async () => ({
  departments: await h.t
    .db('departments')
    .orderBy('code')
    .select('code', 'name', 'kind', 'parent_code', 'active'),
  users: await h.t
    .db('users')
    .orderBy('username')
    .select('username', 'display_name', 'department_code', 'email', 'active'),
  roles: await h.t.db('user_roles').orderBy(['username', 'role']),
});

it('re-importing the export changes nothing', async () => {
  const before = await snapshot();
  const res = await importAs('admin', await exportAs('admin'));
  expect(res.status).toBe(200);
  expect(res.body.departments).toEqual({ created: 0, updated: 0, unchanged: before.departments.length });
  expect(res.body.users).toEqual({ created: 0, updated: 0, unchanged: before.users.length });
  expect(await snapshot()).toEqual(before);
  expect(await h.t.db('audit_log').where('action', 'like', 'directory.%_update').count({ n: '*' })).toEqual([
    { n: 0 },
  ]);
});

it('a workbook with bad rows is refused with every bad cell named, and nothing is stored', async () => {
  const before = await snapshot();
  const bad = await withRows(
    await exportAs('admin'),
    [
      ['yanbian-health', '盐边县卫生健康局', 'Yanbian County Health Bureau', '县(区)部门', 'yanbian', '有效'],
      ['loop', '自环', 'Loop', '市直部门', 'loop', '有效'],
    ],
    [
      ['wuli', '吴立', 'yanbian-health', 'requester', 'wuli@yanbian.example', '', '有效'],
      ['zhaoxue', '赵雪', 'nowhere', 'requester', '', '', '有效'],
      ['qianhao', '钱浩', 'health', 'requester, overlord', '', '', '有效'],
      ['sunyu', '孙宇', 'health', 'requester', 'not-an-address', '', '有效'],
    ],
  );
  const res = await importAs('admin', bad);
  expect(res.status).toBe(422);
  const cells = res.body.error.details.map((d: { path: string; code: string }) => [d.path, d.code]);
  const dRow = (await h.t.db('departments').count({ n: '*' }))[0].n as number;
  const uRow = (await h.t.db('users').count({ n: '*' }))[0].n as number;
  // Rows after the exported ones: the users' sheet has a header and one row per user.
  expect(cells).toEqual(
    expect.arrayContaining([
      [`用户 Users!D${Number(uRow) + 4}`, 'unknown_role'],
      [`用户 Users!E${Number(uRow) + 5}`, 'invalid_format'],
    ]),
  );
  expect(res.body.error.message).toMatch(/row \d+, column D \(roles\): overlord: not a role/);
  expect(await snapshot()).toEqual(before);

  // Cells that read well, but break the directory's rules, are named by row and column too.
  const ruleBreaking = await withRows(
    await exportAs('admin'),
    [['loop', '自环', 'Loop', '县(区)部门', 'loop', '有效']],
    [['zhaoxue', '赵雪', 'nowhere', 'requester', '', '', '有效']],
  );
  const refused = await importAs('admin', ruleBreaking);
  expect(refused.status).toBe(422);
  expect(refused.body.error.details).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ path: `部门 Departments!E${Number(dRow) + 2}`, code: 'parent_is_itself' }),
      expect.objectContaining({ path: `用户 Users!C${Number(uRow) + 2}`, code: 'unknown_department' }),
    ]),
  );
  expect(await snapshot()).toEqual(before);
});

it('a good workbook adds its rows in one go, and importing it again changes nothing', async () => {
  const good = await withRows(
    await exportAs('admin'),
    [['yanbian-health', '盐边县卫生健康局', 'Yanbian County Health Bureau', '县(区)部门', 'yanbian', '有效']],
    [
      [
        'wuli',
        '吴立',
        'yanbian-health',
        '使用部门经办人、data_steward',
        'wuli@yanbian.example',
        '0812-8881234',
        '有效',
      ],
    ],
  );
  const res = await importAs('admin', good);
  expect(res.status).toBe(200);
  expect(res.body.departments).toMatchObject({ created: 1, updated: 0 });
  expect(res.body.users).toMatchObject({ created: 1, updated: 0 });
  const me = await h
    .http()
    .get('/api/me')
    .set(await h.as('wuli'));
  expect(me.body).toMatchObject({
    department: { code: 'yanbian-health' },
    roles: ['data_steward', 'requester'],
  });
  const again = await importAs('admin', await exportAs('admin'));
  expect(again.body.departments.created + again.body.departments.updated).toBe(0);
  expect(again.body.users.created + again.body.users.updated).toBe(0);
  const audit = await h.t.db('audit_log').where({ action: 'directory.import' }).orderBy('seq');
  expect(audit.length).toBe(3);
  expect(JSON.parse(audit[1].detail)).toMatchObject({ users: { created: 1 } });
});

it('a county administrator exports and imports their county only', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await exportAs('hegang')) as unknown as ArrayBuffer);
  const codes: string[] = [];
  wb.getWorksheet('部门 Departments')!.eachRow((r, n) => n > 1 && codes.push(r.getCell(1).text));
  expect(codes.sort()).toEqual(['renhe', 'renhe-civil-affairs']);
  const outside = await withRows(
    await exportAs('hegang'),
    [],
    [['wangbo', '王博', 'miyi', 'requester', '', '', '有效']],
  );
  const res = await importAs('hegang', outside);
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe('outside_county');
  expect(await h.t.db('users').where({ username: 'wangbo' }).first()).toBeUndefined();
});

it('a file that is not a workbook, or lacks the sheets, is a 4xx naming it', async () => {
  const notXlsx = await h
    .http()
    .post('/api/directory/import')
    .set(await h.as('admin'))
    .attach('file', Buffer.from('PK\u0003\u0004 not really'), { filename: 'x.xlsx' });
  expect(notXlsx.status).toBe(422);
  expect(notXlsx.body.error.details[0]).toMatchObject({ path: 'file', code: 'not_a_workbook' });
  const empty = new ExcelJS.Workbook();
  empty.addWorksheet('Sheet1');
  const noSheets = await importAs('admin', Buffer.from(await empty.xlsx.writeBuffer()));
  expect(noSheets.status).toBe(422);
  expect(noSheets.body.error.details.map((d: { code: string }) => d.code)).toEqual([
    'sheet_missing',
    'sheet_missing',
  ]);
});
