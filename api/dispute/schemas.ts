/** Shapes of disputes (art. 21, 25). */
import { z } from 'zod';
import { CurrentTaskSchema, DeadlineEntrySchema, TimelineEntrySchema } from '../cases/case-schemas';
import { DISPUTE_STATUSES, DISPUTE_SUBJECTS } from '../../workflows/dispute/contract';
import { departmentNameFields, PageQuerySchema, pageOf } from '../http/common-schemas';

export const DisputeSchema = z
  .object({
    id: z.string(),
    workflowId: z.string(),
    subjectType: z.enum(DISPUTE_SUBJECTS),
    subjectId: z.string(),
    providerDepartment: z.string(),
    consumerDepartment: z.string(),
    openedBy: z.string(),
    openedByName: z.string().nullable(),
    openedByDepartment: z.string(),
    ...departmentNameFields('providerDepartment', 'consumerDepartment', 'openedByDepartment'),
    claim: z.string(),
    subjectRecord: z
      .object({
        report: z.string().nullable().openapi({
          description:
            "The consumer's side as first put: the correction's report, the request's or grant's purpose",
        }),
        answer: z.string().nullable().openapi({
          description:
            "The provider's answer: the correction's reply, the denial's or revocation's reason, the refusal",
        }),
        answerDecision: z.string().nullable().openapi({ example: 'denied' }),
      })
      .nullable()
      .openapi({ description: 'What the dispute is about, as the parties first put it' }),
    status: z.enum(DISPUTE_STATUSES),
    currentStep: z.string().nullable(),
    proposal: z
      .object({ by: z.string(), byName: z.string().nullable(), department: z.string(), text: z.string() })
      .nullable(),
    outcome: z
      .object({
        stage: z.string(),
        decision: z.string(),
        text: z.string(),
        by: z.string(),
        byName: z.string().nullable(),
      })
      .nullable(),
    openedAt: z.string(),
    updatedAt: z.string(),
    currentTask: CurrentTaskSchema.nullable(),
    deadlines: z.array(DeadlineEntrySchema),
    timeline: z.array(TimelineEntrySchema),
  })
  .openapi('Dispute');

/** A case's dispute, as the request or correction it is about shows it. */
export const DisputeRefSchema = z
  .object({
    id: z.string(),
    status: z.enum(DISPUTE_STATUSES),
    outcome: z
      .object({ stage: z.string(), decision: z.string(), text: z.string(), by: z.string() })
      .nullable(),
  })
  .openapi('DisputeRef');

/** A dispute as a list shows it. */
export const DisputeSummarySchema = DisputeSchema.pick({
  id: true,
  subjectType: true,
  subjectId: true,
  providerDepartment: true,
  consumerDepartment: true,
  providerDepartmentName: true,
  consumerDepartmentName: true,
  status: true,
  openedAt: true,
  updatedAt: true,
}).openapi('DisputeSummary');

export const DisputeListQuerySchema = PageQuerySchema.extend({ status: z.enum(DISPUTE_STATUSES).optional() });

export const DisputeListSchema = pageOf(DisputeSummarySchema, 'DisputeList');
