/** Files attached to requests, corrections and disputes: attach, list, download. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import type { ApiDeps } from '../http/deps';
import { addRoute } from '../http/route';
import { AttachmentListSchema, AttachmentParamsSchema, AttachmentSchema, CaseParamsSchema } from './schemas';
import { createAttachmentService } from './service';

export function attachmentRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  const service = createAttachmentService(deps);

  addRoute(router, registry, {
    method: 'post',
    path: '/api/cases/:caseType/:caseId/attachments',
    summary: 'Attach a file (an official letter, evidence) to a request, correction or dispute',
    description:
      "The case's parties and city-level roles may attach. Allowed: PDF, OFD, JPEG, PNG, DOCX and XLSX, each checked by its first bytes; at most ATTACHMENT_MAX_BYTES. 413: too large; 415: a type not allowed, or content that is not what its name says (refusals are audited). The attachment is in the audit log with its SHA-256.",
    tags: ['attachments'],
    auth: 'user',
    params: CaseParamsSchema,
    upload: {
      field: 'file',
      maxBytes: deps.config.attachments.maxBytes,
      description: 'The file; its name is kept (without folders)',
    },
    response: AttachmentSchema,
    status: 201,
    handler: async ({ params, user, file, req }) =>
      service.upload(user, params.caseType, params.caseId, file, req.ip),
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/cases/:caseType/:caseId/attachments',
    summary: "A case's attachments, oldest first, and what may be attached",
    tags: ['attachments'],
    auth: 'user',
    params: CaseParamsSchema,
    response: AttachmentListSchema,
    handler: async ({ params, user }) => service.list(user, params.caseType, params.caseId),
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/cases/:caseType/:caseId/attachments/:id',
    summary: 'Download an attachment, under the name it was attached with',
    description:
      'Served as a download (never shown inline), with the type its kind has. Each download is audited.',
    tags: ['attachments'],
    auth: 'user',
    params: AttachmentParamsSchema,
    file: { contentTypes: ['application/octet-stream'], description: 'The file as attached' },
    audit: {
      action: 'attachment.download',
      entityType: 'attachment',
      entityId: (p) => p.id,
      detail: (p) => ({ caseType: p.caseType, caseId: p.caseId }),
    },
    handler: async ({ params, user }) => service.download(user, params.caseType, params.caseId, params.id),
  });
}
