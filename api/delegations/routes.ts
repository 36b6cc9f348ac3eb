/** Delegation (代理): hand a role to a colleague while on leave, list, revoke. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import type { ApiDeps } from '../http/deps';
import { addRoute } from '../http/route';
import {
  ColleaguesQuerySchema,
  ColleaguesSchema,
  DelegationBodySchema,
  DelegationIdParamsSchema,
  DelegationListSchema,
  DelegationSchema,
} from './schemas';
import { createDelegationService } from './service';

export function delegationRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  const service = createDelegationService(deps.db);

  addRoute(router, registry, {
    method: 'get',
    path: '/api/delegations',
    summary: 'Your delegations, given and received, that have not ended',
    tags: ['delegations'],
    auth: 'user',
    response: DelegationListSchema,
    handler: async ({ user }) => service.list(user),
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/delegations/colleagues',
    summary: 'Colleagues of your department who hold a role, and so may stand in for you in it',
    tags: ['delegations'],
    auth: 'user',
    query: ColleaguesQuerySchema,
    response: ColleaguesSchema,
    handler: async ({ user, query }) => service.colleagues(user, query.role),
  });

  addRoute(router, registry, {
    method: 'post',
    path: '/api/delegations',
    summary: 'Hand one of your roles to a colleague for a period (e.g. while on leave)',
    description:
      'The colleague must be of your department and hold the role. While it is in force they decide the tasks you had claimed, and each decision records it was made for you (由…代理). ' +
      '422: a field breaks a rule; 409: you already hand this role to someone over some of those days. Audited.',
    tags: ['delegations'],
    auth: 'user',
    body: DelegationBodySchema,
    response: DelegationSchema,
    status: 201,
    handler: async ({ user, body, req }) => service.create(user, body, req.ip ?? null),
  });

  addRoute(router, registry, {
    method: 'post',
    path: '/api/delegations/:id/revoke',
    summary: 'End a delegation you gave (e.g. back from leave early)',
    tags: ['delegations'],
    auth: 'user',
    params: DelegationIdParamsSchema,
    response: DelegationSchema,
    handler: async ({ user, params, req }) => service.revoke(user, params.id, req.ip ?? null),
  });
}
