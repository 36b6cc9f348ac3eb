/**
 * How long a step may take. Working days by default; calendar days where a
 * policy says so; hours and minutes for urgent requests (and benchmarks).
 */
import { z } from 'zod';

export const DurationSchema = z.union([
  z.object({ workingDays: z.number().int().min(0).max(366) }).strict(),
  z.object({ calendarDays: z.number().int().min(0).max(3660) }).strict(),
  z
    .object({
      hours: z
        .number()
        .int()
        .min(0)
        .max(24 * 366),
    })
    .strict(),
  z
    .object({
      minutes: z
        .number()
        .int()
        .min(0)
        .max(60 * 24 * 366),
    })
    .strict(),
]);

export type Duration = z.infer<typeof DurationSchema>;

/** A duration as users read it: 2个工作日 / 2 working days. */
export function durationLabel(d: Duration): { zh: string; en: string } {
  if ('workingDays' in d) return { zh: `${d.workingDays}个工作日`, en: `${d.workingDays} working days` };
  if ('calendarDays' in d) return { zh: `${d.calendarDays}日`, en: `${d.calendarDays} days` };
  if ('hours' in d) return { zh: `${d.hours}小时`, en: `${d.hours} hours` };
  return { zh: `${d.minutes}分钟`, en: `${d.minutes} minutes` };
}
