/** Schemas shared by many endpoints. */
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { ZONE } from '../../domain/calendar/working-days';
import { ROLES } from '../../domain/roles';
import { CITATION_BASES } from '../../domain/policy/policy-document';

extendZodWithOpenApi(z);

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_input' }),
      message: z
        .string()
        .openapi({ example: 'Invalid input: workingDays: must be a whole number from 1 to 366' }),
      details: z.unknown().optional(),
      ref: z.string().optional().openapi({
        description:
          'The id under which a refusal was recorded, where it can be disputed (a refused use of a grant)',
        example: 'XR-20261203-7K3M9Q',
      }),
      params: z
        .record(z.string(), z.union([z.string(), z.number()]))
        .optional()
        .openapi({
          description:
            "What the app needs to say the error in the user's language: a `reason` key for refusals with more than one cause, and the values the message names",
          example: { reason: 'reason_required', decision: 'deny' },
        }),
    }),
  })
  .openapi('Error');

export const DepartmentRefSchema = z
  .object({ code: z.string(), name: z.string(), nameEn: z.string() })
  .openapi('DepartmentRef');

export const UserSchema = z
  .object({
    username: z.string(),
    displayName: z.string(),
    department: DepartmentRefSchema,
    roles: z.array(z.enum(ROLES)),
  })
  .openapi('User');

/**
 * An instant as ISO 8601 with its offset, on a day the calendar has: 2026-02-30
 * or 24:00 is refused here (400 naming the field), never rolled over to another
 * day nor left to fail later as a 500.
 */
export const IsoInstantSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'must be an ISO 8601 date-time with an offset, e.g. 2026-09-30T15:00:00+08:00',
    abort: true,
  })
  .refine((s) => DateTime.fromISO(s, { setZone: true }).isValid, 'is not a real date and time')
  .openapi({ example: '2026-09-30T15:00:00+08:00' });

/** A calendar day, yyyy-MM-dd, that exists: 2026-11-31 is refused (400 naming the field), never rolled over. */
export const LocalDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date like 2026-12-01', abort: true })
  .refine((s) => DateTime.fromISO(s, { zone: ZONE }).isValid, 'is not a real date')
  .openapi({ example: '2026-12-01' });

/**
 * A whole number written in decimal digits, as a query string or path carries it: `0x10`, `1e3`,
 * ` 7` or `1.0` are refused (400 naming the field), not read as some other number.
 */
export function DecimalIntSchema(
  min: number,
  max: number,
  message = `must be a whole number from ${min} to ${max}`,
) {
  return z
    .string()
    .regex(/^\d{1,9}$/, message)
    .transform(Number)
    .pipe(z.number().int().min(min, message).max(max, message));
}

/** The most entries a list in a request body may hold (data items, departments…). */
export const MAX_LIST = 200;

/** `?page=&pageSize=` on every list. */
export const PageQuerySchema = z.object({
  page: DecimalIntSchema(1, 100_000, 'must be a whole number, 1 or more').default(1),
  pageSize: DecimalIntSchema(1, 100, 'must be a whole number from 1 to 100').default(20),
});

/** A query-string flag: `true` or `false`. */
export const QueryFlagSchema = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .transform((v) => v === 'true');

export const LocalizedTextSchema = z.object({ zh: z.string(), en: z.string() }).openapi('LocalizedText');

/** Who sets a deadline's number, on every deadline the API returns. */
export const DeadlineBasisSchema = z.enum(CITATION_BASES).nullable().openapi({
  description:
    'measures: the article itself sets the number; national: a higher rule does; default: the measures set none, so it is a platform default awaiting the city',
});
/** The number's source as users read it: 第二十三条, 国发〔2016〕51号第十三条 or 平台默认(待市政府确认). */
export const DeadlineCitationSchema = LocalizedTextSchema.openapi({
  description:
    "Where the deadline's number comes from: the article only when the measures set it, the national rule, or 平台默认(待市政府确认)",
});

export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      items: z.array(item),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
    })
    .openapi(name);
}

/** The `<field>Name` schemas beside department-code fields, to spread into an object schema. */
export function departmentNameFields<K extends string>(
  ...fields: K[]
): { [F in K as `${F}Name`]: z.ZodNullable<typeof LocalizedTextSchema> } {
  return Object.fromEntries(
    fields.map((f) => [
      `${f}Name`,
      LocalizedTextSchema.nullable().openapi({ description: `The names of ${f}` }),
    ]),
  ) as { [F in K as `${F}Name`]: z.ZodNullable<typeof LocalizedTextSchema> };
}
