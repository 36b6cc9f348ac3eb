/**
 * The directory as administrators keep it: departments and users created,
 * changed and deactivated (never deleted: cases and the audit log name them).
 * An administrator keeps the whole city; a county administrator the
 * departments and users of their own county or district (art. 8).
 */
import type { Db } from '../../db/connection';
import type { Department, DirectoryUser, User } from '../../db/directory-repository';
import { countyOf } from '../../domain/directory/rules';
import type { Role } from '../../domain/roles';
import { policyInForce } from '../../db/policy-repository';
import { missingTaskHolders } from '../../db/task-holders';
import { localToday } from '../http/local-today';
import { directoryWorkbook, readDirectoryWorkbook } from './directory-spreadsheet';
import { auditByUser } from '../cases/audit';
import { HttpError, unprocessable } from '../http/errors';
import {
  actorCounty,
  applyChanges,
  checkChanges,
  readDirectory,
  type ChangeActor,
  type DirectoryChangeProblem,
  type DirectoryChanges,
} from './directory-changes';

export function changeActor(user: User, ip: string | null): ChangeActor {
  return { username: user.username, department: user.department.code, roles: user.roles, ip };
}

/** A problem as the API answers it: where, what, and the values to say it (not how it is classed). */
const asDetail = ({ kind: _kind, ...p }: DirectoryChangeProblem) => p;

/** A department's names as the API answers them beside its code. */
const namesOf = (d: Department | undefined) => (d ? { zh: d.name, en: d.nameEn } : null);

/** A refusal for a batch's problems: 403 when the actor's scope is at fault, 409 for the directory's state, else 422. */
export function refuse(problems: DirectoryChangeProblem[], what: string): HttpError {
  const forbidden = problems.find((p) => p.kind === 'forbidden');
  if (forbidden)
    return new HttpError(
      403,
      forbidden.code,
      `${forbidden.path}: ${forbidden.message}`,
      problems.map(asDetail),
    );
  const invalid = problems.filter((p) => p.kind === 'invalid');
  if (invalid.length) return unprocessable(`invalid_${what}`, what, invalid.map(asDetail));
  const conflict = problems[0];
  return new HttpError(409, conflict.code, `${conflict.path}: ${conflict.message}`, problems.map(asDetail), {
    params: conflict.params,
  });
}

const field = { path: (f: string) => f };

