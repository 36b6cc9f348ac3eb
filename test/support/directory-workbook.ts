/** A directory workbook as a city writes one by hand: the two sheets and header rows the import reads, then raw rows. */
import ExcelJS from 'exceljs';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * `departments`: rows of [code, name, nameEn, kind, parentCode, status];
 * `users`: rows of [username, displayName, departmentCode, roles, email, phone, status].
 */
export async function handWrittenDirectory(rows: {
  departments?: string[][];
  users?: string[][];
}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const d = wb.addWorksheet('部门 Departments');
  d.addRow(['编码 code', '名称 name', '英文名称 nameEn', '类型 kind', '上级编码 parentCode', '状态 active']);
  for (const r of rows.departments ?? []) d.addRow(r);
  const u = wb.addWorksheet('用户 Users');
  u.addRow([
    '用户名 username',
    '姓名 displayName',
    '部门编码 departmentCode',
    '角色 roles',
    '电子邮箱 email',
    '电话 phone',
    '状态 active',
  ]);
  for (const r of rows.users ?? []) u.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
