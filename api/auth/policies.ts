/**
 * Who may see and do what: the API's access rules, each written once and used
 * by every route and service. A rule that refuses throws a 403 naming itself;
 * the authorization matrix test (test/api/authorization-matrix.test.ts) holds
 * the roles of every endpoint, and test/api/department-boundaries.test.ts its
 * department and county boundaries.
 */
import type { User } from '../../db/directory-repository';
import { actorMatches, CITY_ROLES, type CandidateGroup, type Role } from '../../domain/roles';
import { HttpError } from '../http/errors';

/** A city-level role (platform authority, LG office, leading group, supervisor, auditor, admin) sees every department's cases. */
export function isCityUser(user: User): boolean {
  return user.roles.some((r) => CITY_ROLES.has(r));
}

/** The department a listing is limited to: none for a city-level role, else the caller's own. */
export function departmentScope(user: User): string | undefined {
  return isCityUser(user) ? undefined : user.department.code;
}

/** The caller has one of `roles`. */
export function requireRole(user: User, roles: readonly Role[]): void {
  if (!roles.some((r) => user.roles.includes(r)))
    throw new HttpError(403, 'forbidden', `This needs one of the roles: ${roles.join(', ')}.`);
}

/** A case, a grant or a dispute is read by the departments party to it, or by a city-level role. */
export function mayReadCase(user: User, what: string, parties: readonly string[]): void {
  if (!parties.includes(user.department.code) && !isCityUser(user))
    throw new HttpError(403, 'forbidden', `${what} is between other departments.`);
}

/** Only a department party to a subject (not a city-level role) may dispute it. */
export function mayDispute(user: User, what: string, provider: string, consumer: string): void {
  if (![provider, consumer].includes(user.department.code))
    throw new HttpError(403, 'forbidden', `Only ${consumer} or ${provider} may dispute ${what}.`);
}

/** Only the consumer department uses a grant. */
export function mayUseGrant(user: User, grantId: string, consumer: string): void {
  if (user.department.code !== consumer)
    throw new HttpError(403, 'forbidden', `Only ${consumer} may use grant ${grantId}.`);
}

/** A data steward maintains only their own department's catalogue entries. */
export function mayMaintainEntry(user: User, provider: string, what: string): void {
  if (provider !== user.department.code)
    throw new HttpError(
      403,
      'forbidden',
      `${what} belongs to ${provider}; a data steward maintains only their own department's catalogue (${user.department.code}).`,
    );
}

/** A task is acted on by its candidates: a role, of a department where the step names one. */
export function mayActOnTask(user: User, candidates: readonly CandidateGroup[]): void {
  const actor = { username: user.username, department: user.department.code, roles: user.roles };
  if (!candidates.some((g) => actorMatches(actor, g))) {
    const who = candidates.map((g) => `${g.role}${g.department ? `@${g.department}` : ''}`).join(' or ');
    throw new HttpError(403, 'forbidden', `Only ${who} may act on this task.`);
  }
}

/** A department's security registers are read by the department itself and by city-level roles. */
export function mayReadDepartment(user: User, department: string): void {
  if (user.department.code !== department && !isCityUser(user))
    throw new HttpError(403, 'forbidden', `The security registers of ${department} are its own.`);
}

/**
 * A department's data steward or county administrator keeps its security registers
 * (agreements, risk assessments); the administrator may keep any department's.
 */
export function mayKeepRegister(user: User, department: string): void {
  if (user.roles.includes('admin')) return;
  if (user.department.code !== department)
    throw new HttpError(
      403,
      'forbidden',
      `Only ${department} keeps its own security registers (you are of ${user.department.code}).`,
    );
}
