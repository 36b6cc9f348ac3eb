/**
 * A year's official schedule of holidays and make-up working days, as an admin
 * imports it (PUT /api/calendar/:year), with the checks that keep it coherent.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written yyyy-MM-dd')
  .refine((s) => DateTime.fromISO(s).isValid, 'is not a real calendar date');

export const CalendarEntrySchema = z.object({
  date: isoDate,
  name: z.string().trim().min(1).max(100).optional(),
});

export const CalendarYearInputSchema = z
  .object({
    holidays: z.array(CalendarEntrySchema).max(366),
    workdays: z.array(CalendarEntrySchema).max(366),
  })
  .strict();

export type CalendarYearInput = z.infer<typeof CalendarYearInputSchema>;

export interface CalendarProblem {
  /** JSON path of the bad entry, e.g. "holidays[3].date". */
  path: string;
  message: string;
}

/** Cross-entry checks a schema cannot express: dates inside the year, no date listed twice or both ways. */
export function checkCalendarYear(year: number, input: CalendarYearInput): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const seen = new Map<string, string>();
  for (const list of ['holidays', 'workdays'] as const) {
    input[list].forEach((entry, i) => {
      const path = `${list}[${i}].date`;
      if (!entry.date.startsWith(`${year}-`)) {
        problems.push({ path, message: `${entry.date} is not in ${year}` });
        return;
      }
      const before = seen.get(entry.date);
      if (before !== undefined) {
        problems.push({
          path,
          message: before.startsWith(list)
            ? `${entry.date} is listed twice (also at ${before})`
            : `${entry.date} is listed both as a holiday and as a make-up working day (also at ${before})`,
        });
        return;
      }
      seen.set(entry.date, path);
    });
  }
  return problems;
}
