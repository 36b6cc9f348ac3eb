/** An institutional reform as the LG office registers it (art. 9). */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { ZONE } from '../../domain/calendar/working-days';
import { LocalDateSchema, MAX_LIST } from '../http/common-schemas';
import { REFORM_TRIGGERS, STEWARD_DECISIONS } from '../../workflows/catalogue_update/contract';

export const ReformBodySchema = z
  .object({
    title: z.string().trim().min(1, 'is required').max(200),
    trigger: z.enum(REFORM_TRIGGERS).default('institutional_reform').openapi({
      description:
        "What sets the obligations off (art. 9): institutional_reform (机构改革), duty_adjustment (法定职责调整) or law_revision (法律法规修订). A data steward registers its own department's",
    }),
    effectiveDate: LocalDateSchema,
    departments: z
      .array(z.string().trim().min(1).max(40))
      .min(1, 'name at least one affected department')
      .max(MAX_LIST, `name at most ${MAX_LIST} departments`)
      .refine((d) => new Set(d).size === d.length, 'lists a department twice'),
    description: z.string().trim().max(4000).default(''),
  })
  .strict()
  .meta({ id: 'ReformBody' });

export type ReformBody = z.infer<typeof ReformBodySchema>;

/** A data steward's decision on one resource its department's obligation lists (art. 9). */
export const ResourceDecisionBodySchema = z
  .object({
    resourceCode: z.string().trim().min(1, 'is required').max(40),
    decision: z.enum(STEWARD_DECISIONS).openapi({
      description:
        'keep: stays as it is; transfer: moves, with its open requests and active grants, to `successor`; retire: leaves the 共享目录, its open requests are closed and its grants end. A resource is `updated` by publishing its change through a catalogue draft',
    }),
    successor: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .optional()
      .openapi({ description: 'The department that takes the resource over (transfer only)' }),
    reason: z.string().trim().min(1, 'is required').max(2000),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.decision === 'transfer' && !b.successor)
      ctx.addIssue({
        code: 'custom',
        path: ['successor'],
        message: 'name the department that takes the resource over',
      });
    if (b.decision !== 'transfer' && b.successor)
      ctx.addIssue({ code: 'custom', path: ['successor'], message: 'only a transfer has a successor' });
  })
  .meta({ id: 'ResourceDecisionBody' });

export type ResourceDecisionBody = z.infer<typeof ResourceDecisionBodySchema>;

/** The start of the effective date, local time: "within N working days of" counts the days after it. */
export function effectiveFrom(effectiveDate: string): string {
  return DateTime.fromISO(effectiveDate, { zone: ZONE }).startOf('day').toISO() as string;
}
