/**
 * A period an actor sets when deciding a step (the LG office's rectification
 * order, art. 37): some working days, or a date, within the bounds the policy
 * gives. Pure, so the workflow's validator can check it and turn it into the
 * next step's deadline.
 */
import { DateTime } from 'luxon';
import { ZONE } from '../calendar/working-days';
import type { Duration } from './duration';
import type { StepPolicy } from './policy-document';

export type SetPeriod = { workingDays: number } | { until: string };

type Bounds = NonNullable<StepPolicy['periodSetBy']>;

/** The local (Asia/Shanghai) date of an instant: the day a period is set on. */
export function localDateOf(ms: number): string {
  return DateTime.fromMillis(ms, { zone: ZONE }).toISODate() as string;
}

/** Why `period` cannot be set, or null. `todayIso` is the local date it is set on. */
export function periodProblem(period: unknown, bounds: Bounds, todayIso: string): string | null {
  const p = period as Partial<{ workingDays: unknown; until: unknown }> | null;
  const { min, max, latestDate } = bounds;
  if (p && typeof p === 'object' && 'workingDays' in p && Object.keys(p).length === 1) {
    const n = p.workingDays;
    if (typeof n === 'number' && Number.isInteger(n) && n >= min.workingDays && n <= max.workingDays)
      return null;
    return `period.workingDays must be a whole number from ${min.workingDays} to ${max.workingDays}`;
  }
  if (p && typeof p === 'object' && 'until' in p && Object.keys(p).length === 1) {
    const day = typeof p.until === 'string' ? DateTime.fromISO(p.until, { zone: ZONE }) : null;
    if (!day?.isValid || day.toISODate() !== p.until) return 'period.until must be a real date, yyyy-MM-dd';
    const today = DateTime.fromISO(todayIso, { zone: ZONE });
    const latest = today.plus({ days: latestDate.calendarDays }).toISODate()!;
    if (p.until <= todayIso || p.until > latest)
      return `period.until must be after ${todayIso} and no later than ${latest}`;
    return null;
  }
  return 'period must be { "workingDays": n } or { "until": "yyyy-MM-dd" }';
}

/** The deadline of a period that `periodProblem` accepted, counted from `todayIso`. */
export function periodDuration(period: SetPeriod, todayIso: string): Duration {
  if ('workingDays' in period) return { workingDays: period.workingDays };
  const days = DateTime.fromISO(period.until, { zone: ZONE }).diff(
    DateTime.fromISO(todayIso, { zone: ZONE }),
    'days',
  ).days;
  return { calendarDays: Math.round(days) };
}
