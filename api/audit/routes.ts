/**
 * The audit trail (art. 32, 33) for auditors: search, download, verify the
 * hash chains. Auditors read everything and change nothing; the platform
 * administrator may sign a checkpoint now (the worker signs one daily).
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../http/deps';
import { addRoute, type FileResponse } from '../http/route';
import {
  AuditFilterSchema,
  AuditPageSchema,
  AuditQuerySchema,
  CheckpointsSchema,
  VerificationSchema,
} from './schemas';
import { createAuditService } from './service';

const AUDITORS = ['auditor'] as const;
const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function auditRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  const audit = createAuditService(deps);

  addRoute(router, registry, {
    method: 'get',
    path: '/api/audit',
    summary: 'Search the audit log: by actor, department, entity, action, outcome and days; newest first',
    tags: ['audit'],
    auth: 'user',
    roles: [...AUDITORS],
    query: AuditQuerySchema,
    response: AuditPageSchema,
    handler: async ({ query, user, req }) => {
      const { page, pageSize, ...filter } = query;
      return audit.search(user, filter, { page, pageSize }, req.ip);
    },
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/audit/export.:format',
    summary:
      'The audit entries a filter finds, as a file: export.csv or export.xlsx (the newest 10,000 at most)',
    tags: ['audit'],
    auth: 'user',
    roles: [...AUDITORS],
    params: z.object({ format: z.enum(['csv', 'xlsx']) }),
    query: AuditFilterSchema,
    file: {
      contentTypes: [CONTENT_TYPES.csv, CONTENT_TYPES.xlsx],
      description: 'The entries as CSV (UTF-8 with BOM) or XLSX',
    },
    handler: async ({ params, query, user, req }): Promise<FileResponse> => {
      const file = await audit.export(user, query, params.format, req.ip);
      return { contentType: CONTENT_TYPES[params.format], ...file };
    },
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/audit/verify',
    summary:
      'Recompute the SM3 hash chains of the audit and exchange logs, check their signed checkpoints, and report the first broken link',
    tags: ['audit'],
    auth: 'user',
    roles: [...AUDITORS, 'admin'],
    response: VerificationSchema,
    handler: async ({ user, req }) => audit.verify(user, req.ip),
  });

  addRoute(router, registry, {
    method: 'post',
    path: '/api/audit/checkpoints',
    summary: "Sign both logs' current heads now with the platform's SM2 key",
    tags: ['audit'],
    auth: 'user',
    roles: ['admin'],
    response: CheckpointsSchema,
    status: 201,
    handler: async ({ user, req }) => audit.checkpoint(user, req.ip),
  });
}
