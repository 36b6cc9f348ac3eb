/** The official calendar as the chinese-days package carries it, as a WorkingCalendar for pure tests. */
import { packagedCalendar } from '../../seeds/calendar-from-chinese-days';
import type { WorkingCalendar } from '../../domain/calendar/working-days';

export function officialCalendar(extra?: {
  year: number;
  holidays: string[];
  workdays: string[];
}): WorkingCalendar {
  const years = packagedCalendar();
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
