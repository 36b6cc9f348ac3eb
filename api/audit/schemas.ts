/** Request and response shapes of the audit trail's endpoints (art. 32, 33). */
import { z } from 'zod';
import { CHAIN_PROBLEMS } from '../../domain/audit/log-chain';
import { LocalDateSchema, LocalizedTextSchema, PageQuerySchema, pageOf } from '../http/common-schemas';

const Name = (what: string) =>
  z
    .string()
    .max(191)
    .regex(/^[\p{L}\p{N}._:#@/|-]+$/u, `must be ${what}: letters, digits and . _ : # @ / | -`);

/** Who, on what, what, with which outcome, over which days: all optional, all combined with AND. */
const AuditFilterFields = z
  .object({
    actor: Name('a user name').optional(),
    department: Name('a department code').optional(),
    entityType: Name('an entity type, e.g. sharing_request, grant, resource').optional(),
    entityId: Name('an id, e.g. SR-2026-000001').optional(),
    action: Name('an action, or its start, e.g. sharing_request. or access.refused').optional(),
    outcome: z.enum(['ok', 'refused'], { error: 'must be ok or refused' }).optional(),
    from: LocalDateSchema.optional().openapi({ description: 'First day (Asia/Shanghai), inclusive' }),
    to: LocalDateSchema.optional().openapi({ description: 'Last day (Asia/Shanghai), inclusive' }),
  })
  .strict();

const inOrder = (f: { from?: string; to?: string }) => !f.from || !f.to || f.from <= f.to;
const outOfOrder = { message: 'must not be after to', path: ['from'] };

export const AuditFilterSchema = AuditFilterFields.refine(inOrder, outOfOrder);
export const AuditQuerySchema = AuditFilterFields.extend(PageQuerySchema.shape).refine(inOrder, outOfOrder);
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export const AuditEntrySchema = z
  .object({
    pos: z.number().int().openapi({ description: 'Position in the hash chain' }),
    id: z.string(),
    at: z.string().openapi({ example: '2026-11-25T10:00:00.000+08:00' }),
    actor: z.string().nullable().openapi({ description: 'null: the platform itself (a workflow)' }),
    actorName: z.string().nullable(),
    actorDepartment: z.string().nullable(),
    actorDepartmentName: LocalizedTextSchema.nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    ip: z.string().nullable(),
    outcome: z.enum(['ok', 'refused']),
    detail: z.unknown(),
    hash: z.string().nullable(),
  })
  .openapi('AuditEntry');

export const AuditPageSchema = pageOf(AuditEntrySchema, 'AuditPage');

const BrokenLinkSchema = z.object({
  pos: z.number().int(),
  id: z.string().nullable(),
  problem: z.enum(CHAIN_PROBLEMS),
  message: z.string(),
});

const CheckpointSchema = z.object({
  id: z.number().int(),
  log: z.string(),
  pos: z.number().int(),
  hash: z.string(),
  at: z.string(),
  keyId: z.string(),
  signature: z.string(),
});

export const ChainReportSchema = z.object({
  log: z.enum(['audit', 'exchange']),
  ok: z.boolean(),
  rows: z.number().int(),
  head: z.object({ pos: z.number().int(), hash: z.string() }),
  checkpoints: z.number().int(),
  archived: z.object({ rows: z.number().int(), toPos: z.number().int() }).openapi({
    description: 'Rows moved to archive files after the retention period (npm run archive-logs)',
  }),
  firstBroken: BrokenLinkSchema.nullable(),
  latestCheckpoint: CheckpointSchema.nullable(),
});

export const VerificationSchema = z
  .object({
    ok: z.boolean(),
    checkedAt: z.string(),
    logs: z.array(ChainReportSchema),
    protection: z.object({
      triggers: z.array(z.string()),
      complete: z.boolean().openapi({
        description: 'Whether the database refuses UPDATE and DELETE of log rows by itself',
      }),
    }),
    signingKey: z.object({ keyId: z.string(), algorithm: z.string(), publicKeyPem: z.string() }),
    retention: z
      .object({
        years: z.number().int(),
        article: z.number().int(),
        basis: z.enum(['measures', 'national', 'default']),
        policyKey: z.string(),
        label: LocalizedTextSchema,
      })
      .nullable()
      .openapi({
        description: 'How long the logs are kept, from the policy in force; null when it sets none',
      }),
  })
  .openapi('AuditVerification');

export const CheckpointsSchema = z
  .object({ checkpoints: z.array(CheckpointSchema) })
  .openapi('LogCheckpoints');
export type CheckpointView = z.infer<typeof CheckpointSchema>;
