/**
 * The working-day rule, as pure functions.
 *
 * - Dates are local to Asia/Shanghai.
 * - A working day is Monday–Friday, minus statutory holidays, plus the weekend
 *   days designated as make-up working days (调休上班).
 * - "Within N working days of event E" ends at 23:59:59.999 local time on the
 *   N-th working day after the day of E; the day of E itself never counts
 *   (民法典 art. 201), whatever the time of day and whether or not it was a
 *   working day.
 * - Days in a year the calendar does not know are judged by weekends alone, and
 *   a deadline that relied on such a day is provisional.
 */
import { DateTime } from 'luxon';

export const ZONE = 'Asia/Shanghai';

/** What the rule needs to know about the official calendar. */
export interface WorkingCalendar {
  /** ISO dates (yyyy-MM-dd) of statutory holidays. */
  holidays: ReadonlySet<string>;
  /** ISO dates of weekend days that are make-up working days. */
  makeUpWorkdays: ReadonlySet<string>;
  /** Years whose official schedule is known. */
  knownYears: ReadonlySet<number>;
}

export interface Deadline {
  /** ISO 8601 instant with the +08:00 offset. */
  deadline: string;
  /** True when the computation used a day of a year the calendar does not know. */
  provisional: boolean;
}

/** Parses an ISO 8601 instant (with offset or Z) and returns it in Asia/Shanghai; throws on bad input. */
export function parseInstant(iso: string): DateTime {
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) throw new RangeError(`not an ISO 8601 date-time: ${iso}`);
  return dt.setZone(ZONE);
}

/** Formats an instant as ISO 8601 in Asia/Shanghai, e.g. 2026-10-09T23:59:59.999+08:00. */
export function formatInstant(dt: DateTime): string {
  return dt.setZone(ZONE).toISO({ suppressMilliseconds: false }) as string;
}

/**
 * An instant stored as epoch milliseconds, as users read it: ISO 8601 with +08:00 (as
 * `formatInstant` writes it). Read from one `Intl.DateTimeFormat`: a list of cases formats a
 * date a row, and a zoned luxon DateTime cost several times as much.
 */
export function localIso(ms: unknown): string {
  const t = Number(ms);
  if (!Number.isFinite(t)) throw new RangeError(`not epoch milliseconds: ${String(ms)}`);
  const second = Math.floor(t / 1000) * 1000;
  const p: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of LOCAL_TIME.formatToParts(second)) p[type] = value;
  const [y, mo, d, h, mi, s] = [p.year, p.month, p.day, p.hour, p.minute, p.second].map(Number);
  // The zone's offset then: the local wall time read as UTC, less the instant.
  const offset = (Date.UTC(y, mo - 1, d, h, mi, s) - second) / 60_000;
  const two = (n: number) => String(n).padStart(2, '0');
  const millis = String(t - second).padStart(3, '0');
  return (
    `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}.${millis}` +
    `${offset < 0 ? '-' : '+'}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`
  );
}

const LOCAL_TIME = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

export interface DayVerdict {
  working: boolean;
  /** False when the day's year is not in the calendar (weekend rule only). */
  known: boolean;
}

/** Whether a local calendar day is a working day. */
export function judgeDay(day: DateTime, calendar: WorkingCalendar): DayVerdict {
  return judgeDate(day.toISODate() as string, day.year, day.weekday >= 6, calendar);
}

/** The same, for a day given by its ISO date, year and whether it falls on a weekend. */
function judgeDate(iso: string, year: number, weekend: boolean, calendar: WorkingCalendar): DayVerdict {
  const known = calendar.knownYears.has(year);
  if (!known) return { working: !weekend, known };
  if (calendar.holidays.has(iso)) return { working: false, known };
  if (calendar.makeUpWorkdays.has(iso)) return { working: true, known };
  return { working: !weekend, known };
}

function checkWorkingDays(n: number): void {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`working days must be a whole number ≥ 1, got ${n}`);
}

