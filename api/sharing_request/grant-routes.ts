/** Grants: list, read, revoke, and the exchange log of their use. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import type { ApiDeps } from '../http/deps';
import { addRoute } from '../http/route';
import {
  ExchangeBodySchema,
  ExchangeListSchema,
  ExchangeSchema,
  GrantIdParamsSchema,
  GrantListQuerySchema,
  GrantListSchema,
  GrantSchema,
  RevokeBodySchema,
} from './schemas';
import { createGrantService } from './grant-service';

export function grantRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  const service = createGrantService(deps);

  addRoute(router, registry, {
    method: 'get',
    path: '/api/grants',
    summary: "Your department's grants, given or received (city-level roles see all)",
    tags: ['grants'],
    auth: 'user',
    query: GrantListQuerySchema,
    response: GrantListSchema,
    audit: { action: 'grant.search', entityType: 'grant' },
    handler: async ({ query, user }) => service.list(user, query),
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/grants/:id',
    summary: 'One grant',
    tags: ['grants'],
    auth: 'user',
    params: GrantIdParamsSchema,
    response: GrantSchema,
    audit: { action: 'grant.read', entityType: 'grant', entityId: (p) => p.id },
    handler: async ({ params, user }) => service.get(user, params.id),
  });

  addRoute(router, registry, {
    method: 'post',
    path: '/api/grants/:id/revoke',
    summary: 'Revoke a grant before its usage period ends, with a reason',
    description:
      'Roles: provider_reviewer or data_steward of the provider, or platform_approver. Both departments are notified.',
    tags: ['grants'],
    auth: 'user',
    params: GrantIdParamsSchema,
    body: RevokeBodySchema,
    response: GrantSchema,
    handler: async ({ params, body, user, req }) =>
      service.revoke(user, params.id, body.reason, req.ip ?? null),
  });

  addRoute(router, registry, {
    method: 'post',
    path: '/api/grants/:id/exchanges',
    summary: 'Record a use of a grant in the exchange log (art. 23)',
    description:
      'The consumer department records each exchange: which granted items, how many records. Refused when the grant has ended, has not started, or does not cover an item; the refusal is kept under the id its answer names (`ref`), and either department may dispute it (POST /api/disputes, subjectType exchange).',
    tags: ['grants'],
    auth: 'user',
    params: GrantIdParamsSchema,
    body: ExchangeBodySchema,
    response: ExchangeSchema,
    status: 201,
    handler: async ({ params, body, user, req }) => service.use(user, params.id, body, req.ip ?? null),
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/grants/:id/exchanges',
    summary: 'The exchange log of a grant, with its refused uses and any dispute over each',
    tags: ['grants'],
    auth: 'user',
    params: GrantIdParamsSchema,
    response: ExchangeListSchema,
    audit: { action: 'exchange_log.read', entityType: 'grant', entityId: (p) => p.id },
    handler: async ({ params, user }) => service.exchanges(user, params.id),
  });
}
