/**
 * The official calendar as the chinese-days package carries it through 2026 (the years these
 * tests were written against, whatever a newer package carries), as a WorkingCalendar for pure tests.
 */
import { OFFICIAL_THROUGH } from '../../scripts/harness/test-calendar';
import { packagedCalendar } from '../../seeds/calendar-from-chinese-days';
import type { WorkingCalendar } from '../../domain/calendar/working-days';

export function officialCalendar(extra?: {
  year: number;
  holidays: string[];
  workdays: string[];
}): WorkingCalendar {
  const years = new Map([...packagedCalendar()].filter(([year]) => year <= OFFICIAL_THROUGH));
  const holidays = new Set<string>();
  const makeUpWorkdays = new Set<string>();
  for (const days of years.values()) {
    days.holidays.forEach((d) => holidays.add(d.date));
    days.workdays.forEach((d) => makeUpWorkdays.add(d.date));
  }
  const knownYears = new Set(years.keys());
  if (extra) {
    knownYears.add(extra.year);
    extra.holidays.forEach((d) => holidays.add(d));
    extra.workdays.forEach((d) => makeUpWorkdays.add(d));
  }
  return { holidays, makeUpWorkdays, knownYears };
}

/** Last year, this year and next: the years a deadline counted from now can reach, whatever today is. */
export function nearYears(now: Date = new Date()): number[] {
  const year = now.getUTCFullYear();
  return [year - 1, year, year + 1];
}
