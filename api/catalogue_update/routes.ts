/** Reforms with their catalogue-update obligations (目录更新, art. 9, 37), and the sanctions of art. 37. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import type { ApiDeps } from '../http/deps';
import { addRoute } from '../http/route';
import { CaseIdParamsSchema } from '../cases/case-schemas';
import { idempotencyKey } from '../http/idempotency';
import { ReformBodySchema, ResourceDecisionBodySchema } from './reform-body';
import {
  ObligationParamsSchema,
  ReformListQuerySchema,
  ReformListSchema,
  ReformSchema,
  SanctionListQuerySchema,
  SanctionListSchema,
} from './schemas';
import { createReformService } from './service';

export function catalogueUpdateRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  const reforms = createReformService(deps);

  addRoute(router, registry, {
    method: 'post',
    path: '/api/reforms',
    summary:
      'Register an institutional reform, or a change of duties or of the law: each affected department must update its catalogue (art. 9)',
    description:
      "Roles: lg_office, admin; a data_steward registers its own department's (trigger duty_adjustment, law_revision or institutional_reform). Each obligation lists the department's resources; it is met when each has a decision (`POST /api/reforms/{id}/obligations/{department}/decisions`, or a published change since the effective date) or by a reasoned no_change. Send an Idempotency-Key header. Each department's data steward has the period the policy in force sets after the effective date (`GET /api/processes`: catalogue_update.update); a miss brings a rectification order, a second miss gives the LG office a task to decide public criticism and suspension of IT-project applications (art. 37); the timer sanctions nothing.",
    tags: ['reforms'],
    auth: 'user',
    roles: ['lg_office', 'admin', 'data_steward'],
    body: ReformBodySchema,
    response: ReformSchema,
    status: 201,
    handler: async ({ body, user, req, res }) => {
      const { created, reform } = await reforms.register(user, idempotencyKey(req), body, req.ip ?? null);
      if (!created) res.locals.status = 200;
      return reform;
    },
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/reforms',
    summary: 'Reforms, newest first, with how many obliged departments have updated their catalogue',
    tags: ['reforms'],
    auth: 'user',
    query: ReformListQuerySchema,
    response: ReformListSchema,
    audit: { action: 'reform.search', entityType: 'reform' },
    handler: async ({ query }) => reforms.list(query),
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/reforms/:id',
    summary: "A reform and each department's obligation: status, deadlines, sanctions",
    tags: ['reforms'],
    auth: 'user',
    params: CaseIdParamsSchema,
    response: ReformSchema,
    audit: { action: 'reform.read', entityType: 'reform', entityId: (p) => p.id },
    handler: async ({ params }) => reforms.read(params.id),
  });

  addRoute(router, registry, {
    method: 'post',
    path: '/api/reforms/:id/obligations/:department/decisions',
    summary:
      "Decide on one resource the department's obligation lists: keep, transfer to a successor, or retire (art. 9)",
    description:
      'Roles: data_steward of the department. A transfer moves the resource, its open requests (their review tasks go to the successor, deadlines unchanged) and its active grants to the successor; a retirement takes it off the 共享目录, closes its open requests with the reason and ends its grants; both tell the departments concerned. Once every listed resource has its decision, the obligation is met.',
    tags: ['reforms'],
    auth: 'user',
    roles: ['data_steward'],
    params: ObligationParamsSchema,
    body: ResourceDecisionBodySchema,
    response: ReformSchema,
    handler: async ({ params, body, user }) => reforms.decide(user, params.id, params.department, body),
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/sanctions',
    summary: 'Public criticisms and suspensions of IT-project applications (art. 37)',
    tags: ['reforms'],
    auth: 'user',
    query: SanctionListQuerySchema,
    response: SanctionListSchema,
    audit: { action: 'sanction.search', entityType: 'sanction' },
    handler: async ({ query }) => ({ items: await reforms.sanctions(query) }),
  });
}