/**
 * The date (yyyy-MM-dd) `n` working days after (`step` 1) or before (-1) the local date `date`,
 * which itself never counts (n ≤ 0: `date`). It steps plain day numbers (a date's weekday is the
 * same in any zone): a schedule counts a few dozen days, and a zoned luxon DateTime a day made a
 * provider review's schedule cost 0.7 ms (now 0.15).
 */
function stepWorkingDays(
  date: string,
  n: number,
  step: 1 | -1,
  calendar: WorkingCalendar,
): { date: string; provisional: boolean } {
  let day = dayNumber(date);
  let provisional = false;
  let counted = 0;
  while (counted < n) {
    day += step;
    const iso = dateOfDay(day);
    const verdict = judgeDate(iso, Number(iso.slice(0, 4)), isWeekend(day), calendar);
    if (!verdict.known) provisional = true;
    if (verdict.working) counted += 1;
  }
  return { date: dateOfDay(day), provisional };
}

/** Day number `n` (days since 1970-01-01) as yyyy-MM-dd. */
const dateOfDay = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Whether day number `n` (days since 1970-01-01, a Thursday) is a Saturday or a Sunday. */
const isWeekend = (n: number) => [0, 6].includes((((n + 4) % 7) + 7) % 7);

/**
 * The local date of an instant as this module takes them; what the strict reading (`localDateOf`)
 * refuses, luxon's reading decides, as it always has.
 */
function localDateOfInstant(iso: string): string {
  try {
    return localDateOf(iso);
  } catch {
    return parseInstant(iso).toISODate() as string;
  }
}

/** An ISO 8601 instant at a local time of day in Asia/Shanghai, written as `formatInstant` does. */
function atLocalTime(date: string, time: string): string {
  return formatInstant(DateTime.fromISO(`${date}T${time}`, { zone: ZONE }));
}

/** "Within N working days of `from`": the end of the N-th working day after the day of `from`. */
/** The end of the local day of `fromIso`, or of the N-th working day after it: "due within N working days" (N = 0: today). */
export function endOfWorkingDaysFrom(fromIso: string, n: number, calendar: WorkingCalendar): Deadline {
  if (n > 0) return addWorkingDays(fromIso, n, calendar);
  return { deadline: formatInstant(parseInstant(fromIso).endOf('day')), provisional: false };
}

export function addWorkingDays(fromIso: string, n: number, calendar: WorkingCalendar): Deadline {
  checkWorkingDays(n);
  const { date, provisional } = stepWorkingDays(localDateOfInstant(fromIso), n, 1, calendar);
  return { deadline: atLocalTime(date, '23:59:59.999'), provisional };
}

/**
 * The working day `n` working days before the day of `deadlineIso`, at `hour`:00 local time.
 * Used for reminders ("one working day before the deadline, at 09:00").
 */
export function workingDaysBefore(
  deadlineIso: string,
  n: number,
  hour: number,
  calendar: WorkingCalendar,
): Deadline {
  const { date, provisional } = stepWorkingDays(localDateOfInstant(deadlineIso), n, -1, calendar);
  return { deadline: atLocalTime(date, `${String(hour).padStart(2, '0')}:00:00.000`), provisional };
}

/**
 * How many working days are left from the day of `nowIso` to the day of a
 * deadline: the working days after today up to and including the deadline's
 * day (0: due today). Past the deadline it is the working days since, negated
 * (-1: a working day late).
 */
export function workingDaysLeft(nowIso: string, deadlineIso: string, calendar: WorkingCalendar): number {
  // Only the two local dates need the time zone.
  return workingDaysBetween(localDateOf(nowIso), localDateOf(deadlineIso), calendar);
}

/**
 * `workingDaysLeft` between two local dates (yyyy-MM-dd) already known: a list
 * of tasks takes today's date once and each deadline's once.
 */
