/**
 * The directory as a spreadsheet, the way a city hands over its organisation
 * chart: a sheet of departments and a sheet of users. An import is read and
 * checked row by row (every bad cell named by sheet, row and column), then
 * checked as a whole with the same rules as the forms; nothing is stored
 * unless every row passes. Re-importing an export changes nothing.
 */
import ExcelJS from 'exceljs';
import type { ZodType } from 'zod';
import type { Department, DirectoryUser } from '../../db/directory-repository';
import { DEPARTMENT_KINDS, parseRoles, type DepartmentKind } from '../../domain/directory/rules';
import { ROLE_NAMES, ROLES, type Role } from '../../domain/roles';
import { hasVisibleText } from '../../domain/text/visible';
import { DepartmentCodeSchema, EmailSchema, PhoneSchema, UsernameSchema } from './administration-schemas';
import type { ChangeAt, DirectoryChanges } from './directory-changes';

export const DEPARTMENT_SHEET = '部门 Departments';
export const USER_SHEET = '用户 Users';

interface Column {
  key: string;
  header: string;
  width: number;
}

const DEPARTMENT_COLUMNS: Column[] = [
  { key: 'code', header: '编码 code', width: 24 },
  { key: 'name', header: '名称 name', width: 28 },
  { key: 'nameEn', header: '英文名称 nameEn', width: 44 },
  { key: 'kind', header: '类型 kind', width: 16 },
  { key: 'parentCode', header: '上级编码 parentCode', width: 22 },
  { key: 'active', header: '状态 active', width: 12 },
];

const USER_COLUMNS: Column[] = [
  { key: 'username', header: '用户名 username', width: 18 },
  { key: 'displayName', header: '姓名 displayName', width: 14 },
  { key: 'departmentCode', header: '部门编码 departmentCode', width: 24 },
  { key: 'roles', header: '角色 roles', width: 36 },
  { key: 'email', header: '电子邮箱 email', width: 32 },
  { key: 'phone', header: '电话 phone', width: 18 },
  { key: 'active', header: '状态 active', width: 12 },
];

/** The names of department kinds in the sheet; codes are read too. */
const KIND_NAMES: Record<DepartmentKind, string> = {
  city_department: '市直部门',
  county: '县(区)',
  county_department: '县(区)部门',
};
const ACTIVE = '有效';
const INACTIVE = '停用';

/** A cell's problem: where it is, what is wrong, and the values the app needs to say it. */
export interface SheetProblem {
  path: string;
  code: string;
  message: string;
  params: Record<string, string | number>;
}

const letter = (i: number) => String.fromCharCode(65 + i);

