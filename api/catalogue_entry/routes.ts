/**
 * Catalogue drafts (目录编制审核, art. 7, 9): submit new or changed entries, list and read the
 * department's drafts, revise a returned one. Reviewed, 核定 and resubmitted in the inbox.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { CaseIdParamsSchema } from '../cases/case-schemas';
import type { ApiDeps } from '../http/deps';
import { idempotencyKey } from '../http/idempotency';
import { addRoute } from '../http/route';
import { DraftBodySchema, DraftListQuerySchema, DraftListSchema, DraftSchema } from './schemas';
import { createCatalogueEntryService } from './service';

export function catalogueEntryRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  const drafts = createCatalogueEntryService(deps);

  addRoute(router, registry, {
    method: 'post',
    path: '/api/catalogue/drafts',
    summary: "Submit new or changed entries of your department's catalogue for review (art. 7, 9)",
    description:
      "Roles: data_steward. Send an Idempotency-Key header: the same key and body again answer 200 with the same draft. The draft is the department's own until published: a reviewer or data steward of the department who is not its author reviews it (catalogue_entry.entry_review in the policy in force, `GET /api/processes`); a draft with an entry that is not shared, or that narrows a published entry, then goes to the LG office to 核定 (entry_verification); then every entry is published as a new version with the reason. Entries sent exactly as published are left out; an entry already in another draft under way is refused (409).",
    tags: ['catalogue'],
    auth: 'user',
    roles: ['data_steward'],
    body: DraftBodySchema,
    response: DraftSchema,
    status: 201,
    handler: async ({ body, user, req, res }) => {
      const { created, draft } = await drafts.submit(user, idempotencyKey(req), body, req.ip);
      if (!created) res.locals.status = 200;
      return draft;
    },
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/catalogue/drafts',
    summary: "Your department's catalogue drafts (city-level roles: every department's), newest first",
    tags: ['catalogue'],
    auth: 'user',
    query: DraftListQuerySchema,
    response: DraftListSchema,
    audit: { action: 'catalogue_draft.list', entityType: 'catalogue_entry' },
    handler: async ({ query, user }) => drafts.list(user, query),
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/catalogue/drafts/:id',
    summary: 'A catalogue draft: its entries with what each changes, its review and 核定, the timeline',
    tags: ['catalogue'],
    auth: 'user',
    params: CaseIdParamsSchema,
    response: DraftSchema,
    audit: { action: 'catalogue_draft.read', entityType: 'catalogue_entry', entityId: (p) => p.id },
    handler: async ({ params, user }) => drafts.read(user, params.id),
  });

  addRoute(router, registry, {
    method: 'put',
    path: '/api/catalogue/drafts/:id',
    summary: 'Revise a draft returned for revision: its entries and reason; then resubmit it from the inbox',
    tags: ['catalogue'],
    auth: 'user',
    roles: ['data_steward'],
    params: CaseIdParamsSchema,
    body: DraftBodySchema,
    response: DraftSchema,
    handler: async ({ params, body, user, req }) => drafts.revise(user, params.id, body, req.ip),
  });
}
