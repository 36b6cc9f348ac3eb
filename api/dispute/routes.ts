/** Disputes (异议协调, art. 21, 25): open one, list them, read one. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import type { ApiDeps } from '../http/deps';
import { addRoute } from '../http/route';
import { CaseIdParamsSchema } from '../cases/case-schemas';
import { DisputeBodySchema } from './dispute-body';
import { DisputeListQuerySchema, DisputeListSchema, DisputeSchema } from './schemas';
import { createDisputeService } from './service';

export function disputeRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  const disputes = createDisputeService(deps);

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
    path: '/api/disputes',
    summary: 'The disputes your department is party to (city-level roles see all), newest first',
    tags: ['disputes'],
    auth: 'user',
    query: DisputeListQuerySchema,
    response: DisputeListSchema,
    audit: { action: 'dispute.search', entityType: 'dispute' },
    handler: async ({ query, user }) => disputes.list(user, query),
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
}
