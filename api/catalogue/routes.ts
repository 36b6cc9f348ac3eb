/** The catalogue of shareable resources: search, read, and register or change (data stewards of the provider). */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { getResource, listResources, listVersions, saveResource } from '../../db/catalogue-repository';
import type { User } from '../../db/directory-repository';
import {
  ResourceChangeSchema,
  ResourceInputSchema,
  type ResourceInput,
} from '../../domain/catalogue/resource';
import type { ApiDeps } from '../http/deps';
import { mayMaintainEntry } from '../auth/policies';
import { HttpError, unprocessable } from '../http/errors';
import { addRoute } from '../http/route';
import { auditByUser } from '../cases/audit';
import { createReformService } from '../catalogue_update/service';
import { entryRuleProblems, refusedClassification } from './entry-rules';
import { noticeNarrowing } from './narrowing-notices';
import {
  ResourceCodeParamsSchema,
  ResourceListQuerySchema,
  ResourceListSchema,
  ResourceSchema,
  ResourceVersionListSchema,
} from './schemas';

export function catalogueRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  const { db } = deps;
  const reforms = createReformService(deps);

  /** The entry of a code, or a 404 naming it. */
  async function entryOr404(code: string) {
    const r = await getResource(db, code);
    if (!r) throw new HttpError(404, 'resource_not_found', `No resource ${code} in the catalogue.`);
    return r;
  }

  /** The steward may only maintain their own department's entries, and named departments must exist. */
  async function checkEntry(user: User, r: ResourceInput, ip: string | undefined): Promise<void> {
    mayMaintainEntry(user, r.providerDepartment, `Resource ${r.code}`);
    const classified = await refusedClassification(db, user, r, ip, 'form');
    if (classified) {
      throw unprocessable('classified_resource', 'resource', [
        { path: 'classification', message: classified },
      ]);
    }
    const problems = await entryRuleProblems(db, r);
    if (problems.length) throw unprocessable('invalid_resource', 'resource', problems);
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
    handler: async ({ query }) => ({
      ...(await listResources(db, query)),
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

  addRoute(router, registry, {
    method: 'post',
    path: '/api/catalogue/resources',
    summary: "Register a resource in your department's catalogue",
    tags: ['catalogue'],
    auth: 'user',
    roles: ['data_steward'],
    body: ResourceInputSchema,
    response: ResourceSchema,
    status: 201,
    handler: async ({ body, user, req }) => {
      await checkEntry(user, body, req.ip);
      if (await getResource(db, body.code))
        throw new HttpError(
          409,
          'resource_exists',
          `Resource ${body.code} is already registered; PUT changes it.`,
        );
      const saved = await saveResource(db, body, user.username);
      await reforms.noteCatalogueChange(user, body.code);
      await auditByUser(db, user, {
        action: 'resource.create',
        entityType: 'resource',
        entityId: body.code,
        ip: req.ip,
        detail: { version: saved.version },
      });
      return (await getResource(db, body.code))!;
    },
  });

  addRoute(router, registry, {
    method: 'put',
    path: '/api/catalogue/resources/:code',
    summary: "Change a resource of your department's catalogue",
    description:
      'Roles: data_steward of the provider department. Send the whole entry and `changeReason`: the change becomes a new version (GET …/versions) with the reason and a field-by-field diff; an entry sent exactly as it stands adds no version. A change that narrows sharing (a stricter sharing type, items removed, conditions added, statutory recipients removed) notifies the departments holding active grants on it. Requests already made keep the entry as it was when they were made.',
    tags: ['catalogue'],
    auth: 'user',
    roles: ['data_steward'],
    params: ResourceCodeParamsSchema,
    body: ResourceChangeSchema,
    response: ResourceSchema,
    handler: async ({ params, body: { changeReason, ...body }, user, req }) => {
      if (body.code !== params.code)
        throw new HttpError(422, 'invalid_resource', `The body's code ${body.code} is not ${params.code}.`, [
          {
            path: 'code',
            code: 'code_mismatch',
            params: { code: params.code },
            message: `must be ${params.code}`,
          },
        ]);
      const existing = await entryOr404(params.code);
      mayMaintainEntry(user, existing.providerDepartment.code, `Resource ${params.code}`);
      await checkEntry(user, body, req.ip);
      const saved = await saveResource(db, body, user.username, { reason: changeReason });
      if (!saved.created) return existing;
      await reforms.noteCatalogueChange(user, body.code);
      await auditByUser(db, user, {
        action: 'resource.update',
        entityType: 'resource',
        entityId: body.code,
        ip: req.ip,
        detail: {
          version: saved.version,
          reason: changeReason,
          fields: saved.changes.map((c) => c.field),
          narrowings: saved.narrowings,
        },
      });
      await noticeNarrowing(db, body, saved);
      return (await getResource(db, body.code))!;
    },
  });
}
