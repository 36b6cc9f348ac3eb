/**
 * Every change to the directory goes through here, whoever makes it: an
 * administrator's form, a spreadsheet import, a first sign-in through the
 * identity provider, the bootstrap administrator. A batch of changes is
 * checked as a whole against the directory it would produce, and written in
 * one transaction with an audit entry for each department or user that
 * changes (field by field, roles included), or not at all.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connection';
import {
  listDepartments,
  listDirectoryUsers,
  saveDepartment,
  saveUser,
  type Department,
  type DirectoryUser,
} from '../../db/directory-repository';
import { appendAudit } from '../../db/log-repository';
import { countyOf, departmentProblems, isCityRole } from '../../domain/directory/rules';
import type { Role } from '../../domain/roles';

/** Who makes a change: a signed-in user (with their scope), or the platform itself (bootstrap, sign-in). */
export interface ChangeActor {
  username: string | null;
  department: string | null;
  roles: readonly Role[];
  ip: string | null;
}

/** Where a change came from, for its problems to name: a form's field, or a spreadsheet's row. */
export interface ChangeAt {
  /** Prefix for the problem's path, e.g. "" for a form or "用户!7" for a row. */
  path: (field: string) => string;
  params?: Record<string, string | number>;
}

export interface DirectoryChangeProblem {
  path: string;
  code: string;
  message: string;
  params?: Record<string, string | number>;
  /** What kind of refusal: a rule of the directory, the actor's scope, or the directory's state. */
  kind: 'invalid' | 'forbidden' | 'conflict';
}

export interface DirectoryChanges {
  departments: { next: Department; at: ChangeAt }[];
  users: { next: DirectoryUser; at: ChangeAt }[];
}

export interface AppliedCounts {
  created: number;
  updated: number;
  unchanged: number;
}

const DEPARTMENT_FIELDS = ['name', 'nameEn', 'kind', 'parentCode', 'active'] as const;
const USER_FIELDS = ['displayName', 'departmentCode', 'roles', 'email', 'phone', 'active'] as const;

function diff<T extends object>(before: T | undefined, after: T, fields: readonly (keyof T)[]) {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const f of fields) {
    const a = before?.[f] ?? null;
    const b = after[f] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[String(f)] = [a, b];
  }
  return changes;
}

/** The county an administrator acts for: none for an administrator (the whole city), else their own. */
export function actorCounty(
  actor: ChangeActor,
  all: ReadonlyMap<string, Department>,
): string | null | 'city' {
  if (actor.username === null || actor.roles.includes('admin')) return 'city';
  if (actor.roles.includes('county_admin') && actor.department) return countyOf(actor.department, all);
  return null;
}

export async function readDirectory(db: Db) {
  const [departments, users] = await Promise.all([listDepartments(db), listDirectoryUsers(db)]);
  return {
    departments: new Map(departments.map((d) => [d.code, d])),
    users: new Map(users.map((u) => [u.username, u])),
  };
}

