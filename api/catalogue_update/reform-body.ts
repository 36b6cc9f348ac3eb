/** An institutional reform as the LG office registers it (art. 9). */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { ZONE } from '../../domain/calendar/working-days';
import { LocalDateSchema, MAX_LIST } from '../http/common-schemas';

export const ReformBodySchema = z
  .object({
    title: z.string().trim().min(1, 'is required').max(200),
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

/** The start of the effective date, local time: "within N working days of" counts the days after it. */
export function effectiveFrom(effectiveDate: string): string {
  return DateTime.fromISO(effectiveDate, { zone: ZONE }).startOf('day').toISO() as string;
}
