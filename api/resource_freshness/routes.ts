/** Data freshness (数据更新时效, art. 20): a provider reports its entry's data updated. Stale spells are tasks in the inbox. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { ResourceCodeParamsSchema } from '../catalogue/schemas';
import type { ApiDeps } from '../http/deps';
import { addRoute } from '../http/route';
import { DataUpdateBodySchema, FreshnessSchema } from './schemas';
import { createFreshnessService } from './service';

export function freshnessRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  const freshness = createFreshnessService(deps);
  addRoute(router, registry, {
    method: 'post',
    path: '/api/catalogue/resources/:code/data-updates',
    summary: "Report that an entry's data was updated on the platform (art. 20)",
    description:
      "Roles: data_steward of the provider. Starts the entry's clock again: its data is next due when its update cycle's period (the policy's catalogue.freshness, a platform default) has passed. An entry past due is stale, and its steward has a data_refresh task that escalates to the LG office; this report ends it.",
    tags: ['catalogue'],
    auth: 'user',
    roles: ['data_steward'],
    params: ResourceCodeParamsSchema,
    body: DataUpdateBodySchema,
    response: FreshnessSchema,
    handler: async ({ params, body, user, req }) => freshness.reportUpdate(user, params.code, body, req.ip),
  });
}
