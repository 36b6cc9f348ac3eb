/** Shapes of corrections (art. 24). */
import { z } from 'zod';
import { CurrentTaskSchema, DeadlineEntrySchema, TimelineEntrySchema } from '../cases/case-schemas';
import { DisputeRefSchema } from '../dispute/schemas';
import { CORRECTION_STATUSES } from '../../workflows/correction/contract';
import { departmentNameFields, PageQuerySchema, pageOf } from '../http/common-schemas';

export const CorrectionSchema = z
  .object({
    id: z.string().openapi({ example: 'CR-20261125-4Q7ZK2' }),
    resourceCode: z.string(),
    resourceName: z.string(),
    grantId: z.string().nullable(),
    requestId: z
      .string()
      .nullable()
      .openapi({ description: 'The sharing request whose grant this correction is filed on' }),
    consumerDepartment: z.string(),
    providerDepartment: z.string(),
    ...departmentNameFields('consumerDepartment', 'providerDepartment'),
    filedBy: z.string(),
    filedByName: z.string().nullable(),
    discoveredAt: z.string(),
    filedAt: z.string(),
    filingDeadline: z.string().openapi({
      description:
        'The end of the filing period the policy in force sets, counted from the discovery (art. 24)',
    }),
    late: z.boolean().openapi({ description: 'Filed after the filing deadline: accepted, and flagged' }),
    items: z.array(z.string()),
    description: z.string(),
    evidence: z.string(),
    status: z.enum(CORRECTION_STATUSES),
    reply: z.object({ decision: z.string(), text: z.string() }).nullable(),
    currentTask: CurrentTaskSchema.nullable(),
    deadlines: z.array(DeadlineEntrySchema),
    timeline: z.array(TimelineEntrySchema),
    dispute: DisputeRefSchema.nullable(),
  })
  .openapi('Correction');

/** A correction as a list shows it. */
export const CorrectionSummarySchema = CorrectionSchema.pick({
  id: true,
  resourceCode: true,
  resourceName: true,
  grantId: true,
  consumerDepartment: true,
  providerDepartment: true,
  consumerDepartmentName: true,
  providerDepartmentName: true,
  filedAt: true,
  late: true,
  status: true,
}).openapi('CorrectionSummary');

export const CorrectionListQuerySchema = PageQuerySchema.extend({
  status: z.enum(CORRECTION_STATUSES).optional(),
});

export const CorrectionListSchema = pageOf(CorrectionSummarySchema, 'CorrectionList');
