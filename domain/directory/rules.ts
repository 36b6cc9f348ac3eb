/**
 * The directory's own rules, pure so the API, the spreadsheet import and the
 * tests apply the same ones: what kinds of department there are, which parent
 * each kind takes, and which county a department answers to (art. 8: the
 * county administrator compiles and supervises its departments).
 */
import { CITY_ROLES, ROLES, type Role } from '../roles';

/** A city department, a county or district, or a department of a county or district. */
export const DEPARTMENT_KINDS = ['city_department', 'county', 'county_department'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export interface DirectoryDepartment {
  code: string;
  kind: DepartmentKind;
  parentCode: string | null;
  active: boolean;
}

export interface DirectoryProblem {
  /** The field at fault, e.g. "parentCode". */
  field: string;
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

/**
 * The problems of `d` among `all` (which may or may not hold `d` already):
 * a county department sits under a county; counties and city departments
 * sit at the top; a parent exists, is active and is not the department itself.
 */
export function departmentProblems(
  d: DirectoryDepartment,
  all: ReadonlyMap<string, DirectoryDepartment>,
): DirectoryProblem[] {
  if (d.parentCode === d.code)
    return [{ field: 'parentCode', code: 'parent_is_itself', message: 'cannot be the department itself' }];
  if (d.kind !== 'county_department') {
    return d.parentCode === null
      ? []
      : [
          {
            field: 'parentCode',
            code: 'parent_not_allowed',
            message: `must be empty: a ${d.kind} sits at the top of the directory`,
            params: { kind: d.kind },
          },
        ];
  }
  if (d.parentCode === null)
    return [
      {
        field: 'parentCode',
        code: 'parent_required',
        message: 'is required: a county department belongs to a county or district',
      },
    ];
  const parent = all.get(d.parentCode);
  if (!parent)
    return [
      {
        field: 'parentCode',
        code: 'unknown_department',
        message: `no department ${d.parentCode}`,
        params: { code: d.parentCode },
      },
    ];
  if (parent.kind !== 'county')
    return [
      {
        field: 'parentCode',
        code: 'parent_not_county',
        message: `must be a county or district; ${d.parentCode} is a ${parent.kind}`,
        params: { code: d.parentCode },
      },
    ];
  if (!parent.active && d.active)
    return [
      {
        field: 'parentCode',
        code: 'department_inactive',
        message: `${d.parentCode} is deactivated`,
        params: { code: d.parentCode },
      },
    ];
  return [];
}

/** The county or district `code` answers to: itself for a county, its parent for a county department, none for a city department. */
export function countyOf(code: string, all: ReadonlyMap<string, DirectoryDepartment>): string | null {
  const d = all.get(code);
  if (!d) return null;
  if (d.kind === 'county') return d.code;
  if (d.kind === 'county_department') return d.parentCode;
  return null;
}

/** Roles a county administrator may not hand out: the city-level ones act for the whole city. */
export function isCityRole(role: Role): boolean {
  return CITY_ROLES.has(role);
}

/** Parses "requester, data_steward" (commas, 、 or spaces) into roles, naming the ones that are not roles. */
export function parseRoles(text: string): { roles: Role[]; unknown: string[] } {
  const words = text
    .split(/[\s,，、;；]+/)
    .map((w) => w.trim())
    .filter(Boolean);
  const known = new Set<string>(ROLES);
  return {
    roles: [...new Set(words.filter((w) => known.has(w)))] as Role[],
    unknown: words.filter((w) => !known.has(w)),
  };
}
