/**
 * The policy document: every deadline, reminder and escalation chain of every
 * process step, each citing the article it enforces. Workflow code reads these
 * numbers from the document version in force when the workflow started; it
 * never writes them as literals.
 */
import { z } from 'zod';
import { ROLES } from '../roles';
import { DurationSchema } from './duration';

const Text = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();

export const CITATION_BASES = ['measures', 'national', 'default'] as const;
export type CitationBasis = (typeof CITATION_BASES)[number];

/** Where a number comes from: the article of the measures, and whether the text itself sets it. */
export const CitationSchema = z
  .object({
    article: z.number().int().min(1).max(99),
    /** 'measures': the number is in the article; 'national': a higher rule; 'default': the article sets no number, this is ours. */
    basis: z.enum(CITATION_BASES).default('measures'),
    /** With basis 'national': the higher rule that sets the number, as it is cited (e.g. 国发〔2016〕51号第十三条). */
    source: z.string().min(1).optional(),
    note: z.string().optional(),
  })
  .strict();

/**
 * Who acts on a step: a role, and the case party whose department the actor
 * must belong to (e.g. "provider"). No party means a city-level role.
 */
export const ActorRefSchema = z.object({ role: z.enum(ROLES), party: z.string().min(1).optional() }).strict();

export const ReminderSchema = z
  .object({
    /** How long before the deadline. Working days count back to `hour`:00 on that working day. */
    before: DurationSchema,
  })
  .strict();

export const EscalationLevelSchema = z
  .object({
    /** How long after the deadline this level is reached (0 = at the deadline). */
    after: DurationSchema,
    /** Who is told. */
    notify: z.array(ActorRefSchema).min(1),
    /** Whether those told may now complete the task themselves (e.g. art. 22: the platform authority decides in the provider's place). */
    mayAct: z.boolean().default(false),
    label: Text,
    citation: CitationSchema,
  })
  .strict();

export const StepPolicySchema = z
  .object({
    name: Text,
    deadline: DurationSchema,
    citation: CitationSchema,
    /** Who acts: one candidate group, or several (e.g. both parties of a negotiation). */
    actor: z.union([ActorRefSchema, z.array(ActorRefSchema).min(1)]),
    /** The decisions this step accepts; those listed in `reasonRequired` must come with a reason. */
    decisions: z.array(z.string().min(1)).min(1),
    reasonRequired: z.array(z.string().min(1)).default([]),
    reminders: z.array(ReminderSchema).default([]),
    escalation: z.array(EscalationLevelSchema).default([]),
    /**
     * The deciding actor of an earlier step sets this step's period (e.g. the LG office's order,
     * art. 37) within these bounds; `deadline` is the period when it sets none.
     */
    periodSetBy: z
      .object({
        step: z.string().regex(/^[a-z][a-z_]*$/),
        min: z.object({ workingDays: z.number().int().min(1).max(366) }).strict(),
        max: z.object({ workingDays: z.number().int().min(1).max(366) }).strict(),
        /** How far off a period given as a date may end. */
        latestDate: z.object({ calendarDays: z.number().int().min(1).max(3660) }).strict(),
        citation: CitationSchema,
      })
      .strict()
      .optional(),
  })
  .strict();

export const ProcessPolicySchema = z
  .object({
    name: Text,
    steps: z.record(z.string().regex(/^[a-z][a-z_]*$/), StepPolicySchema),
  })
  .strict();

/**
 * The registers' numbers: how long the logs of art. 33 (audit, exchange) are kept before they
 * may be archived (a version without it lets nothing be archived), and when the department of
 * an expiring agreement of art. 30 is reminded.
 */
export const RecordsPolicySchema = z
  .object({
    logRetention: z.object({ years: z.number().int().min(1).max(100), citation: CitationSchema }).strict(),
    /** How long before a security or confidentiality agreement (art. 30) expires its department is reminded. */
    agreementReminder: z.object({ before: DurationSchema, citation: CitationSchema }).strict().optional(),
  })
  .strict();

