/** Corrections (数据纠错, art. 24): file one, list them, read one. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import type { ApiDeps } from '../http/deps';
import { idempotencyKey } from '../http/idempotency';
import { addRoute } from '../http/route';
import { CaseIdParamsSchema } from '../cases/case-schemas';
import { CorrectionBodySchema } from './correction-body';
import { CorrectionListQuerySchema, CorrectionListSchema, CorrectionSchema } from './schemas';
import { createCorrectionService } from './service';

export function correctionRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  const corrections = createCorrectionService(deps);

  addRoute(router, registry, {
    method: 'post',
    path: '/api/corrections',
    summary: 'Report an error in shared data (art. 24)',
    description:
      'Roles: requester of a department that holds or held a grant on the resource. Send an Idempotency-Key header: the same key and body again answer 200 with the same correction. Filed after the filing period of the policy in force, counted from `discoveredAt` (`GET /api/processes`: correction.filing): accepted and flagged `late`. The provider replies within the period of correction.provider_reply.',
    tags: ['corrections'],
    auth: 'user',
    roles: ['requester'],
    body: CorrectionBodySchema,
    response: CorrectionSchema,
    status: 201,
    handler: async ({ body, user, req, res }) => {
      const { created, correction } = await corrections.file(user, idempotencyKey(req), body, req.ip ?? null);
      if (!created) res.locals.status = 200;
      return correction;
    },
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/corrections',
    summary: "Your department's corrections, filed or received (city-level roles see all), newest first",
    tags: ['corrections'],
    auth: 'user',
    query: CorrectionListQuerySchema,
    response: CorrectionListSchema,
    audit: { action: 'correction.search', entityType: 'correction' },
    handler: async ({ query, user }) => corrections.list(user, query),
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
}
