/** Shapes of sharing requests and grants. */
import { z } from 'zod';
import { SHARE_TYPES, SHARING_MODES } from '../../domain/catalogue/resource';
import { GRANT_STATUSES, REQUEST_STATUSES } from '../../workflows/sharing_request/contract';
import { DepartmentRefSchema, PageQuerySchema, pageOf, MAX_LIST } from '../http/common-schemas';
import { CurrentTaskSchema, DeadlineEntrySchema, TimelineEntrySchema } from '../cases/case-schemas';
import { DisputeRefSchema } from '../dispute/schemas';

export const GrantSchema = z
  .object({
    id: z.string(),
    requestId: z.string(),
    workflowId: z.string().nullable(),
    resourceCode: z.string(),
    consumerDepartment: z.string(),
    providerDepartment: z.string(),
    items: z.array(z.string()),
    purpose: z.string(),
    usageFrom: z.string(),
    usageTo: z.string(),
    mode: z.enum(SHARING_MODES),
    status: z.enum(GRANT_STATUSES),
    grantedAt: z.string(),
    endedAt: z.string().nullable(),
    endedBy: z.string().nullable(),
    endReason: z.string().nullable(),
    part: z.enum(['main', 'base', 'ruled']).openapi({
      description:
        "base: a basic resource's base items, granted at once (art. 19); main: the request's other items, or all of them; ruled: a revoked grant reinstated by the leading group's ruling (art. 25)",
    }),
  })
  .openapi('Grant');

export const RequestSummarySchema = z
  .object({
    id: z.string().openapi({ example: 'SR-20261124-7K3M9Q' }),
    resourceCode: z.string(),
    resourceName: z.string(),
    shareType: z.enum(SHARE_TYPES),
    status: z.enum(REQUEST_STATUSES),
    currentStep: z.string().nullable(),
    consumerDepartment: DepartmentRefSchema,
    providerDepartment: DepartmentRefSchema,
    requestedBy: z.string(),
    submittedAt: z.string(),
    updatedAt: z.string(),
    currentTask: CurrentTaskSchema.nullable(),
  })
  .openapi('RequestSummary');

export const RequestDetailSchema = RequestSummarySchema.extend({
  resourceVersion: z.number().int().nullable().openapi({
    description:
      'The version of the catalogue entry the request was made against (GET /api/catalogue/resources/{code}/versions); null for requests made before versions were kept',
  }),
  items: z.array(z.string()),
  purpose: z.string(),
  basis: z.string(),
  answers: z.record(z.string(), z.string()),
  conditions: z.array(z.object({ id: z.string(), question: z.string(), answer: z.string() })).openapi({
    description: 'Each answer under the question it replies to, as asked when the request was made',
  }),
  usageFrom: z.string(),
  usageTo: z.string(),
  decisionReason: z.string().nullable(),
  currentTask: CurrentTaskSchema.nullable(),
  deadlines: z.array(DeadlineEntrySchema),
  timeline: z.array(TimelineEntrySchema),
  grant: GrantSchema.nullable(),
  baseGrant: GrantSchema.nullable().openapi({
    description:
      "The grant of a basic resource's base items, made at once when the request also names other items (art. 19)",
  }),
  dispute: DisputeRefSchema.nullable(),
  corrections: z
    .array(z.object({ id: z.string(), status: z.string(), filedAt: z.string() }))
    .openapi({ description: "The corrections filed on the request's grants (art. 24), oldest first" }),
}).openapi('RequestDetail');

export const RequestListQuerySchema = PageQuerySchema.extend({
  status: z.enum(REQUEST_STATUSES).optional(),
  resourceCode: z.string().max(40).optional(),
  consumer: z.string().max(40).optional(),
  provider: z.string().max(40).optional(),
});

export const RequestListSchema = pageOf(RequestSummarySchema, 'RequestList');

export const RequestIdParamsSchema = z.object({ id: z.string().max(40) });

export const WithdrawBodySchema = z
  .object({ reason: z.string().trim().max(2000).optional() })
  .strict()
  .openapi('WithdrawRequest');

export const RevokeBodySchema = z
  .object({ reason: z.string({ error: 'is required' }).trim().min(1, 'is required').max(2000) })
  .strict()
  .openapi('RevokeGrant');

export const GrantListQuerySchema = PageQuerySchema.extend({
  status: z.enum(GRANT_STATUSES).optional(),
  resourceCode: z.string().max(40).optional(),
});

export const GrantListSchema = pageOf(GrantSchema, 'GrantList');

export const GrantIdParamsSchema = z.object({ id: z.string().max(60) });

export const ExchangeBodySchema = z
  .object({
    items: z
      .array(z.string().trim().min(1).max(100))
      .min(1, 'name at least one data item')
      .max(MAX_LIST, `name at most ${MAX_LIST} data items`),
    recordCount: z.number().int().min(0).max(10_000_000),
  })
  .strict()
  .openapi('ExchangeUse');

export const ExchangeSchema = z
  .object({
    id: z.string(),
    grantId: z.string(),
    resourceCode: z.string(),
    consumerDepartment: z.string(),
    providerDepartment: z.string(),
    actor: z.string(),
    mode: z.string(),
    items: z.array(z.string()),
    recordCount: z.number().int(),
    ip: z.string().nullable(),
    at: z.string(),
    dispute: DisputeRefSchema.nullable(),
  })
  .openapi('Exchange');

/** A use of a grant that was refused, under the id its answer named (`ref`); it can be disputed (art. 25). */
export const RefusedExchangeSchema = ExchangeSchema.extend({
  code: z.string().openapi({ example: 'items_not_granted' }),
  message: z.string(),
}).openapi('RefusedExchange');

export const ExchangeListSchema = z
  .object({ items: z.array(ExchangeSchema), refusals: z.array(RefusedExchangeSchema) })
  .openapi('ExchangeList');
