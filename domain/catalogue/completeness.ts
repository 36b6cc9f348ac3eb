/**
 * Who watches how far departments have compiled their catalogues (art. 8): the LG office leads
 * and the city government office supervises every city department, the leading group and the
 * administrators see it all, and a county's administrator sees the county's own departments.
 */
import type { Role } from '../roles';
import { OPEN_DATA_OVERSEERS } from './open-data';

export const CATALOGUE_SUPERVISORS = [
  ...OPEN_DATA_OVERSEERS,
  'county_admin',
] as const satisfies readonly Role[];

export interface SupervisedDepartment {
  code: string;
  kind: string;
  parentCode: string | null;
  active: boolean;
}

/**
 * The departments whose catalogues `user` watches: every active department that compiles one (not
 * a county as such) for a city-level supervisor; a county administrator's own county's departments.
 */
export function supervisedDepartments<D extends SupervisedDepartment>(
  user: { roles: readonly string[]; department: { code: string } },
  departments: readonly D[],
): D[] {
  const compiling = departments.filter((d) => d.active && d.kind !== 'county');
  if (user.roles.some((r) => (OPEN_DATA_OVERSEERS as readonly string[]).includes(r))) return compiling;
  if (user.roles.includes('county_admin'))
    return compiling.filter((d) => d.parentCode === user.department.code);
  return [];
}
