/**
 * The directory as a spreadsheet, the way a city hands over its organisation
 * chart: a sheet of departments and a sheet of users. An import is read and
 * checked row by row (every bad cell named by sheet, row and column), then
 * checked as a whole with the same rules as the forms; nothing is stored
 * unless every row passes. Re-importing an export changes nothing.
 */
import type { Department, DirectoryUser } from '../../db/directory-repository';
import { DEPARTMENT_KINDS, parseRoles, type DepartmentKind } from '../../domain/directory/rules';
import { ROLE_NAMES, ROLES, type Role } from '../../domain/roles';
import { DepartmentCodeSchema, EmailSchema, PhoneSchema, UsernameSchema } from './administration-schemas';
import type { ChangeAt, DirectoryChanges } from './directory-changes';
import {
  choiceCell,
  schemaCell,
  textCell,
  WorkbookReader,
  writeWorkbook,
  type CellRule,
  type Column,
  type SheetProblem,
  type SheetRow,
} from '../http/workbook';

export type { SheetProblem };

export const DEPARTMENT_SHEET = '部门 Departments';
export const USER_SHEET = '用户 Users';

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

export async function directoryWorkbook(departments: Department[], users: DirectoryUser[]): Promise<Buffer> {
  return writeWorkbook([
    {
      name: DEPARTMENT_SHEET,
      columns: DEPARTMENT_COLUMNS,
      rows: departments.map((d) => ({
        code: d.code,
        name: d.name,
        nameEn: d.nameEn,
        kind: KIND_NAMES[d.kind],
        parentCode: d.parentCode ?? '',
        active: d.active ? ACTIVE : INACTIVE,
      })),
    },
    {
      name: USER_SHEET,
      columns: USER_COLUMNS,
      rows: users.map((u) => ({
        username: u.username,
        displayName: u.displayName,
        departmentCode: u.departmentCode,
        roles: u.roles.join(', '),
        email: u.email ?? '',
        phone: u.phone ?? '',
        active: u.active ? ACTIVE : INACTIVE,
      })),
    },
  ]);
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
  const reader = await WorkbookReader.load(bytes);
  const changes: DirectoryChanges = { departments: [], users: [] };
  const TEMPLATE = 'export the directory for a template';
  const at = (sheet: string, columns: Column[], r: SheetRow): ChangeAt => ({
    path: (field) => WorkbookReader.at(sheet, columns, r.row, field),
    params: { sheet, row: r.row },
  });
  const status: CellRule<boolean> = (v) =>
    v === '' || v === ACTIVE || /^(true|active|yes)$/i.test(v)
      ? { ok: true, value: true }
      : v === INACTIVE || /^(false|inactive|no)$/i.test(v)
        ? { ok: true, value: false }
        : { ok: false, code: 'invalid_status', message: `must be ${ACTIVE} or ${INACTIVE}` };
  const kind = choiceCell(DEPARTMENT_KINDS, KIND_NAMES, 'invalid_kind');
  const roleNameToRole = new Map<string, Role>(ROLES.map((r) => [ROLE_NAMES[r].zh, r]));
  const roles: CellRule<Role[]> = (v) => {
    const { roles: known, unknown } = parseRoles(v);
    const named = unknown.map((w) => roleNameToRole.get(w));
    const bad = unknown.filter((_, i) => !named[i]);
    return bad.length
      ? {
          ok: false,
          code: 'unknown_role',
          message: `${bad.join(', ')}: not a role (roles: ${ROLES.join(', ')})`,
        }
      : { ok: true, value: [...new Set([...known, ...(named as Role[])])] };
  };

  const seenDepartments = new Set<string>();
  for (const r of reader.rows(DEPARTMENT_SHEET, DEPARTMENT_COLUMNS, TEMPLATE)) {
    const cell = <T>(key: string, rule: CellRule<T>) =>
      reader.cell(DEPARTMENT_SHEET, DEPARTMENT_COLUMNS, r, key, rule);
    const code = cell('code', schemaCell(DepartmentCodeSchema));
    const name = cell('name', textCell(100));
    const nameEn = cell('nameEn', textCell(150));
    const k: DepartmentKind | undefined = cell('kind', kind);
    const parent = cell('parentCode', schemaCell(DepartmentCodeSchema, true));
    const active = cell('active', status);
    if (code && seenDepartments.has(code))
      reader.refuse(
        DEPARTMENT_SHEET,
        DEPARTMENT_COLUMNS,
        r.row,
        'code',
        'duplicate',
        `${code} is on an earlier row too`,
      );
    if (code) seenDepartments.add(code);
    if (code && name && nameEn && k && parent !== undefined && active !== undefined)
      changes.departments.push({
        next: { code, name, nameEn, kind: k, parentCode: parent, active },
        at: at(DEPARTMENT_SHEET, DEPARTMENT_COLUMNS, r),
      });
  }

  const seenUsers = new Set<string>();
  for (const r of reader.rows(USER_SHEET, USER_COLUMNS, TEMPLATE)) {
    const cell = <T>(key: string, rule: CellRule<T>) => reader.cell(USER_SHEET, USER_COLUMNS, r, key, rule);
    const username = cell('username', schemaCell(UsernameSchema));
    const displayName = cell('displayName', textCell(100));
    const departmentCode = cell('departmentCode', schemaCell(DepartmentCodeSchema));
    const userRoles = cell('roles', roles);
    const email = cell('email', schemaCell(EmailSchema, true));
    const phone = cell('phone', schemaCell(PhoneSchema, true));
    const active = cell('active', status);
    if (username && seenUsers.has(username))
      reader.refuse(
        USER_SHEET,
        USER_COLUMNS,
        r.row,
        'username',
        'duplicate',
        `${username} is on an earlier row too`,
      );
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
        at: at(USER_SHEET, USER_COLUMNS, r),
      });
  }
  return { changes, problems: reader.problems };
}
