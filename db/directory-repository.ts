/** Departments and users, as the API and activities read them. */
import type { Db } from './connection';
import type { DepartmentKind } from '../domain/directory/rules';
import type { Role } from '../domain/roles';

export interface Department {
  code: string;
  name: string;
  nameEn: string;
  kind: DepartmentKind;
  parentCode: string | null;
  /** A deactivated department stays for the history and the audit log; nobody new joins it. */
  active: boolean;
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
  return rows.map((r: Record<string, unknown>) => ({
    code: r.code as string,
    name: r.name as string,
    nameEn: r.name_en as string,
    kind: r.kind as Department['kind'],
    parentCode: (r.parent_code as string | null) ?? null,
    active: Boolean(r.active),
  }));
}

function asUser(r: Record<string, unknown>): Omit<User, 'roles'> {
  return {
    username: r.username as string,
    displayName: r.display_name as string,
    department: {
      code: r.department_code as string,
      name: r.department_name as string,
      nameEn: r.department_name_en as string,
    },
  };
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
    ...asUser(r),
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

/**
 * An active user with their department and roles, in one query: every authenticated request
 * reads it, so a role withdrawn or an account deactivated counts from the person's next request.
 */
export async function findUser(db: Db, username: string): Promise<User | null> {
  const rows: Record<string, unknown>[] = await userQuery(db)
    .leftJoin('user_roles', 'user_roles.username', 'users.username')
    .andWhere('users.username', username)
    .select('user_roles.role')
    .orderBy('user_roles.role');
  if (rows.length === 0) return null;
  return {
    ...asUser(rows[0]),
    roles: rows.flatMap((r) => (r.role ? [r.role as Role] : [])),
  };
}

export async function listUsers(db: Db): Promise<User[]> {
  return withRoles(db, await userQuery(db).orderBy(['users.department_code', 'users.username']));
}

/** A problem for each listed code that names no department, or a deactivated one, e.g. {path: "departments[1]", message: "no department x"}. */
export async function unknownDepartments(
  db: Db,
  codes: string[],
  field: string,
): Promise<{ path: string; code?: string; params?: Record<string, string | number>; message: string }[]> {
  const known = new Map((await listDepartments(db)).map((d) => [d.code, d]));
  return codes.flatMap((code, i) => {
    const d = known.get(code);
    if (d?.active) return [];
    return [
      d
        ? {
            path: `${field}[${i}]`,
            code: 'department_inactive',
            params: { code },
            message: `${code} is deactivated`,
          }
        : {
            path: `${field}[${i}]`,
            code: 'unknown_department',
            params: { code },
            message: `no department ${code}`,
          },
    ];
  });
}

/** A user as the directory's administrators see them: contact details, whether active, and where the row came from. */
export interface DirectoryUser {
  username: string;
  displayName: string;
  departmentCode: string;
  roles: Role[];
  email: string | null;
  phone: string | null;
  active: boolean;
  source: string;
}

/** Every user, the deactivated included, with their roles; `username` limits it to one. */
export async function listDirectoryUsers(db: Db, username?: string): Promise<DirectoryUser[]> {
  const q = db('users').orderBy(['department_code', 'username']);
  if (username !== undefined) q.where('username', username);
  const rows = await q;
  if (rows.length === 0) return [];
  const roles = await (
    username !== undefined ? db('user_roles').where('username', username) : db('user_roles')
  ).orderBy('role');
  const byUser = new Map<string, Role[]>();
  for (const r of roles as { username: string; role: Role }[])
    byUser.set(r.username, [...(byUser.get(r.username) ?? []), r.role]);
  return rows.map((r: Record<string, unknown>) => ({
    username: r.username as string,
    displayName: r.display_name as string,
    departmentCode: r.department_code as string,
    roles: byUser.get(r.username as string) ?? [],
    email: (r.email as string | null) ?? null,
    phone: (r.phone as string | null) ?? null,
    active: Boolean(r.active),
    source: r.source as string,
  }));
}

export async function findDirectoryUser(db: Db, username: string): Promise<DirectoryUser | null> {
  return (await listDirectoryUsers(db, username))[0] ?? null;
}

/** Inserts or updates a department, in `trx` when given. */
export async function saveDepartment(db: Db, d: Department, now = Date.now()): Promise<void> {
  const row = {
    name: d.name,
    name_en: d.nameEn,
    kind: d.kind,
    parent_code: d.parentCode,
    active: d.active,
    updated_at_ms: now,
  };
  const updated = await db('departments').where('code', d.code).update(row);
  if (!updated) await db('departments').insert({ code: d.code, ...row, created_at_ms: now });
}

/** Inserts or updates a user and sets their roles to exactly `u.roles`. Run it in a transaction. */
export async function saveUser(db: Db, u: DirectoryUser, now = Date.now()): Promise<void> {
  const row = {
    display_name: u.displayName,
    department_code: u.departmentCode,
    email: u.email,
    phone: u.phone,
    active: u.active,
    updated_at_ms: now,
  };
  const updated = await db('users').where('username', u.username).update(row);
  if (!updated)
    await db('users').insert({ username: u.username, ...row, source: u.source, created_at_ms: now });
  await db('user_roles').where('username', u.username).delete();
  if (u.roles.length)
    await db('user_roles').insert([...new Set(u.roles)].map((role) => ({ username: u.username, role })));
}
