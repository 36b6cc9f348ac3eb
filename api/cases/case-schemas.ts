/** Shapes every process's endpoints share: a case id, and a case's progress (its open task, each deadline, its timeline). */
import { z } from 'zod';
import { DeadlineBasisSchema, DeadlineCitationSchema, LocalizedTextSchema } from '../http/common-schemas';
import { CandidateSchema } from '../tasks/schemas';

export const CaseIdParamsSchema = z.object({ id: z.string().max(60) });

export const DeadlineEntrySchema = z
  .object({
    step: z.string(),
    stepName: LocalizedTextSchema,
    taskId: z.string(),
    deadline: z.string(),
    provisional: z.boolean(),
    article: z.number().int(),
    articleLabel: z.string(),
    limit: LocalizedTextSchema,
    basis: DeadlineBasisSchema,
    citation: DeadlineCitationSchema,
    breached: z.boolean(),
    status: z.enum(['open', 'done', 'cancelled']),
  })
  .openapi('DeadlineEntry');

export const TimelineEntrySchema = z
  .object({
    at: z.string(),
    step: z.string().nullable(),
    action: z.string().openapi({ example: 'decided' }),
    actor: z.string().nullable(),
    actorName: z
      .string()
      .nullable()
      .openapi({ description: "The actor's display name, beside the username" }),
    actorDepartment: z.string().nullable(),
    actorDepartmentName: LocalizedTextSchema.nullable(),
    decision: z.string().nullable(),
    reason: z.string().nullable(),
    onBehalfOf: z
      .string()
      .nullable()
      .openapi({ description: 'The absent colleague the actor decided for (由…代理), if any' }),
    onBehalfOfName: z.string().nullable(),
  })
  .openapi('TimelineEntry');

export const CurrentTaskSchema = z
  .object({
    id: z.string(),
    step: z.string(),
    stepName: LocalizedTextSchema,
    holders: z.array(CandidateSchema),
    claimedBy: z.string().nullable(),
    claimedByName: z.string().nullable(),
    deadline: z.string(),
    provisional: z.boolean(),
    article: z.number().int(),
    articleLabel: z.string().openapi({ example: '第二十三条' }),
    limit: LocalizedTextSchema.openapi({ description: "The step's time limit, e.g. 2个工作日" }),
    basis: DeadlineBasisSchema,
    citation: DeadlineCitationSchema,
    breached: z.boolean(),
    escalationLevel: z.number().int(),
  })
  .openapi('CurrentTask');