/** The problems of a batch; none means it may be written. */
export function checkChanges(
  current: Awaited<ReturnType<typeof readDirectory>>,
  changes: DirectoryChanges,
  actor: ChangeActor,
): DirectoryChangeProblem[] {
  const problems: DirectoryChangeProblem[] = [];
  const after = new Map(current.departments);
  for (const c of changes.departments) after.set(c.next.code, c.next);
  const usersAfter = new Map(current.users);
  for (const c of changes.users) usersAfter.set(c.next.username, c.next);
  const scope = actorCounty(actor, current.departments);
  const add = (at: ChangeAt, field: string, p: Omit<DirectoryChangeProblem, 'path'>) =>
    problems.push({ ...p, path: at.path(field), params: { ...at.params, ...p.params } });

  for (const { next, at } of changes.departments) {
    const before = current.departments.get(next.code);
    for (const p of departmentProblems(next, after)) add(at, p.field, { ...p, kind: 'invalid' });
    if (scope !== 'city') {
      const inside = (d: Department | undefined) =>
        !d || (d.kind === 'county_department' && scope !== null && countyOf(d.code, after) === scope);
      if (!inside(next) || (before && !(before.kind === 'county_department' && before.parentCode === scope)))
        add(at, 'code', {
          code: 'outside_county',
          message: `a county administrator keeps only the departments of their own county or district (${scope ?? 'none'})`,
          params: { county: scope ?? '' },
          kind: 'forbidden',
        });
    }
    if (!next.active && (!before || before.active)) {
      const members = [...usersAfter.values()].filter(
        (u) => u.active && u.departmentCode === next.code,
      ).length;
      const children = [...after.values()].filter((d) => d.active && d.parentCode === next.code).length;
      if (members || children)
        add(at, 'active', {
          code: 'department_in_use',
          message: `cannot be deactivated while it has ${members} active users and ${children} active departments; move or deactivate them first`,
          params: { users: members, departments: children },
          kind: 'conflict',
        });
    }
  }

  for (const { next, at } of changes.users) {
    const before = current.users.get(next.username);
    const dept = after.get(next.departmentCode);
    if (!dept)
      add(at, 'departmentCode', {
        code: 'unknown_department',
        message: `no department ${next.departmentCode}`,
        params: { code: next.departmentCode },
        kind: 'invalid',
      });
    else if (!dept.active && next.active)
      add(at, 'departmentCode', {
        code: 'department_inactive',
        message: `${next.departmentCode} is deactivated`,
        params: { code: next.departmentCode },
        kind: 'invalid',
      });
    if (scope !== 'city') {
      const inCounty = (code: string | undefined) =>
        code !== undefined && scope !== null && countyOf(code, after) === scope;
      if (!inCounty(next.departmentCode) || (before && !inCounty(before.departmentCode)))
        add(at, 'departmentCode', {
          code: 'outside_county',
          message: `a county administrator keeps only the users of their own county or district (${scope ?? 'none'})`,
          params: { county: scope ?? '' },
          kind: 'forbidden',
        });
      const granted = next.roles.filter((r) => isCityRole(r) && !before?.roles.includes(r));
      if (granted.length)
        add(at, 'roles', {
          code: 'city_role',
          message: `${granted.join(', ')}: city-level roles are given by the city's administrator`,
          params: { roles: granted.join(', ') },
          kind: 'forbidden',
        });
    }
  }

  if (changes.users.length) {
    const admins = [...usersAfter.values()].filter((u) => u.active && u.roles.includes('admin'));
    const hadAdmin = [...current.users.values()].some((u) => u.active && u.roles.includes('admin'));
    if (hadAdmin && admins.length === 0) {
      const last = changes.users.find((c) => current.users.get(c.next.username)?.roles.includes('admin'));
      add(last?.at ?? { path: (f) => f }, 'roles', {
        code: 'last_admin',
        message: 'the last active administrator cannot be deactivated or lose the admin role',
        kind: 'conflict',
      });
    }
  }
  return problems;
}

/**
 * Writes a checked batch in one transaction and audits each row that changes.
 * `via` says how (api, import, oidc, bootstrap). Returns the counts.
 */
export async function applyChanges(
  db: Db,
  current: Awaited<ReturnType<typeof readDirectory>>,
  changes: DirectoryChanges,
  actor: ChangeActor,
  via: string,
): Promise<{ departments: AppliedCounts; users: AppliedCounts }> {
  const counts = {
    departments: { created: 0, updated: 0, unchanged: 0 },
    users: { created: 0, updated: 0, unchanged: 0 },
  };
  const at = new Date();
  const audit = (trx: Db, action: string, entityType: string, entityId: string, detail: unknown) =>
    appendAudit(trx, {
      id: `api#${randomUUID()}`,
      at: at.toISOString(),
      actor: actor.username,
      actorDepartment: actor.department,
      action,
      entityType,
      entityId,
      ip: actor.ip,
      detail,
    });
  await db.transaction(async (trx) => {
    // Parents first, so a county department can name a county created in the same batch.
    const ordered = [...changes.departments].sort(
      (a, b) => Number(a.next.kind === 'county_department') - Number(b.next.kind === 'county_department'),
    );
    for (const { next } of ordered) {
      const before = current.departments.get(next.code);
      const changed = diff(before, next, DEPARTMENT_FIELDS);
      if (before && !Object.keys(changed).length) {
        counts.departments.unchanged++;
        continue;
      }
      await saveDepartment(trx, next, at.getTime());
      counts.departments[before ? 'updated' : 'created']++;
      await audit(
        trx,
        before ? 'directory.department_update' : 'directory.department_create',
        'department',
        next.code,
        {
          via,
          changes: changed,
        },
      );
    }
    for (const { next } of changes.users) {
      const before = current.users.get(next.username);
      const changed = diff(before, next, USER_FIELDS);
      if (before && !Object.keys(changed).length) {
        counts.users.unchanged++;
        continue;
      }
      await saveUser(trx, next, at.getTime());
      counts.users[before ? 'updated' : 'created']++;
      await audit(trx, before ? 'directory.user_update' : 'directory.user_create', 'user', next.username, {
        via,
        changes: changed,
      });
    }
  });
  return counts;
}
