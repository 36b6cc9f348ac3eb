/**
 * Sign-in from the city's identity provider (AUTH_MODE=oidc). A person not in
 * the directory yet is added at their first sign-in when the token's claims
 * name a known, active department and groups that map to roles; otherwise
 * they are refused with whom to ask (the refusal is audited with the other
 * refused accesses). The roles the group map can give are kept by the
 * identity provider and refreshed at each sign-in; other roles stay as the
 * directory's administrators set them.
 */
import type { JWTPayload } from 'jose';
import type { Db } from '../../db/connection';
import { findDirectoryUser, findUser, listDirectoryUsers, type User } from '../../db/directory-repository';
import { countyOf } from '../../domain/directory/rules';
import type { Role } from '../../domain/roles';
import type { Config } from '../../runtime/config';
import { applyChanges, readDirectory } from '../directory/directory-changes';
import { HttpError } from '../http/errors';
import { hasVisibleText } from '../../domain/text/visible';
import { EmailSchema, UsernameSchema } from '../directory/administration-schemas';

type OidcConfig = Extract<Config['auth'], { mode: 'oidc' }>;

/** A claim's text, if it is readable and fits `max` characters. */
const fitting = (text: string | undefined, max: number) =>
  text && hasVisibleText(text) && text.length <= max ? text : undefined;

const claimText = (payload: JWTPayload, name: string): string | undefined => {
  const v = payload[name];
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
};

/**
 * The roles the token's groups map to; null when no map is configured or the token carries no
 * groups claim at all (then the directory's roles stand: an issuer that leaves the claim out of
 * some tokens must not take roles away).
 */
export function rolesFromGroups(payload: JWTPayload, auth: OidcConfig): Role[] | null {
  if (!auth.roleMap?.length) return null;
  const raw = payload[auth.claims.groups];
  if (raw === undefined) return null;
  const groups = new Set(Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : []);
  return [...new Set(auth.roleMap.filter(([g]) => groups.has(g)).map(([, r]) => r))].sort();
}

/** Whom a refused person should ask: the county's administrators (when the claims name a county's department) and the city's. */
async function contacts(db: Db, department: string | undefined) {
  const [users, current] = await Promise.all([listDirectoryUsers(db), readDirectory(db)]);
  const county = department ? countyOf(department, current.departments) : null;
  const names = (code: string) => current.departments.get(code)?.name ?? code;
  return users
    .filter(
      (u) =>
        u.active &&
        (u.roles.includes('admin') ||
          (county !== null &&
            u.roles.includes('county_admin') &&
            countyOf(u.departmentCode, current.departments) === county)),
    )
    .map((u) => ({
      name: u.displayName,
      department: names(u.departmentCode),
      email: u.email,
      phone: u.phone,
    }));
}

async function refuse(db: Db, code: string, message: string, department: string | undefined): Promise<never> {
  throw new HttpError(403, code, message, { contacts: await contacts(db, department) });
}

export async function userFromClaims(db: Db, auth: OidcConfig, payload: JWTPayload): Promise<User> {
  const username = claimText(payload, auth.usernameClaim);
  if (!username) throw new HttpError(401, 'invalid_token', 'The token names no user.');
  const mapped = rolesFromGroups(payload, auth);
  const user = await findUser(db, username);
  if (user) {
    if (mapped === null) return user;
    const managed = new Set(auth.roleMap!.map(([, r]) => r));
    const roles = [...new Set([...user.roles.filter((r) => !managed.has(r)), ...mapped])].sort();
    if (roles.join() === [...user.roles].sort().join()) return user;
    const current = await readDirectory(db);
    const before = current.users.get(username)!;
    // Two first requests of a sign-in may both refresh: the later one finds the roles already set.
    await applyChanges(
      db,
      current,
      { departments: [], users: [{ next: { ...before, roles }, at: { path: (f) => f } }] },
      { username, department: user.department.code, roles: user.roles, ip: null },
      'oidc',
    ).catch(() => undefined);
    return (await findUser(db, username)) ?? user;
  }

  const department = auth.claims.department ? claimText(payload, auth.claims.department) : undefined;
  if (await findDirectoryUser(db, username))
    return refuse(
      db,
      'user_inactive',
      `The account "${username}" is deactivated; ask an administrator.`,
      department,
    );
  if (!auth.claims.department)
    return refuse(
      db,
      'unknown_user',
      `User "${username}" is not registered in govshare; ask an administrator to add them.`,
      department,
    );
  const current = await readDirectory(db);
  const dept = department ? current.departments.get(department) : undefined;
  if (!dept || !dept.active)
    return refuse(
      db,
      'not_provisioned',
      `User "${username}" is not registered in govshare, and the sign-in names ${department ? `department "${department}", which govshare does not know` : 'no department'}; ask an administrator to add them.`,
      department,
    );
  if (!UsernameSchema.safeParse(username).success)
    return refuse(
      db,
      'not_provisioned',
      `The sign-in names user "${username.slice(0, 64)}", which is not a username govshare can hold; ask an administrator to add them.`,
      department,
    );
  if (!mapped?.length)
    return refuse(
      db,
      'not_provisioned',
      `User "${username}" is not registered in govshare, and the sign-in carries no group that gives a role; ask an administrator to add them.`,
      department,
    );
  try {
    await applyChanges(
      db,
      current,
      {
        departments: [],
        users: [
          {
            next: {
              username,
              // What the claims say, if it is readable text that fits; the username otherwise.
              displayName: fitting(claimText(payload, auth.claims.name), 100) ?? username,
              departmentCode: dept.code,
              roles: mapped,
              email: EmailSchema.safeParse(claimText(payload, auth.claims.email)).data ?? null,
              phone: null,
              active: true,
              source: 'oidc',
            },
            at: { path: (f) => f },
          },
        ],
      },
      { username, department: dept.code, roles: mapped, ip: null },
      'oidc',
    );
  } catch (err) {
    // Two first requests at once: the other one added the user.
    if (!(await findUser(db, username))) throw err;
  }
  return (await findUser(db, username))!;
}
