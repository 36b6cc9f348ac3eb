/** Corrections (art. 24), disputes (art. 21, 25), reforms with their catalogue-update obligations (art. 9, 37), sanctions. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { CorrectionBodySchema } from '../../domain/correction/correction-input';
import { DisputeBodySchema } from '../../domain/dispute/dispute-input';
import { ReformBodySchema } from '../../domain/reform/reform-input';
import type { ApiDeps } from '../app';
import { idempotencyKey } from '../idempotency';
import { addRoute } from '../route';
import {
  CaseIdParamsSchema,
  CorrectionSchema,
  DisputeSchema,
  ReformSchema,
  SanctionListQuerySchema,
  SanctionListSchema,
} from '../schemas/case-schemas';
import { createCorrectionService } from '../services/correction-service';
import { createDisputeService } from '../services/dispute-service';
import { createReformService } from '../services/reform-service';

export function caseRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  const corrections = createCorrectionService(deps);
  const disputes = createDisputeService(deps);
  const reforms = createReformService(deps);

  addRoute(router, registry, {
    method: 'post',
    path: '/api/corrections',
    summary: 'Report an error in shared data (art. 24)',
    description:
      'Roles: requester of a department that holds or held a grant on the resource. Filed more than 5 working days after `discoveredAt`: accepted and flagged `late`. The provider replies within 5 working days.',
    tags: ['corrections'],
    auth: 'user',
    roles: ['requester'],
    body: CorrectionBodySchema,
    response: CorrectionSchema,
    status: 201,
    handler: async ({ body, user, req }) => corrections.file(user, body, req.ip ?? null),
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/corrections/:id',
    summary: 'A correction: status, late flag, reply, deadlines with their articles, timeline, dispute',
    tags: ['corrections'],
    auth: 'user',
    params: CaseIdParamsSchema,
    response: CorrectionSchema,
    handler: async ({ params, user, req }) => corrections.read(user, params.id, req.ip ?? null),
  });

  addRoute(router, registry, {
    method: 'post',
    path: '/api/disputes',
    summary: 'Dispute a denied request, or contest a correction reply (art. 21, 25)',
    description:
      'Either department of a denied request; the consumer of a correction whose reply awaits its review. Negotiation, then coordination by the LG office, then a binding ruling by the leading group. Disputing the same subject again answers 200 with its dispute.',
    tags: ['disputes'],
    auth: 'user',
    body: DisputeBodySchema,
    response: DisputeSchema,
    status: 201,
    handler: async ({ body, user, req, res }) => {
      const { created, dispute } = await disputes.open(user, body, req.ip ?? null);
      if (!created) res.locals.status = 200;
      return dispute;
    },
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/disputes/:id',
    summary: "A dispute: stage, proposal, outcome, each stage's deadline with its article, timeline",
    tags: ['disputes'],
    auth: 'user',
    params: CaseIdParamsSchema,
    response: DisputeSchema,
    handler: async ({ params, user, req }) => disputes.read(user, params.id, req.ip ?? null),
  });

  addRoute(router, registry, {
    method: 'post',
    path: '/api/reforms',
    summary: 'Register an institutional reform: each affected department must update its catalogue (art. 9)',
    description:
      "Roles: lg_office, admin. Send an Idempotency-Key header. Each department's data steward has 15 working days after the effective date; a miss brings a rectification order, a second miss public criticism and suspension of IT-project applications (art. 37).",
    tags: ['reforms'],
    auth: 'user',
    roles: ['lg_office', 'admin'],
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
    path: '/api/reforms/:id',
    summary: "A reform and each department's obligation: status, deadlines, sanctions",
    tags: ['reforms'],
    auth: 'user',
    params: CaseIdParamsSchema,
    response: ReformSchema,
    handler: async ({ params }) => reforms.read(params.id),
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/sanctions',
    summary: 'Public criticisms and suspensions of IT-project applications (art. 37)',
    tags: ['reforms'],
    auth: 'user',
    query: SanctionListQuerySchema,
    response: SanctionListSchema,
    handler: async ({ query }) => ({ items: await reforms.sanctions(query) }),
  });
}
