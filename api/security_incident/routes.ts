/** Security incidents (安全事件, art. 31): report one, read one. Handled in the authority's inbox. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { CaseIdParamsSchema } from '../cases/case-schemas';
import type { ApiDeps } from '../http/deps';
import { idempotencyKey } from '../http/idempotency';
import { addRoute } from '../http/route';
import { IncidentBodySchema, IncidentSchema } from './schemas';
import { createSecurityIncidentService } from './service';

/** Roles of a department (not the city's) that report its incidents. */
const REPORTERS = ['data_steward', 'provider_reviewer', 'requester', 'county_admin'] as const;

export function securityIncidentRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  const incidents = createSecurityIncidentService(deps);

  addRoute(router, registry, {
    method: 'post',
    path: '/api/security/incidents',
    summary:
      "Report a security problem of the caller's department to the information-security authority (art. 31)",
    description:
      'Send an Idempotency-Key header: the same key and body again answer 200 with the same incident. The authority handles it within the period of security_incident.handling in the policy in force (`GET /api/processes`).',
    tags: ['security'],
    auth: 'user',
    roles: [...REPORTERS],
    body: IncidentBodySchema,
    response: IncidentSchema,
    status: 201,
    handler: async ({ body, user, req, res }) => {
      const { created, incident } = await incidents.report(user, idempotencyKey(req), body, req.ip ?? null);
      if (!created) res.locals.status = 200;
      return incident;
    },
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/security/incidents/:id',
    summary: 'A security incident: its handling deadline with its basis, the timeline, the resolution',
    tags: ['security'],
    auth: 'user',
    params: CaseIdParamsSchema,
    response: IncidentSchema,
    audit: { action: 'security_incident.read', entityType: 'security_incident', entityId: (p) => p.id },
    handler: async ({ params, user }) => incidents.read(user, params.id),
  });
}
