/** Sharing requests: submit (idempotent), list, read (audited) and withdraw. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { SharingRequestBodySchema } from './request-body';
import type { ApiDeps } from '../http/deps';
import { idempotencyKey } from '../http/idempotency';
import { addRoute } from '../http/route';
import {
  RequestDetailSchema,
  RequestIdParamsSchema,
  RequestListQuerySchema,
  RequestListSchema,
  WithdrawBodySchema,
} from './schemas';
import { createRequestService } from './service';

export function requestRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  const service = createRequestService(deps);

  addRoute(router, registry, {
    method: 'post',
    path: '/api/requests',
    summary: 'Ask to use a resource of another department',
    description:
      'Roles: requester. Send an `Idempotency-Key` header: the same key with the same body answers 200 with the request it made, never a second one; with another body, 422. ' +
      'With `Prefer: respond-async` the answer is 202 as soon as the workflow has started, with the request as filed (status submitted, no task, deadline or timeline yet: read it back for those); otherwise it waits (up to 10 s) for the routing, so the answer shows the grant, the rejection or the first task. ' +
      'Unconditional resources are granted at once; not-shared ones are rejected with their legal basis (unless your department is a statutory recipient); conditional ones go to the provider, then the platform authority.',
    tags: ['requests'],
    auth: 'user',
    roles: ['requester'],
    body: SharingRequestBodySchema,
    response: RequestDetailSchema,
    status: 201,
    handler: async ({ body, user, req, res }) => {
      // RFC 7240: `Prefer: respond-async` answers 202 once the workflow has started, without waiting for routing.
      const async = /\brespond-async\b/i.test(req.get('Prefer') ?? '');
      const { created, request } = await service.submit(
        user,
        idempotencyKey(req),
        body,
        req.ip ?? null,
        !async,
      );
      if (!created) res.locals.status = 200;
      else if (async) {
        res.locals.status = 202;
        res.setHeader('Preference-Applied', 'respond-async');
      }
      return request;
    },
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/requests',
    summary: "Your department's requests, made or received (city-level roles see all), newest first",
    tags: ['requests'],
    auth: 'user',
    query: RequestListQuerySchema,
    response: RequestListSchema,
    audit: { action: 'sharing_request.search', entityType: 'sharing_request' },
    handler: async ({ query, user }) => service.list(user, query),
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/requests/:id',
    summary: 'A request: status, who holds it, each deadline with its article, timeline and grant',
    description: 'Every read is written to the audit log.',
    tags: ['requests'],
    auth: 'user',
    params: RequestIdParamsSchema,
    response: RequestDetailSchema,
    handler: async ({ params, user, req }) => service.read(user, params.id, req.ip ?? null),
  });

  addRoute(router, registry, {
    method: 'post',
    path: '/api/requests/:id/withdraw',
    summary: 'Withdraw a request before it is decided',
    description: 'Roles: requester of the requesting department. Its open task is cancelled.',
    tags: ['requests'],
    auth: 'user',
    roles: ['requester'],
    params: RequestIdParamsSchema,
    body: WithdrawBodySchema,
    response: RequestDetailSchema,
    handler: async ({ params, body, user, req }) =>
      service.withdraw(user, params.id, body.reason, req.ip ?? null),
  });
}
