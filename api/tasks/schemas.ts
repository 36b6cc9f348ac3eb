/** Shapes of the task inbox. */
import { z } from 'zod';
import { ROLES } from '../../domain/roles';
import {
  LocalizedTextSchema,
  PageQuerySchema,
  QueryFlagSchema,
  pageOf,
  DecimalIntSchema,
  DeadlineBasisSchema,
  DeadlineCitationSchema,
} from '../http/common-schemas';

export const CandidateSchema = z
  .object({
    role: z.enum(ROLES),
    department: z.string().nullable(),
    departmentName: LocalizedTextSchema.nullable().openapi({
      description: "The department's names, beside its code",
    }),
  })
  .openapi('Candidate');

export const TaskSchema = z
  .object({
    id: z.string(),
    processType: z.string().openapi({ example: 'sharing_request' }),
    processName: LocalizedTextSchema,
    caseId: z.string(),
    step: z.string().openapi({ example: 'platform_review' }),
    stepName: LocalizedTextSchema,
    department: z.string().nullable(),
    departmentName: LocalizedTextSchema.nullable(),
    role: z.enum(ROLES),
    candidates: z.array(CandidateSchema),
    status: z.enum(['open', 'done', 'cancelled']),
    claimedBy: z.string().nullable(),
    claimedByName: z.string().nullable(),
    startedAt: z.string(),
    deadline: z.string().openapi({ example: '2026-10-09T23:59:59.999+08:00' }),
    provisional: z.boolean(),
    article: z.number().int(),
    articleLabel: z.string().openapi({ example: '第二十三条' }),
    limit: LocalizedTextSchema,
    basis: DeadlineBasisSchema,
    citation: DeadlineCitationSchema,
    setsPeriod: z
      .object({
        step: z.string(),
        minWorkingDays: z.number().int(),
        maxWorkingDays: z.number().int(),
        latestDateDays: z.number().int(),
        default: LocalizedTextSchema,
        citation: DeadlineCitationSchema,
      })
      .nullable()
      .openapi({
        description:
          'When this decision sets the period of a later step (art. 37): send data.period as {workingDays} within these bounds or {until: yyyy-MM-dd} at most latestDateDays away; none sent means the default',
      }),
    breached: z.boolean(),
    overdue: z.boolean(),
    escalationLevel: z.number().int(),
    decisions: z.array(z.string()),
    reasonRequired: z.array(z.string()),
    decision: z.string().nullable(),
    reason: z.string().nullable(),
    completedBy: z.string().nullable(),
    completedByName: z.string().nullable(),
    completedFor: z
      .string()
      .nullable()
      .openapi({ description: 'The absent colleague the decider stood in for (由…代理), if any' }),
    completedForName: z.string().nullable(),
    completedAt: z.string().nullable(),
  })
  .openapi('Task');

/** What an inbox row says of the case behind a task. */
export const CaseSummarySchema = z
  .object({
    requesterDepartment: z
      .string()
      .nullable()
      .openapi({ description: 'The department that opened the case' }),
    requesterDepartmentName: LocalizedTextSchema.nullable(),
    subject: z.string().nullable().openapi({
      description: 'What the case is about, as a code: a resource, the case disputed, a reform',
      example: 'hr.social-insurance',
    }),
    subjectTitle: z.string().nullable().openapi({
      description: "The subject's title: the resource's name, the reform's or the incident's",
    }),
    openedAt: z
      .string()
      .nullable()
      .openapi({ description: 'When the case was opened (submitted, filed, registered)' }),
  })
  .openapi('CaseSummary');

/** A decided task, with what the decision opened. */
export const DecidedTaskSchema = TaskSchema.extend({
  opened: z.array(TaskSchema).openapi({
    description:
      "The case's tasks open once the decision was taken, e.g. the platform's review after a provider's approval: the workflow opens them before it answers the decision. Empty when the case ended or waits on something else.",
  }),
}).openapi('DecidedTask');

/** A task as the inbox lists it: the task, the case it belongs to, and the working days left. */
export const InboxTaskSchema = TaskSchema.extend({
  case: CaseSummarySchema.nullable(),
  actingFor: z.string().nullable().openapi({
    description:
      'The colleague who claimed this task and hands it to you while away (a delegation in force): you decide it for them',
  }),
  actingForName: z.string().nullable(),
  workingDaysLeft: z.number().int().nullable().openapi({
    description:
      "Working days on the official calendar from today to the deadline's day: 0 due today, negative overdue by that many; null once closed",
  }),
}).openapi('InboxTask');

/** A task as its holder opens it: what the caller can do with it now, and why not what is not offered. */
export const TaskDetailSchema = InboxTaskSchema.extend({
  actions: z
    .array(
      z.object({
        decision: z.string(),
        allowed: z.boolean(),
        reason: z.string().nullable().openapi({
          description: 'Why it is not offered now: a refusal reason, e.g. nothing_proposed; null when it is',
          example: 'nothing_proposed',
        }),
      }),
    )
    .openapi({ description: 'Each decision of the step, offered to the caller now or not' }),
  claim: z
    .object({ allowed: z.boolean(), reason: z.string().nullable() })
    .openapi({ description: 'Whether the caller may claim the task now (not a task both departments hold)' }),
}).openapi('TaskDetail');

export const TaskListQuerySchema = PageQuerySchema.extend({
  status: z.enum(['open', 'done']).default('open'),
  mine: QueryFlagSchema.default(false),
  unclaimed: QueryFlagSchema.default(false),
  overdue: QueryFlagSchema.default(false),
  dueWithinWorkingDays: DecimalIntSchema(0, 60)
    .optional()
    .openapi({ description: 'Only tasks due by the end of the N-th working day from today' }),
  processType: z.string().max(40).optional(),
  q: z.string().trim().max(100).optional().openapi({
    description:
      "Part of a case id, of the requesting department's code or name, or of the subject's code or title",
  }),
});

export const TaskListSchema = pageOf(InboxTaskSchema, 'TaskList').extend({
  totalCapped: z.boolean().openapi({
    description: 'true when there are more tasks than `total`: the inbox counts up to 1000',
  }),
});

export const TaskIdParamsSchema = z.object({ id: z.string().max(191) });

export const CompleteTaskBodySchema = z
  .object({
    decision: z.string().trim().min(1, 'is required').max(32),
    reason: z.string().trim().max(2000).optional(),
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .openapi('CompleteTask');

/** The decisions a reviewer may take for many tasks at once: approving alike requests. */
export const BULK_DECISIONS = ['approve'] as const;

/** The most tasks one bulk decision takes (a page of the inbox). */
export const MAX_BULK = 50;

export const CompleteManyBodySchema = z
  .object({
    taskIds: z.array(z.string().max(191)).min(1).max(MAX_BULK),
    decision: z.enum(BULK_DECISIONS),
    reason: z.string().trim().max(2000).optional(),
  })
  .strict()
  .openapi('CompleteMany');

export const CompleteManyResultSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        outcome: z.enum(['done', 'refused']),
        error: z.object({ code: z.string(), message: z.string() }).nullable(),
      }),
    ),
    done: z.number().int(),
  })
  .openapi('CompleteManyResult');
