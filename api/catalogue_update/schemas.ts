/** Shapes of reforms, their catalogue-update obligations and sanctions (art. 9, 37). */
import { z } from 'zod';
import {
  CaseIdParamsSchema,
  CurrentTaskSchema,
  DeadlineEntrySchema,
  TimelineEntrySchema,
} from '../cases/case-schemas';
import {
  OBLIGATION_STATUSES,
  REFORM_TRIGGERS,
  RESOURCE_DECISIONS,
  SANCTION_KINDS,
} from '../../workflows/catalogue_update/contract';
import { departmentNameFields, PageQuerySchema, pageOf, QueryFlagSchema } from '../http/common-schemas';

export const SanctionSchema = z
  .object({
    id: z.string(),
    department: z.string(),
    kind: z.enum(SANCTION_KINDS),
    caseType: z.string(),
    caseId: z.string(),
    reason: z.string(),
    at: z.string(),
    liftedAt: z.string().nullable(),
    liftedBy: z.string().nullable(),
  })
  .openapi('Sanction');

export const ReformSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    trigger: z.enum(REFORM_TRIGGERS),
    effectiveDate: z.string(),
    description: z.string(),
    registeredBy: z.string(),
    registeredByName: z.string().nullable(),
    idempotencyKey: z.string(),
    registeredAt: z.string(),
    late: z.boolean().openapi({
      description: "Registered after the departments' update period had already ended (art. 9)",
    }),
    daysLate: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Days from the end of that period to the registration' }),
    obligations: z.array(
      z.object({
        id: z.string(),
        reformId: z.string(),
        department: z.string(),
        ...departmentNameFields('department'),
        workflowId: z.string(),
        status: z.enum(OBLIGATION_STATUSES),
        currentStep: z.string().nullable(),
        metHow: z.string().nullable(),
        metNote: z.string().nullable(),
        metAt: z.string().nullable(),
        updatedAt: z.string(),
        currentTasks: z.array(CurrentTaskSchema),
        deadlines: z.array(DeadlineEntrySchema),
        timeline: z.array(TimelineEntrySchema),
        sanctions: z.array(SanctionSchema),
        resources: z
          .array(
            z.object({
              code: z.string(),
              name: z.string(),
              decision: z.enum(RESOURCE_DECISIONS).nullable(),
              successor: z.string().nullable(),
              reason: z.string().nullable(),
              decidedBy: z.string().nullable(),
              decidedAt: z.string().nullable(),
            }),
          )
          .openapi({
            description:
              "The department's resources the obligation lists, each with its decision (null: undecided); empty for obligations met by any change",
          }),
      }),
    ),
  })
  .openapi('Reform');

/** A reform's id and one of the departments it obliges. */
export const ObligationParamsSchema = CaseIdParamsSchema.extend({ department: z.string().max(40) });

export const SanctionListQuerySchema = z.object({
  department: z.string().max(40).optional(),
  active: QueryFlagSchema.optional(),
});

export const SanctionListSchema = z.object({ items: z.array(SanctionSchema) }).openapi('SanctionList');

/** A reform as a list shows it: how many of its departments have met their obligation. */
export const ReformSummarySchema = ReformSchema.pick({
  id: true,
  title: true,
  effectiveDate: true,
  registeredAt: true,
})
  .extend({
    departments: z.number().int().openapi({ description: 'Departments the reform obliges' }),
    met: z.number().int().openapi({ description: 'Of those, how many have updated their catalogue' }),
  })
  .openapi('ReformSummary');

export const ReformListQuerySchema = PageQuerySchema.extend({
  department: z
    .string()
    .max(40)
    .optional()
    .openapi({ description: 'Only the reforms that oblige this department' }),
});

export const ReformListSchema = pageOf(ReformSummarySchema, 'ReformList');
