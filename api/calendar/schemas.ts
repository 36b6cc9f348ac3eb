/** Request and response shapes of the working-day calendar endpoints. */
import { z } from 'zod';
import { CalendarYearInputSchema } from '../../domain/calendar/calendar-year';
import { DecimalIntSchema, IsoInstantSchema } from '../http/common-schemas';

export const DeadlineQuerySchema = z
  .object({
    from: IsoInstantSchema,
    workingDays: DecimalIntSchema(1, 366).openapi({ example: '2' }),
  })
  .strict();

export const DeadlineSchema = z
  .object({
    deadline: z.string().openapi({ example: '2026-10-09T23:59:59.999+08:00' }),
    provisional: z.boolean().openapi({
      description:
        'True when the deadline reaches into a year whose official schedule is not yet imported (weekends only).',
    }),
  })
  .openapi('Deadline');

export const YearParamsSchema = z.object({
  year: DecimalIntSchema(1990, 2100, 'must be a year from 1990 to 2100').openapi({ example: '2026' }),
});

const DayEntry = z.object({
  date: z.string().openapi({ example: '2026-10-01' }),
  name: z.string().nullable().optional(),
});

export const CalendarYearSchema = z
  .object({
    year: z.number().int(),
    known: z
      .boolean()
      .openapi({ description: 'Whether the official schedule of this year is in the calendar.' }),
    source: z.string().nullable(),
    importedBy: z.string().nullable(),
    importedAt: z.string().nullable(),
    holidays: z.array(DayEntry),
    workdays: z
      .array(DayEntry)
      .openapi({ description: 'Weekend days that are make-up working days (调休上班).' }),
  })
  .openapi('CalendarYear');

// Domain schemas are built before the OpenAPI extension runs, so they carry metadata the zod 4 way (.meta).
export const CalendarImportSchema = CalendarYearInputSchema.meta({
  id: 'CalendarYearImport',
  example: {
    holidays: [{ date: '2027-01-01', name: '元旦' }],
    workdays: [{ date: '2027-02-20', name: '春节' }],
  },
});

export const CalendarImportResultSchema = CalendarYearSchema.extend({
  recomputedWorkflows: z
    .number()
    .int()
    .openapi({ description: 'Running workflows told to recompute provisional deadlines.' }),
  recomputeFailures: z.number().int(),
}).openapi('CalendarImportResult');
