/** The security registers of a department (art. 27, 30): read by it and the city; kept by its stewards. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import type { ApiDeps } from '../http/deps';
import { addRoute } from '../http/route';
import {
  AgreementBodySchema,
  AgreementSchema,
  AssessmentBodySchema,
  AssessmentSchema,
  DepartmentCodeParamsSchema,
  DepartmentSecuritySchema,
} from './schemas';
import { createSecurityService } from './service';

const KEEPERS = ['data_steward', 'county_admin', 'admin'] as const;

export function securityRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  const security = createSecurityService(deps);

  addRoute(router, registry, {
    method: 'get',
    path: '/api/departments/:code/security',
    summary:
      "A department's security registers: agreements with technical service units (art. 30) and yearly risk assessments of its data service node (art. 27)",
    tags: ['security'],
    auth: 'user',
    params: DepartmentCodeParamsSchema,
    response: DepartmentSecuritySchema,
    audit: { action: 'security.read', entityType: 'department', entityId: (p) => p.code },
    handler: async ({ params, user }) => security.read(user, params.code),
  });

  addRoute(router, registry, {
    method: 'post',
    path: '/api/security/agreements',
    summary:
      'Record a security and confidentiality agreement with a technical service unit (art. 30); its department is reminded before it expires',
    tags: ['security'],
    auth: 'user',
    roles: [...KEEPERS],
    body: AgreementBodySchema,
    response: AgreementSchema,
    status: 201,
    handler: async ({ body, user, req }) => security.recordAgreement(user, body, req.ip),
  });

  addRoute(router, registry, {
    method: 'post',
    path: '/api/departments/:code/assessments',
    summary: "Record the year's security risk assessment of the department's data service node (art. 27)",
    tags: ['security'],
    auth: 'user',
    roles: [...KEEPERS],
    params: DepartmentCodeParamsSchema,
    body: AssessmentBodySchema,
    response: AssessmentSchema,
    status: 201,
    handler: async ({ params, body, user, req }) =>
      security.recordAssessment(user, params.code, body, req.ip),
  });
}
