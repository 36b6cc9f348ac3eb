/**
 * The first administrator of a new installation (BOOTSTRAP_ADMIN), made by
 * `npm run migrate` so that nobody writes SQL by hand: created, with a
 * department of their own if the directory has none of that code yet, or, if
 * they exist, activated and given the admin role. Running it again changes
 * nothing. Audited like any change to the directory, by the platform itself.
 */
import { applyChanges, readDirectory, type DirectoryChanges } from '../api/directory/directory-changes';
import type { Db } from '../db/connection';
import { DEFAULT_ADMIN_DEPARTMENT_NAME, type Config } from './config';

export async function bootstrapAdmin(
  db: Db,
  b: NonNullable<Config['bootstrapAdmin']>,
): Promise<'created' | 'promoted' | 'unchanged'> {
  const current = await readDirectory(db);
  const at = { path: (f: string) => f };
  const changes: DirectoryChanges = { departments: [], users: [] };
  if (!current.departments.has(b.department))
    changes.departments.push({
      next: {
        code: b.department,
        name: b.departmentName,
        nameEn:
          b.departmentName === DEFAULT_ADMIN_DEPARTMENT_NAME.zh
            ? DEFAULT_ADMIN_DEPARTMENT_NAME.en
            : b.departmentName,
        kind: 'city_department',
        parentCode: null,
        active: true,
      },
      at,
    });
  const existing = current.users.get(b.username);
  if (existing?.active && existing.roles.includes('admin')) return 'unchanged';
  changes.users.push({
    next: existing
      ? { ...existing, active: true, roles: [...new Set([...existing.roles, 'admin' as const])] }
      : {
          username: b.username,
          displayName: b.displayName,
          departmentCode: b.department,
          roles: ['admin'],
          email: null,
          phone: null,
          active: true,
          source: 'bootstrap',
        },
    at,
  });
  await applyChanges(
    db,
    current,
    changes,
    { username: null, department: null, roles: [], ip: null },
    'bootstrap',
  );
  return existing ? 'promoted' : 'created';
}
