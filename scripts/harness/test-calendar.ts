/**
 * The working-day calendar the tests run on, so that every test passes on any
 * date, before and after a new year's official schedule exists:
 *
 * - the official schedules through OFFICIAL_THROUGH (2026), the years the
 *   tests' fixed dates were written against, whatever a newer chinese-days
 *   carries;
 * - then "known" years with weekends and New Year's Day only, through a
 *   horizon at least a year past today, so a deadline counted from now is
 *   never provisional;
 * - the year after the horizon is unknown. It is laid out like 2027 (1 January
 *   a Friday) and the horizon like 2026, so a test written for "2027 is not
 *   known yet" runs unchanged with its dates moved to that year.
 */
import type { CalendarDataSet, CalendarYearData } from '../../seeds/calendar-from-chinese-days';
import { packagedCalendar } from '../../seeds/calendar-from-chinese-days';

export const OFFICIAL_THROUGH = 2026;

const weekdayOfJan1 = (year: number) => new Date(Date.UTC(year, 0, 1)).getUTCDay();
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
/** Two years whose every date falls on the same weekday. */
const sameLayout = (a: number, b: number) => weekdayOfJan1(a) === weekdayOfJan1(b) && isLeap(a) === isLeap(b);

/** The last known year of the test calendar: laid out like 2026, and past next year. */
export function calendarHorizon(now: Date = new Date()): number {
  let year = Math.max(OFFICIAL_THROUGH, now.getUTCFullYear() + 1);
  while (!(sameLayout(year, 2026) && sameLayout(year + 1, 2027))) year += 1;
  return year;
}

/** The first year the test calendar does not know: laid out like 2027. */
export function unknownYear(now: Date = new Date()): number {
  return calendarHorizon(now) + 1;
}

/** The first year laid out like `template` whose `monthDay` (e.g. '09-30T15:00:00+08:00') is still ahead. */
export function nextYearLike(template: number, monthDay: string, now: Date = new Date()): number {
  let year = now.getUTCFullYear();
  while (!sameLayout(year, template) || Date.parse(`${year}-${monthDay}`) <= now.getTime()) year += 1;
  return year;
}

/** A date or instant of one year moved to another: inYear('2027-01-04', 2038) → '2038-01-04'. */
export function inYear(dateOrInstant: string, year: number): string {
  return `${year}${dateOrInstant.slice(4)}`;
}

export function testCalendarDataSet(now: Date = new Date()): CalendarDataSet {
  const years = new Map<number, CalendarYearData>(
    [...packagedCalendar()].filter(([year]) => year <= OFFICIAL_THROUGH),
  );
  for (let year = OFFICIAL_THROUGH + 1; year <= calendarHorizon(now); year += 1)
    years.set(year, { holidays: [{ date: `${year}-01-01`, name: '元旦' }], workdays: [] });
  return { years, source: `测试日历:${OFFICIAL_THROUGH}年及以前按官方安排,以后仅排除周末` };
}
