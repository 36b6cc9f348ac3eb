/** Departments and users, as the API and activities read them. */
import type { Db } from './connection';
import type { Role } from '../domain/roles';

export interface Department {
  code: string;
  name: string;
  nameEn: string;
  kind: 'city_department' | 'county';
  parentCode: string | null;
}

export interface User {
  username: string;
  displayName: string;
  department: { code: string; name: string; nameEn: string };
  roles: Role[];
}

export async function getDepartment(db: Db, code: string): Promise<Department | null> {
  return (await listDepartments(db)).find((d) => d.code === code) ?? null;
}

export async function listDepartments(db: Db): Promise<Department[]> {
  const rows = await db('departments').orderBy([{ column: 'kind' }, { column: 'code' }]);
  return rows.map((r: Record<string, string | null>) => ({
    code: r.code as string,
    name: r.name as string,
    nameEn: r.name_en as string,
    kind: r.kind as Department['kind'],
    parentCode: r.parent_code,
  }));
}

async function withRoles(db: Db, rows: Record<string, unknown>[]): Promise<User[]> {
  if (rows.length === 0) return [];
  const roles = await db('user_roles')
    .whereIn(
      'username',
      rows.map((r) => r.username as string),
    )
    .orderBy('role');
  return rows.map((r) => ({
    username: r.username as string,
    displayName: r.display_name as string,
    department: {
      code: r.department_code as string,
      name: r.department_name as string,
      nameEn: r.department_name_en as string,
    },
    roles: roles
      .filter((x: { username: string }) => x.username === r.username)
      .map((x: { role: Role }) => x.role),
  }));
}

function userQuery(db: Db) {
  return db('users')
    .join('departments', 'departments.code', 'users.department_code')
    .where('users.active', true)
    .select(
      'users.username',
      'users.display_name',
      'users.department_code',
      'departments.name as department_name',
      'departments.name_en as department_name_en',
    );
}

export async function findUser(db: Db, username: string): Promise<User | null> {
  const row = await userQuery(db).andWhere('users.username', username).first();
  return row ? (await withRoles(db, [row]))[0] : null;
}

export async function listUsers(db: Db): Promise<User[]> {
  return withRoles(db, await userQuery(db).orderBy(['users.department_code', 'users.username']));
}

/** A problem for each listed code that names no department, e.g. {path: "departments[1]", message: "no department x"}. */
export async function unknownDepartments(
  db: Db,
  codes: string[],
  field: string,
): Promise<{ path: string; code?: string; params?: Record<string, string | number>; message: string }[]> {
  const known = new Set((await listDepartments(db)).map((d) => d.code));
  return codes.flatMap((code, i) =>
    known.has(code)
      ? []
      : [
          {
            path: `${field}[${i}]`,
            code: 'unknown_department',
            params: { code },
            message: `no department ${code}`,
          },
        ],
  );
}