export function createDirectoryAdministration(db: Db) {
  async function change(user: User, ip: string | null, changes: DirectoryChanges, what: string) {
    const current = await readDirectory(db);
    const actor = changeActor(user, ip);
    const problems = checkChanges(current, changes, actor);
    if (problems.length) throw refuse(problems, what);
    await applyChanges(db, current, changes, actor, 'api');
  }

  async function userView(u: DirectoryUser) {
    // Read afresh, not from the names kept for listings: the department may have been added a moment ago.
    return { ...u, departmentName: namesOf((await readDirectory(db)).departments.get(u.departmentCode)) };
  }

  /** The departments and users the caller keeps. */
  async function kept(user: User) {
    const current = await readDirectory(db);
    const scope = actorCounty(changeActor(user, null), current.departments);
    const inScope = (code: string) =>
      scope === 'city' || (scope !== null && countyOf(code, current.departments) === scope);
    return {
      current,
      scope,
      inScope,
      departments: [...current.departments.values()].filter((d) => inScope(d.code)),
      users: [...current.users.values()].filter((u) => inScope(u.departmentCode)),
    };
  }

  return {
    /** The directory as a workbook: the whole city for an administrator, the county's for a county administrator. */
    async exportWorkbook(user: User): Promise<Buffer> {
      const { departments, users } = await kept(user);
      return directoryWorkbook(departments, users);
    },

    /** Imports a workbook: every row checked, then all of it stored in one transaction, or none of it. */
    async importWorkbook(user: User, bytes: Buffer, ip: string | null) {
      const current = await readDirectory(db);
      const { changes, problems } = await readDirectoryWorkbook(bytes, current.users);
      if (problems.length)
        throw unprocessable(
          'invalid_directory_workbook',
          'workbook',
          problems.map((p) => ({ path: p.path, code: p.code, message: p.message, params: p.params })),
        );
      const actor = changeActor(user, ip);
      const ruleProblems = checkChanges(current, changes, actor);
      if (ruleProblems.some((p) => p.kind === 'forbidden')) throw refuse(ruleProblems, 'workbook');
      if (ruleProblems.length)
        throw unprocessable('invalid_directory_workbook', 'workbook', ruleProblems.map(asDetail));
      const counts = await applyChanges(db, current, changes, actor, 'import');
      await auditByUser(db, user, {
        action: 'directory.import',
        entityType: 'directory',
        entityId: 'directory',
        ip,
        detail: counts,
      });
      return counts;
    },

    /** The users the caller keeps: all for an administrator, their county's for a county administrator. */
    async listUsers(user: User, department?: string) {
      const { users, current, scope, inScope } = await kept(user);
      const policy = await policyInForce(db, localToday());
      const unheld = (await missingTaskHolders(db, policy.document))
        .filter((m) => (m.department === null ? scope === 'city' : inScope(m.department)))
        .map((m) => ({ role: m.role as Role, department: m.department, steps: m.steps }));
      return {
        unheld,
        users: users
          .filter((u) => department === undefined || u.departmentCode === department)
          .map((u) => ({ ...u, departmentName: namesOf(current.departments.get(u.departmentCode)) })),
      };
    },

    async createDepartment(
      user: User,
      body: {
        code: string;
        name: string;
        nameEn: string;
        kind: Department['kind'];
        parentCode?: string | null;
      },
      ip: string | null,
    ): Promise<Department> {
      const current = await readDirectory(db);
      if (current.departments.has(body.code))
        throw new HttpError(
          409,
          'department_exists',
          `Department ${body.code} already exists; change it instead.`,
          undefined,
          {
            params: { code: body.code },
          },
        );
      const next: Department = { ...body, parentCode: body.parentCode ?? null, active: true };
      await change(user, ip, { departments: [{ next, at: field }], users: [] }, 'department');
      return next;
    },

    async updateDepartment(
      user: User,
      code: string,
      body: Partial<Pick<Department, 'name' | 'nameEn' | 'kind' | 'parentCode' | 'active'>>,
      ip: string | null,
    ): Promise<Department> {
      const before = (await readDirectory(db)).departments.get(code);
      if (!before) throw new HttpError(404, 'department_not_found', `No department ${code}.`);
      const next: Department = { ...before, ...body };
      await change(user, ip, { departments: [{ next, at: field }], users: [] }, 'department');
      return next;
    },

    async createUser(
      user: User,
      body: Pick<DirectoryUser, 'username' | 'displayName' | 'departmentCode' | 'roles'> &
        Partial<Pick<DirectoryUser, 'email' | 'phone'>>,
      ip: string | null,
    ) {
      const current = await readDirectory(db);
      if (current.users.has(body.username))
        throw new HttpError(
          409,
          'user_exists',
          `User ${body.username} already exists; change them instead.`,
          undefined,
          {
            params: { username: body.username },
          },
        );
      const next: DirectoryUser = {
        ...body,
        email: body.email ?? null,
        phone: body.phone ?? null,
        active: true,
        source: 'directory',
      };
      await change(user, ip, { departments: [], users: [{ next, at: field }] }, 'user');
      return userView(next);
    },

    async updateUser(
      user: User,
      username: string,
      body: Partial<
        Pick<DirectoryUser, 'displayName' | 'departmentCode' | 'roles' | 'email' | 'phone' | 'active'>
      >,
      ip: string | null,
    ) {
      const before = (await readDirectory(db)).users.get(username);
      if (!before) throw new HttpError(404, 'user_not_found', `No user ${username}.`);
      const next: DirectoryUser = { ...before, ...body };
      await change(user, ip, { departments: [], users: [{ next, at: field }] }, 'user');
      return userView(next);
    },
  };
}