export function workingDaysBetween(todayDate: string, dueDate: string, calendar: WorkingCalendar): number {
  // Plain calendar dates as day numbers (a date's weekday is the same in any zone). The count is
  // the weekdays between, corrected by the days the official schedule moves, so it costs the same
  // for a task due tomorrow as for one a month late; walking the days cost the inbox 5% of its CPU.
  const today = dayNumber(todayDate);
  const due = dayNumber(dueDate);
  const [from, to, sign] = due >= today ? [today, due, 1] : [due, today, -1];
  const moved = movedDays(calendar);
  return sign * (weekdaysThrough(to) - weekdaysThrough(from) + moved.through(to) - moved.through(from));
}

/** yyyy-MM-dd as days since 1970-01-01; throws on what is not a date. */
function dayNumber(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${date}`);
  return ms / DAY_MS;
}

/** Monday to Friday from an arbitrary Sunday (day -4, 1969-12-28) up to and including day `n`. */
function weekdaysThrough(n: number): number {
  const k = n + 4;
  const weeks = Math.floor(k / 7);
  return weeks * 5 + Math.min(k - weeks * 7, 5);
}

/**
 * The days of a calendar's known years that the weekday rule gets wrong (a holiday on a
 * weekday: -1; a make-up working day at a weekend: +1), with `through(n)` their sum up to day n.
 * Made once per calendar object: the inbox keeps its calendar a few seconds.
 */
function movedDays(calendar: WorkingCalendar): { through(n: number): number } {
  const made = MOVED.get(calendar);
  if (made) return made;
  const moves = new Map<number, number>();
  const known = (date: string) => calendar.knownYears.has(Number(date.slice(0, 4)));
  for (const date of calendar.holidays)
    if (known(date) && !isWeekend(dayNumber(date))) moves.set(dayNumber(date), -1);
  for (const date of calendar.makeUpWorkdays)
    if (known(date) && !calendar.holidays.has(date) && isWeekend(dayNumber(date)))
      moves.set(dayNumber(date), 1);
  const days = [...moves.keys()].sort((a, b) => a - b);
  const sums: number[] = [];
  for (const d of days) sums.push((sums.at(-1) ?? 0) + moves.get(d)!);
  const through = (n: number) => {
    // The number of moved days on or before n, found by bisection.
    let lo = 0;
    let hi = days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (days[mid] <= n) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : sums[lo - 1];
  };
  MOVED.set(calendar, { through });
  return { through };
}

const MOVED = new WeakMap<WorkingCalendar, { through(n: number): number }>();

const DAY_MS = 24 * 3600 * 1000;

/** An ISO 8601 instant as this module takes them: a date and a time, with an offset or Z. */
const ISO_INSTANT =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]\d{2}:[0-5]\d)$/;

/** Whether yyyy-MM-dd names a day of the calendar (Date.parse rolls 02-30 over to March). */
const isRealDate = (date: string) => {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(date);
};

// One formatter, made once: the inbox asks for the local date of two instants a row, and a zoned
// luxon DateTime cost about five times as much as asking Intl directly.
const LOCAL_DATE = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The local (Asia/Shanghai) date of an ISO 8601 instant, as yyyy-MM-dd; throws on bad input. */
export function localDateOf(iso: string): string {
  const date = ISO_INSTANT.exec(iso)?.[1];
  const ms = date && isRealDate(date) ? Date.parse(iso) : NaN;
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO 8601 date-time: ${iso}`);
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of LOCAL_DATE.formatToParts(ms)) part[type] = value;
  return `${part.year}-${part.month}-${part.day}`;
}

/** The years a computation starting at `fromIso` may touch, for loading calendar data. */
export function yearsSpanned(fromIso: string, workingDays: number): number[] {
  const start = dayNumber(localDateOfInstant(fromIso));
  // Even the longest holiday run (Spring Festival) leaves far more than a third of days working.
  const yearOf = (day: number) => Number(dateOfDay(day).slice(0, 4));
  const years: number[] = [];
  for (let y = yearOf(start) - 1; y <= yearOf(start + workingDays * 3 + 30); y += 1) years.push(y);
  return years;
}
