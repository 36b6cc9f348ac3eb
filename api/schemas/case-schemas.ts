/** Shapes of corrections, disputes, reforms and sanctions. */
import { z } from 'zod';
import { CORRECTION_STATUSES } from '../../domain/correction/correction-contract';
import { DISPUTE_STATUSES, DISPUTE_SUBJECTS } from '../../domain/dispute/dispute-contract';
import { OBLIGATION_STATUSES, SANCTION_KINDS } from '../../domain/reform/reform-contract';
import { QueryFlagSchema } from './common-schemas';
import {
  CurrentTaskSchema,
  DeadlineEntrySchema,
  DisputeRefSchema,
  TimelineEntrySchema,
} from './request-schemas';

export const CaseIdParamsSchema = z.object({ id: z.string().max(60) });

export const CorrectionSchema = z
  .object({
    id: z.string().openapi({ example: 'CR-20261125-4Q7ZK2' }),
    resourceCode: z.string(),
    resourceName: z.string(),
    grantId: z.string().nullable(),
    consumerDepartment: z.string(),
    providerDepartment: z.string(),
    filedBy: z.string(),
    discoveredAt: z.string(),
    filedAt: z.string(),
    filingDeadline: z
      .string()
      .openapi({ description: 'End of the 5th working day after the discovery (art. 24)' }),
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

export const DisputeSchema = z
  .object({
    id: z.string(),
    workflowId: z.string(),
    subjectType: z.enum(DISPUTE_SUBJECTS),
    subjectId: z.string(),
    providerDepartment: z.string(),
    consumerDepartment: z.string(),
    openedBy: z.string(),
    openedByDepartment: z.string(),
    claim: z.string(),
    status: z.enum(DISPUTE_STATUSES),
    currentStep: z.string().nullable(),
    proposal: z.object({ by: z.string(), department: z.string(), text: z.string() }).nullable(),
    outcome: z
      .object({ stage: z.string(), decision: z.string(), text: z.string(), by: z.string() })
      .nullable(),
    openedAt: z.string(),
    updatedAt: z.string(),
    currentTask: CurrentTaskSchema.nullable(),
    deadlines: z.array(DeadlineEntrySchema),
    timeline: z.array(TimelineEntrySchema),
  })
  .openapi('Dispute');

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
    effectiveDate: z.string(),
    description: z.string(),
    registeredBy: z.string(),
    idempotencyKey: z.string(),
    registeredAt: z.string(),
    obligations: z.array(
      z.object({
        id: z.string(),
        reformId: z.string(),
        department: z.string(),
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
      }),
    ),
  })
  .openapi('Reform');

export const SanctionListQuerySchema = z.object({
  department: z.string().max(40).optional(),
  active: QueryFlagSchema.optional(),
});

export const SanctionListSchema = z.object({ items: z.array(SanctionSchema) }).openapi('SanctionList');
