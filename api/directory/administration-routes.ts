/**
 * Keeping the directory: departments and users created, changed and
 * deactivated, and the whole directory exported and imported as a workbook.
 * Administrators keep the city; county administrators their county (art. 8).
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import type { Role } from '../../domain/roles';
import type { ApiDeps } from '../http/deps';
import { localToday } from '../http/local-today';
import { addRoute, type FileResponse } from '../http/route';
import { DepartmentSchema } from './schemas';
import {
  DepartmentCodeParamsSchema,
  DepartmentCreateSchema,
  DepartmentUpdateSchema,
  DirectoryImportResultSchema,
  DirectoryUserSchema,
  DirectoryUsersQuerySchema,
  DirectoryUsersSchema,
  UserCreateSchema,
  UsernameParamsSchema,
  UserUpdateSchema,
} from './administration-schemas';
import { createDirectoryAdministration } from './administration-service';

/** Who keeps the directory. */
export const DIRECTORY_KEEPERS = ['admin', 'county_admin'] as const satisfies readonly Role[];

/** A workbook of a whole city's directory is well under a megabyte; this bounds what is held in memory. */
const WORKBOOK_MAX_BYTES = 10 * 1024 * 1024;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function directoryAdministrationRoutes(
  router: Router,
  registry: OpenAPIRegistry,
  deps: ApiDeps,
): void {
  const service = createDirectoryAdministration(deps.db);
  const common = { tags: ['directory'], auth: 'user' as const, roles: [...DIRECTORY_KEEPERS] };
  const refusals =
    ' 403: outside your county, or a city-level role given by a county administrator; 422: a rule of the directory (a parent that is the department itself, an unknown or deactivated department); 409: the last administrator, or a department still in use. Audited field by field.';

  addRoute(router, registry, {
    ...common,
    method: 'post',
    path: '/api/directory/departments',
    summary: 'Add a department, county or district, or a department of a county or district',
    description: `A county administrator adds departments of their own county only.${refusals}`,
    body: DepartmentCreateSchema,
    response: DepartmentSchema,
    status: 201,
    handler: async ({ user, body, req }) => service.createDepartment(user, body, req.ip ?? null),
  });

  addRoute(router, registry, {
    ...common,
    method: 'patch',
    path: '/api/directory/departments/:code',
    summary: "Change a department's names, kind or parent, or deactivate it (never deleted)",
    description: `A department with active users or departments under it cannot be deactivated.${refusals}`,
    params: DepartmentCodeParamsSchema,
    body: DepartmentUpdateSchema,
    response: DepartmentSchema,
    handler: async ({ user, params, body, req }) =>
      service.updateDepartment(user, params.code, body, req.ip ?? null),
  });

  addRoute(router, registry, {
    ...common,
    method: 'get',
    path: '/api/directory/users',
    summary: 'The users you keep, deactivated ones included, with roles and contact details',
    query: DirectoryUsersQuerySchema,
    response: DirectoryUsersSchema,
    audit: { action: 'directory.users', entityType: 'directory' },
    handler: async ({ user, query }) => service.listUsers(user, query.department),
  });

  addRoute(router, registry, {
    ...common,
    method: 'post',
    path: '/api/directory/users',
    summary: 'Add a user: a department, roles and contact details',
    description: `The username is what the identity provider's username claim carries.${refusals}`,
    body: UserCreateSchema,
    response: DirectoryUserSchema,
    status: 201,
    handler: async ({ user, body, req }) => service.createUser(user, body, req.ip ?? null),
  });

  addRoute(router, registry, {
    ...common,
    method: 'patch',
    path: '/api/directory/users/:username',
    summary: "Change a user's name, department, roles or contact details, or deactivate them (never deleted)",
    description: `Roles take effect at the user's next request.${refusals}`,
    params: UsernameParamsSchema,
    body: UserUpdateSchema,
    response: DirectoryUserSchema,
    handler: async ({ user, params, body, req }) =>
      service.updateUser(user, params.username, body, req.ip ?? null),
  });

  addRoute(router, registry, {
    ...common,
    method: 'get',
    path: '/api/directory/export.xlsx',
    summary: 'The directory as a workbook (a sheet of departments, a sheet of users): directory-<date>.xlsx',
    description: 'Importing it again changes nothing. A county administrator gets their county only.',
    file: { contentTypes: [XLSX], description: 'The directory as XLSX' },
    audit: { action: 'directory.export', entityType: 'directory' },
    handler: async ({ user }): Promise<FileResponse> => ({
      contentType: XLSX,
      filename: `directory-${localToday()}.xlsx`,
      body: await service.exportWorkbook(user),
    }),
  });

  addRoute(router, registry, {
    ...common,
    method: 'post',
    path: '/api/directory/import',
    summary:
      'Import a directory workbook (the export is its template): rows add or change departments and users',
    description:
      'Every row is checked first; 422 lists every bad cell by sheet, row and column (e.g. "用户 Users!C7") and nothing is stored. ' +
      'Departments and users the workbook leaves out are left as they are; rows that match the directory change nothing.',
    upload: { field: 'file', maxBytes: WORKBOOK_MAX_BYTES, description: 'The workbook (.xlsx)' },
    response: DirectoryImportResultSchema,
    handler: async ({ user, file, req }) => service.importWorkbook(user, file.bytes, req.ip ?? null),
  });
}
