/** When an entry's data is due again by its update cycle (art. 20): pure, so workflows use it too. */
import type { FreshnessPeriod } from '../policy/policy-document';
import type { UpdateCycle } from './resource';

/** A period in milliseconds. */
export function periodMs(p: FreshnessPeriod): number {
  if ('calendarDays' in p) return p.calendarDays * 86_400_000;
  if ('hours' in p) return p.hours * 3_600_000;
  return p.minutes * 60_000;
}

/** The instant (epoch ms) the data is due again, or null for a cycle without one (`on_change`). */
export function dueAt(
  lastUpdatedMs: number,
  cycle: UpdateCycle,
  periods: Partial<Record<UpdateCycle, FreshnessPeriod>>,
): number | null {
  const p = periods[cycle];
  return p ? lastUpdatedMs + periodMs(p) : null;
}
