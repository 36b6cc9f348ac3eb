/** Reads and replaces the working-day calendar. */
import type { Db } from './connection';
import { keptReads } from './kept-reads';
import { localIso, yearsSpanned, type WorkingCalendar } from '../domain/calendar/working-days';
import type { CalendarYearInput } from '../domain/calendar/calendar-year';

export interface CalendarYear {
  year: number;
  known: boolean;
  source: string | null;
  importedBy: string | null;
  importedAt: string | null;
  holidays: { date: string; name: string | null }[];
  workdays: { date: string; name: string | null }[];
}

/** The calendars read for display, each kept ten seconds. */
const recent = keptReads<WorkingCalendar>(10_000);

/**
 * The calendar data for the given years as of at most a few seconds ago, for what only shows the
 * working days left (the inbox, each row): every list would otherwise read the calendar again.
 * Deadlines are never computed from it. A year replaced or seeded through this process is read
 * afresh at once; another API process sees it when its copy lapses.
 */
export function recentWorkingCalendar(db: Db, years: number[]): Promise<WorkingCalendar> {
  const key = [...years].sort((a, b) => a - b).join(',');
  return recent.get(db, key, () => loadWorkingCalendar(db, years));
}

/** Drops what recentWorkingCalendar keeps for `db`, once its calendar has changed. */
export function forgetRecentCalendars(db: Db): void {
  recent.forget(db);
}

/** The calendar data for the given years (others are simply unknown). */
export async function loadWorkingCalendar(db: Db, years: number[]): Promise<WorkingCalendar> {
  const [known, days] = await Promise.all([
    db('calendar_years').whereIn('year', years).select('year'),
    db('calendar_days').whereIn('year', years).select('date', 'kind'),
  ]);
  return {
    knownYears: new Set(known.map((r: { year: number }) => Number(r.year))),
    holidays: new Set(
      days.filter((d: { kind: string }) => d.kind === 'holiday').map((d: { date: string }) => d.date),
    ),
    makeUpWorkdays: new Set(
      days.filter((d: { kind: string }) => d.kind === 'workday').map((d: { date: string }) => d.date),
    ),
  };
}

/** The calendar data a computation from `fromIso` over `workingDays` working days may touch. */
export async function loadCalendarFor(
  db: Db,
  fromIso: string,
  workingDays: number,
): Promise<WorkingCalendar> {
  return loadWorkingCalendar(db, yearsSpanned(fromIso, workingDays));
}

export async function getCalendarYear(db: Db, year: number): Promise<CalendarYear> {
  const meta = await db('calendar_years').where({ year }).first();
  const days = await db('calendar_days').where({ year }).orderBy('date').select('date', 'kind', 'name');
  const pick = (kind: string) =>
    days
      .filter((d: { kind: string }) => d.kind === kind)
      .map((d: { date: string; name: string | null }) => ({ date: d.date, name: d.name }));
  return {
    year,
    known: Boolean(meta),
    source: meta?.source ?? null,
    importedBy: meta?.imported_by ?? null,
    importedAt: meta ? localIso(meta.imported_at_ms) : null,
    holidays: pick('holiday'),
    workdays: pick('workday'),
  };
}

/** Replaces a year's schedule in one transaction: all of it is stored, or none. */
export async function replaceCalendarYear(
  db: Db,
  year: number,
  input: CalendarYearInput,
  by: string,
): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('calendar_days').where({ year }).delete();
    await trx('calendar_years').where({ year }).delete();
    await trx('calendar_years').insert({
      year,
      source: 'import',
      imported_by: by,
      imported_at_ms: Date.now(),
    });
    const rows = [
      ...input.holidays.map((d) => ({ date: d.date, year, kind: 'holiday', name: d.name ?? null })),
      ...input.workdays.map((d) => ({ date: d.date, year, kind: 'workday', name: d.name ?? null })),
    ];
    if (rows.length) await trx('calendar_days').insert(rows);
  });
  forgetRecentCalendars(db);
}

export async function lastKnownYear(db: Db): Promise<number | null> {
  const row = await db('calendar_years').max({ year: 'year' }).first();
  return row?.year == null ? null : Number(row.year);
}
