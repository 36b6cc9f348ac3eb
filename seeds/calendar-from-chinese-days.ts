/**
 * Seeds the calendar with every year the `chinese-days` package carries (the
 * State Council's official schedules), or with another data set (the tests
 * give theirs). Years already in the database, whether seeded or imported by
 * an admin, are left alone.
 */
import chineseDays from 'chinese-days/dist/chinese-days.json';
import chineseDaysPackage from 'chinese-days/package.json';
import type { Db } from '../db/connection';
import { forgetRecentCalendars } from '../db/calendar-repository';

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** "National Day,国庆节,3" → "国庆节" */
function localName(value: string): string {
  return value.split(',')[1] ?? value;
}

/** A year's schedule: its statutory holidays and its make-up working days. */
export interface CalendarYearData {
  holidays: { date: string; name: string }[];
  workdays: { date: string; name: string }[];
}

/** Calendar years to seed, and where they come from (stored with each year). */
export interface CalendarDataSet {
  years: Map<number, CalendarYearData>;
  source: string;
}

export function packagedCalendar(): Map<number, CalendarYearData> {
  const data = chineseDays as ChineseDaysData;
  const years = new Map<number, CalendarYearData>();
  const bucket = (date: string) => {
    const year = Number(date.slice(0, 4));
    if (!years.has(year)) years.set(year, { holidays: [], workdays: [] });
    return years.get(year)!;
  };
  for (const [date, value] of Object.entries(data.holidays))
    bucket(date).holidays.push({ date, name: localName(value) });
  for (const [date, value] of Object.entries(data.workdays))
    bucket(date).workdays.push({ date, name: localName(value) });
  return years;
}

export function packagedCalendarDataSet(): CalendarDataSet {
  return { years: packagedCalendar(), source: `chinese-days@${chineseDaysPackage.version}` };
}

export async function seedCalendar(
  db: Db,
  data: CalendarDataSet = packagedCalendarDataSet(),
): Promise<number[]> {
  const { source } = data;
  const present = new Set(
    (await db('calendar_years').select('year')).map((r: { year: number }) => Number(r.year)),
  );
  const added: number[] = [];
  for (const [year, days] of [...data.years].sort(([a], [b]) => a - b)) {
    if (present.has(year)) continue;
    await db.transaction(async (trx) => {
      await trx('calendar_years')
        .insert({ year, source, imported_by: null, imported_at_ms: Date.now() })
        .onConflict('year')
        .ignore();
      const rows = [
        ...days.holidays.map((d) => ({ date: d.date, year, kind: 'holiday', name: d.name })),
        ...days.workdays.map((d) => ({ date: d.date, year, kind: 'workday', name: d.name })),
      ];
      if (rows.length) await trx('calendar_days').insert(rows).onConflict('date').ignore();
    });
    added.push(year);
  }
  if (added.length) forgetRecentCalendars(db);
  return added;
}