export async function directoryWorkbook(departments: Department[], users: DirectoryUser[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'govshare';
  const sheet = (name: string, columns: Column[], rows: Record<string, string>[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({ key: c.key, header: c.header, width: c.width }));
    ws.getRow(1).font = { bold: true };
    for (const r of rows) ws.addRow(r);
  };
  sheet(
    DEPARTMENT_SHEET,
    DEPARTMENT_COLUMNS,
    departments.map((d) => ({
      code: d.code,
      name: d.name,
      nameEn: d.nameEn,
      kind: KIND_NAMES[d.kind],
      parentCode: d.parentCode ?? '',
      active: d.active ? ACTIVE : INACTIVE,
    })),
  );
  sheet(
    USER_SHEET,
    USER_COLUMNS,
    users.map((u) => ({
      username: u.username,
      displayName: u.displayName,
      departmentCode: u.departmentCode,
      roles: u.roles.join(', '),
      email: u.email ?? '',
      phone: u.phone ?? '',
      active: u.active ? ACTIVE : INACTIVE,
    })),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Reads an uploaded workbook into a batch of changes. Rows are keyed by code
 * and username: a row for an existing one changes it, a new one creates it;
 * departments and users the file leaves out are left as they are. `source`
 * is what a created user records as where they came from.
 */
export async function readDirectoryWorkbook(
  bytes: Buffer,
  existingUsers: ReadonlyMap<string, DirectoryUser>,
): Promise<{ changes: DirectoryChanges; problems: SheetProblem[] }> {
  const problems: SheetProblem[] = [];
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return {
      changes: { departments: [], users: [] },
      problems: [{ path: 'file', code: 'not_a_workbook', message: 'is not an XLSX workbook', params: {} }],
    };
  }
  const changes: DirectoryChanges = { departments: [], users: [] };

  const rowsOf = (name: string, columns: Column[]) => {
    const ws = wb.getWorksheet(name);
    if (!ws) {
      problems.push({
        path: name,
        code: 'sheet_missing',
        message: `the workbook has no sheet "${name}"; export the directory for a template`,
        params: { sheet: name },
      });
      return [];
    }
    const header = ws.getRow(1);
    columns.forEach((c, i) => {
      const text = header.getCell(i + 1).text.trim();
      if (!text.toLowerCase().includes(c.key.toLowerCase()))
        problems.push({
          path: `${name}!${letter(i)}1`,
          code: 'column_missing',
          message: `column ${letter(i)} must be "${c.header}" (found "${text}")`,
          params: { sheet: name, row: 1, column: letter(i), header: c.header },
        });
    });
    const out: { row: number; cell: (key: string) => string; at: (key: string) => ChangeAt }[] = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const cells = columns.map((_, i) => row.getCell(i + 1).text.trim());
      if (cells.every((c) => c === '')) return;
      const index = (key: string) => columns.findIndex((c) => c.key === key);
      out.push({
        row: n,
        cell: (key) => cells[index(key)],
        at: () => ({
          path: (field) => `${name}!${letter(Math.max(index(field), 0))}${n}`,
          params: { sheet: name, row: n },
        }),
      });
    });
    return out;
  };

  const checkCell = <T>(
    sheet: string,
    columns: Column[],
    row: number,
    key: string,
    value: string,
    rule: (v: string) => { ok: true; value: T } | { ok: false; code: string; message: string },
  ): T | undefined => {
    const result = rule(value);
    if (result.ok) return result.value;
    const col = letter(columns.findIndex((c) => c.key === key));
    problems.push({
      path: `${sheet}!${col}${row}`,
      code: result.code,
      message: `${sheet} row ${row}, column ${col} (${key}): ${result.message}`,
      params: { sheet, row, column: col, field: key },
    });
    return undefined;
  };
  const text =
    (max: number, required = true) =>
    (v: string) =>
      v === ''
        ? required
          ? { ok: false as const, code: 'cell_required', message: 'is required' }
          : { ok: true as const, value: null }
        : !hasVisibleText(v)
          ? { ok: false as const, code: 'cell_not_visible', message: 'holds no visible characters' }
          : v.length > max
            ? { ok: false as const, code: 'cell_too_long', message: `is longer than ${max} characters` }
            : { ok: true as const, value: v };
  const bySchema =
    (schema: ZodType, optional = false) =>
    (v: string) => {
      if (v === '' && optional) return { ok: true as const, value: null };
      const r = schema.safeParse(v);
      return r.success
        ? { ok: true as const, value: r.data as string }
        : {
            ok: false as const,
            code: v === '' ? 'cell_required' : 'invalid_format',
            message: r.error.issues[0].message,
          };
    };
  const status = (v: string) =>
    v === '' || v === ACTIVE || /^(true|active|yes)$/i.test(v)
      ? { ok: true as const, value: true }
      : v === INACTIVE || /^(false|inactive|no)$/i.test(v)
        ? { ok: true as const, value: false }
        : { ok: false as const, code: 'invalid_status', message: `must be ${ACTIVE} or ${INACTIVE}` };
  const kind = (v: string) => {
    const normalized = v.replace(/（/g, '(').replace(/）/g, ')');
    const found =
      DEPARTMENT_KINDS.find((k) => k === normalized) ??
      DEPARTMENT_KINDS.find((k) => KIND_NAMES[k] === normalized);
    return found
      ? { ok: true as const, value: found }
      : {
          ok: false as const,
          code: 'invalid_kind',
          message: `must be one of ${DEPARTMENT_KINDS.map((k) => `${KIND_NAMES[k]} (${k})`).join(', ')}`,
        };
  };
  const roleNameToRole = new Map<string, Role>(ROLES.map((r) => [ROLE_NAMES[r].zh, r]));
  const roles = (v: string) => {
    const { roles: known, unknown } = parseRoles(v);
    const named = unknown.map((w) => roleNameToRole.get(w));
    const bad = unknown.filter((_, i) => !named[i]);
    return bad.length
      ? {
          ok: false as const,
          code: 'unknown_role',
          message: `${bad.join(', ')}: not a role (roles: ${ROLES.join(', ')})`,
        }
      : { ok: true as const, value: [...new Set([...known, ...(named as Role[])])] };
  };

  const seenDepartments = new Set<string>();
  for (const r of rowsOf(DEPARTMENT_SHEET, DEPARTMENT_COLUMNS)) {
    const cell = (key: string, rule: Parameters<typeof checkCell>[5]) =>
      checkCell(DEPARTMENT_SHEET, DEPARTMENT_COLUMNS, r.row, key, r.cell(key), rule);
    const code = cell('code', bySchema(DepartmentCodeSchema)) as string | undefined;
    const name = cell('name', text(100)) as string | undefined;
    const nameEn = cell('nameEn', text(150)) as string | undefined;
    const k = cell('kind', kind) as DepartmentKind | undefined;
    const parent = cell('parentCode', bySchema(DepartmentCodeSchema, true)) as string | null | undefined;
    const active = cell('active', status) as boolean | undefined;
    if (code && seenDepartments.has(code))
      cell('code', () => ({ ok: false, code: 'duplicate', message: `${code} is on an earlier row too` }));
    if (code) seenDepartments.add(code);
    if (code && name && nameEn && k && parent !== undefined && active !== undefined)
      changes.departments.push({
        next: { code, name, nameEn, kind: k, parentCode: parent, active },
        at: r.at('code'),
      });
  }

  const seenUsers = new Set<string>();
  for (const r of rowsOf(USER_SHEET, USER_COLUMNS)) {
    const cell = (key: string, rule: Parameters<typeof checkCell>[5]) =>
      checkCell(USER_SHEET, USER_COLUMNS, r.row, key, r.cell(key), rule);
    const username = cell('username', bySchema(UsernameSchema)) as string | undefined;
    const displayName = cell('displayName', text(100)) as string | undefined;
    const departmentCode = cell('departmentCode', bySchema(DepartmentCodeSchema)) as string | undefined;
    const userRoles = cell('roles', roles) as Role[] | undefined;
    const email = cell('email', bySchema(EmailSchema, true)) as string | null | undefined;
    const phone = cell('phone', bySchema(PhoneSchema, true)) as string | null | undefined;
    const active = cell('active', status) as boolean | undefined;
    if (username && seenUsers.has(username))
      cell('username', () => ({
        ok: false,
        code: 'duplicate',
        message: `${username} is on an earlier row too`,
      }));
    if (username) seenUsers.add(username);
    if (
      username &&
      displayName &&
      departmentCode &&
      userRoles &&
      email !== undefined &&
      phone !== undefined &&
      active !== undefined
    )
      changes.users.push({
        next: {
          username,
          displayName,
          departmentCode,
          roles: userRoles,
          email,
          phone,
          active,
          source: existingUsers.get(username)?.source ?? 'import',
        },
        at: r.at('username'),
      });
  }
  return { changes, problems };
}
