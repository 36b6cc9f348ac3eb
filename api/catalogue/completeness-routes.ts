/**
 * How far each department has compiled its catalogue (art. 7, 8), for those who supervise it: the
 * city's departments for the LG office and the city's supervisors, a county's for its administrator.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { catalogueCompleteness } from '../../db/catalogue-completeness';
import { listDepartments } from '../../db/directory-repository';
import { CATALOGUE_SUPERVISORS, supervisedDepartments } from '../../domain/catalogue/completeness';
import type { ApiDeps } from '../http/deps';
import { addRoute } from '../http/route';
import { CatalogueCompletenessSchema } from './schemas';

export function catalogueCompletenessRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  const { db } = deps;
  addRoute(router, registry, {
    method: 'get',
    path: '/api/catalogue/completeness',
    summary:
      "Each supervised department's catalogue: its entries, those not shared, drafts under way, gaps in the national metadata (art. 7, 8)",
    description:
      "The LG office, the city's supervisors, the leading group and administrators see every active department; a county administrator sees the county's own departments. Departments that have compiled the fewest entries come first.",
    tags: ['catalogue'],
    auth: 'user',
    roles: [...CATALOGUE_SUPERVISORS],
    response: CatalogueCompletenessSchema,
    audit: { action: 'catalogue.completeness_read', entityType: 'department' },
    handler: async ({ user }) => {
      const departments = supervisedDepartments(user, await listDepartments(db));
      const byCode = new Map(departments.map((d) => [d.code, d]));
      const rows = await catalogueCompleteness(
        db,
        departments.map((d) => d.code),
      );
      return {
        departments: rows
          .map((r) => {
            const d = byCode.get(r.department)!;
            return { ...r, department: { code: d.code, name: d.name, nameEn: d.nameEn } };
          })
          .sort((a, b) => a.entries - b.entries || a.department.code.localeCompare(b.department.code)),
      };
    },
  });
}