/** The limits a sharing request is checked against before it is filed. */
export const SharingPolicySchema = z
  .object({
    /**
     * Art. 22: whether the platform authority may decide a provider's review at any time (the
     * text's reading), or only once the provider's deadline has passed (its escalation).
     */
    directAuthorisation: z.object({ enabled: z.boolean(), citation: CitationSchema }).strict().optional(),
    /** The longest usage period one request may ask for (the measures set none: a platform default). */
    maxUsagePeriod: z.object({ years: z.number().int().min(1).max(50), citation: CitationSchema }).strict(),
  })
  .strict();

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A cycle's period is elapsed time, not working days: data is due whatever the calendar. */
const FreshnessPeriodSchema = z.union([
  z.object({ calendarDays: z.number().int().min(1).max(3660) }).strict(),
  z
    .object({
      hours: z
        .number()
        .int()
        .min(1)
        .max(24 * 366),
    })
    .strict(),
  z
    .object({
      minutes: z
        .number()
        .int()
        .min(1)
        .max(60 * 24 * 366),
    })
    .strict(),
]);
export type FreshnessPeriod = z.infer<typeof FreshnessPeriodSchema>;

/**
 * Art. 20: how long after its last update an entry's data is due again, by the update cycle it
 * declares (`on_change` has none: it is due when it changes). A version without it watches none.
 */
export const CataloguePolicySchema = z
  .object({
    freshness: z
      .object({
        periods: z
          .object({
            realtime: FreshnessPeriodSchema,
            daily: FreshnessPeriodSchema,
            weekly: FreshnessPeriodSchema,
            monthly: FreshnessPeriodSchema,
            quarterly: FreshnessPeriodSchema,
            yearly: FreshnessPeriodSchema,
          })
          .strict(),
        citation: CitationSchema,
      })
      .strict(),
  })
  .strict();

export const PolicyDocumentSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    version: z.number().int().min(1),
    title: Text,
    source: z.string().min(1),
    /**
     * Whether the text was promulgated or is a draft (送审稿). A draft has no
     * promulgation date: `effectiveFrom` is then the day the platform applies
     * it from, cited with `effectiveCitation`, not a date the city set.
     */
    status: z.enum(['draft', 'promulgated']).default('promulgated'),
    effectiveFrom: IsoDay,
    /** The last day it is in force (art. 39: 有效期至…); none means until a later version replaces it. */
    effectiveTo: IsoDay.optional(),
    effectiveCitation: CitationSchema.optional(),
    /** Local hour at which reminders counted in working days are sent. */
    reminderHour: z.number().int().min(0).max(23).default(9),
    processes: z.record(z.string().regex(/^[a-z][a-z_]*$/), ProcessPolicySchema),
    records: RecordsPolicySchema.optional(),
    sharing: SharingPolicySchema.optional(),
    catalogue: CataloguePolicySchema.optional(),
  })
  .strict()
  .superRefine((doc, ctx) => {
    if (doc.effectiveTo !== undefined && doc.effectiveTo < doc.effectiveFrom)
      ctx.addIssue({
        code: 'custom',
        path: ['effectiveTo'],
        message: `must be on or after effectiveFrom (${doc.effectiveFrom})`,
      });
    if (doc.status === 'draft' && !doc.effectiveCitation)
      ctx.addIssue({
        code: 'custom',
        path: ['effectiveCitation'],
        message:
          'a draft has no promulgation date: say on what basis the platform applies it from effectiveFrom',
      });
    for (const [processName, process] of Object.entries(doc.processes)) {
      for (const [stepName, step] of Object.entries(process.steps)) {
        for (const d of step.reasonRequired) {
          if (!step.decisions.includes(d)) {
            ctx.addIssue({
              code: 'custom',
              path: ['processes', processName, 'steps', stepName, 'reasonRequired'],
              message: `"${d}" is not one of the step's decisions (${step.decisions.join(', ')})`,
            });
          }
        }
      }
    }
  });

export type ActorRef = z.infer<typeof ActorRefSchema>;
export type StepPolicy = z.infer<typeof StepPolicySchema>;
export type PolicyDocument = z.infer<typeof PolicyDocumentSchema>;
export type RecordsPolicy = z.infer<typeof RecordsPolicySchema>;

/** A policy document as stored: its version key and content. */
export interface PolicyVersion {
  key: string;
  document: PolicyDocument;
}

export function policyKey(doc: Pick<PolicyDocument, 'id' | 'version'>): string {
  return `${doc.id}@${doc.version}`;
}

class PolicyLookupError extends Error {}

/** The step's actors as a list, whether the document names one or several. */
export function stepActors(step: Pick<StepPolicy, 'actor'>): ActorRef[] {
  return Array.isArray(step.actor) ? step.actor : [step.actor];
}

export function stepPolicy(doc: PolicyDocument, processType: string, step: string): StepPolicy {
  const process = doc.processes[processType];
  const found = process?.steps[step];
  if (!found) throw new PolicyLookupError(`policy ${policyKey(doc)} has no step ${processType}.${step}`);
  return found;
}
