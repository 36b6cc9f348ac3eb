/**
 * The catalogue of shareable resources: search, read, and each entry's versions. Entries are
 * registered and changed through drafts (api/catalogue_entry), reviewed before they are published.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { getResource, listResources, listVersions } from '../../db/catalogue-repository';
import type { ApiDeps } from '../http/deps';
import { HttpError } from '../http/errors';
import { addRoute } from '../http/route';
import {
  ResourceCodeParamsSchema,
  ResourceListQuerySchema,
  ResourceListSchema,
  ResourceSchema,
  ResourceVersionListSchema,
} from './schemas';

export function catalogueRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  const { db } = deps;

  /** The entry of a code, or a 404 naming it. */
  async function entryOr404(code: string) {
    const r = await getResource(db, code);
    if (!r) throw new HttpError(404, 'resource_not_found', `No resource ${code} in the catalogue.`);
    return r;
  }

  addRoute(router, registry, {
    method: 'get',
    path: '/api/catalogue/resources',
    summary:
      'Search the catalogue: words in name, summary or items; filter by sharing type, provider, category, mode',
    tags: ['catalogue'],
    auth: 'user',
    query: ResourceListQuerySchema,
    response: ResourceListSchema,
    audit: { action: 'resource.search', entityType: 'resource' },
    handler: async ({ query: { catalogue, ...query }, user }) => ({
      ...(await listResources(db, {
        ...query,
        ...(catalogue === 'shared' ? { sharedWith: user.department.code } : {}),
        ...(catalogue === 'own' ? { provider: user.department.code } : {}),
      })),
      page: query.page,
      pageSize: query.pageSize,
    }),
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/catalogue/resources/:code',
    summary: 'One resource with its items, conditions, legal basis and statutory recipients',
    tags: ['catalogue'],
    auth: 'user',
    params: ResourceCodeParamsSchema,
    response: ResourceSchema,
    audit: { action: 'resource.read', entityType: 'resource', entityId: (p) => p.code },
    handler: async ({ params }) => entryOr404(params.code),
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/catalogue/resources/:code/versions',
    summary: "A resource's versions, newest first: who, when, why, and what changed field by field",
    tags: ['catalogue'],
    auth: 'user',
    params: ResourceCodeParamsSchema,
    response: ResourceVersionListSchema,
    audit: { action: 'resource.versions_read', entityType: 'resource', entityId: (p) => p.code },
    handler: async ({ params }) => {
      const r = await entryOr404(params.code);
      return { code: r.code, name: r.name, versions: await listVersions(db, r.code) };
    },
  });
}
