/** The catalogue as a workbook: export it (the template), import a department's entries from one. */
import { randomUUID } from 'node:crypto';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../http/deps';
import { idempotencyKey } from '../http/idempotency';
import { localToday } from '../http/local-today';
import { addRoute, type FileResponse } from '../http/route';
import { createCatalogueWorkbookService } from './workbook-service';

/** A department's catalogue in a workbook is well under a megabyte; this bounds what is held in memory. */
const WORKBOOK_MAX_BYTES = 10 * 1024 * 1024;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ExportQuerySchema = z.object({
  provider: z.string().max(40).optional().openapi({ description: "One provider department's entries only" }),
});

const ImportBodySchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(500, 'at most 500 characters')
    .openapi({ description: 'Why the catalogue changes, e.g. 2026年度目录编制; kept with each new version' }),
});

const ImportResultSchema = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z
      .number()
      .int()
      .openapi({ description: 'Rows that match the catalogue: no version is added' }),
    draftId: z.string().nullable().openapi({
      description:
        'The draft the added and changed rows were filed as (GET /api/catalogue/drafts/{id}); null when every row matches the catalogue',
    }),
  })
  .openapi('CatalogueImportResult');

export function catalogueWorkbookRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  const service = createCatalogueWorkbookService(deps);

  addRoute(router, registry, {
    method: 'get',
    path: '/api/catalogue/export.xlsx',
    summary: 'The catalogue as a workbook (resources, data items, conditions): catalogue-<date>.xlsx',
    description: 'Importing it again changes nothing. Codes are written as their Chinese names.',
    tags: ['catalogue'],
    auth: 'user',
    query: ExportQuerySchema,
    file: { contentTypes: [XLSX], description: 'The catalogue as XLSX' },
    audit: { action: 'resource.export', entityType: 'resource' },
    handler: async ({ query }): Promise<FileResponse> => ({
      contentType: XLSX,
      filename: `catalogue-${query.provider ?? 'city'}-${localToday()}.xlsx`,
      body: await service.exportWorkbook(query.provider),
    }),
  });

  addRoute(router, registry, {
    method: 'post',
    path: '/api/catalogue/import',
    summary: "Import your department's catalogue entries from a workbook (the export is its template)",
    description:
      'Every cell and every entry is checked first; 422 lists each problem by sheet, row and column (e.g. "数据项 Items!B7") and nothing is stored. ' +
      "Rows that add or change entries of the steward's own department are filed as one draft, reviewed and 核定 like any other (catalogue_entry), then published as versions with `reason`; rows that match the catalogue change nothing. Entries the workbook leaves out are left as they are. An Idempotency-Key header makes a resend answer the same draft.",
    tags: ['catalogue'],
    auth: 'user',
    roles: ['data_steward'],
    upload: { field: 'file', maxBytes: WORKBOOK_MAX_BYTES, description: 'The workbook (.xlsx)' },
    body: ImportBodySchema,
    response: ImportResultSchema,
    handler: async ({ user, file, body, req }) =>
      service.importWorkbook(
        user,
        file.bytes,
        body.reason,
        req.get('Idempotency-Key') === undefined ? randomUUID() : idempotencyKey(req),
        req.ip ?? null,
      ),
  });
}
