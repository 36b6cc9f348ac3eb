/** Attachments' shapes at the edge: which cases take them, and what the API answers. */
import { z } from 'zod';
import { LocalizedTextSchema } from '../http/common-schemas';

/** The processes whose cases take attachments: requests, corrections and disputes (letters, evidence). */
export const ATTACHABLE = ['sharing_request', 'correction', 'dispute'] as const;

export const CaseParamsSchema = z.object({
  caseType: z
    .enum(ATTACHABLE)
    .openapi({ description: 'The case’s process: sharing_request, correction or dispute' }),
  caseId: z.string().trim().min(1, 'is required').max(100),
});

export const AttachmentParamsSchema = CaseParamsSchema.extend({
  id: z.string().trim().min(1, 'is required').max(40),
});

export const AttachmentSchema = z
  .object({
    id: z.string(),
    caseType: z.string(),
    caseId: z.string(),
    fileName: z.string(),
    mediaType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z
      .string()
      .openapi({ description: 'SHA-256 of the bytes, hex: what was received is what is served' }),
    uploadedBy: z.string(),
    uploadedByName: z.string().nullable(),
    uploadedByDepartment: z.string(),
    uploadedByDepartmentName: LocalizedTextSchema.nullable(),
    uploadedAt: z.string(),
  })
  .openapi('Attachment');

export const AttachmentListSchema = z
  .object({
    items: z.array(AttachmentSchema),
    /** What may be attached here: the file types and the largest size. */
    accepts: z.object({ extensions: z.array(z.string()), maxBytes: z.number().int() }),
  })
  .openapi('AttachmentList');
