import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  addWorkingDays,
  formatInstant,
  judgeDay,
  localDateOf,
  localIso,
  parseInstant,
  workingDaysBefore,
  workingDaysBetween,
  workingDaysLeft,
  yearsSpanned,
  type WorkingCalendar,
} from '../../domain/calendar/working-days';
import { officialCalendar } from '../support/calendars';

const calendar = officialCalendar();

describe('working-day deadlines', () => {
  it('skips the National Day holiday: 2026-09-30 15:00 + 2 working days ends 2026-10-09 23:59:59.999 +08:00', () => {
    expect(addWorkingDays('2026-09-30T15:00:00+08:00', 2, calendar)).toEqual({
      deadline: '2026-10-09T23:59:59.999+08:00',
      provisional: false,
    });
  });

  it('does not count the day of the event, whatever the hour (an event at 00:00 and at 23:59 give the same deadline)', () => {
    const early = addWorkingDays('2026-11-24T00:00:00+08:00', 1, calendar);
    const late = addWorkingDays('2026-11-24T23:59:00+08:00', 1, calendar);
    expect(early.deadline).toBe('2026-11-25T23:59:59.999+08:00');
    expect(late).toEqual(early);
  });

  it('reads an instant given in UTC in Asia/Shanghai (2026-11-24T20:00Z is already the 25th there)', () => {
    expect(addWorkingDays('2026-11-24T20:00:00Z', 1, calendar).deadline).toBe(
      '2026-11-26T23:59:59.999+08:00',
    );
  });

  it('counts a make-up Sunday as a working day (2026-09-20 is 调休上班)', () => {
    expect(parseInstant('2026-09-20T00:00:00+08:00').weekday).toBe(7);
    expect(judgeDay(parseInstant('2026-09-20T00:00:00+08:00'), calendar)).toEqual({
      working: true,
      known: true,
    });
    // Friday 18 Sep + 1 working day: Saturday is off, Sunday 20 Sep is a working day.
    expect(addWorkingDays('2026-09-18T10:00:00+08:00', 1, calendar).deadline).toBe(
      '2026-09-20T23:59:59.999+08:00',
    );
  });

  it('counts a make-up Saturday after a holiday (2026-10-10) as a working day', () => {
    expect(addWorkingDays('2026-09-30T15:00:00+08:00', 3, calendar).deadline).toBe(
      '2026-10-10T23:59:59.999+08:00',
    );
  });

  it('skips the whole Spring Festival week (2026-02-15 to 02-23 off; 02-14 and 02-28 are make-up working days)', () => {
    // Friday 13 Feb + 1: Saturday 14 Feb is a make-up working day.
    expect(addWorkingDays('2026-02-13T09:00:00+08:00', 1, calendar).deadline).toBe(
      '2026-02-14T23:59:59.999+08:00',
    );
    // Saturday 14 Feb + 1: nine days of holiday, then Tuesday 24 Feb.
    expect(addWorkingDays('2026-02-14T09:00:00+08:00', 1, calendar).deadline).toBe(
      '2026-02-24T23:59:59.999+08:00',
    );
    // + 5 from 14 Feb: 24, 25, 26, 27 Feb, then the make-up Saturday 28 Feb.
    expect(addWorkingDays('2026-02-14T09:00:00+08:00', 5, calendar).deadline).toBe(
      '2026-02-28T23:59:59.999+08:00',
    );
  });

  it('counts from the day after an event that happened on a holiday (2026-10-03 + 1 → 2026-10-08)', () => {
    expect(addWorkingDays('2026-10-03T11:00:00+08:00', 1, calendar).deadline).toBe(
      '2026-10-08T23:59:59.999+08:00',
    );
  });

  it('uses weekends only past the last known year and marks the deadline provisional', () => {
    expect(calendar.knownYears.has(2027)).toBe(false);
    // Thursday 2026-12-31 + 2: Friday 1 Jan 2027 (unknown year: counted as working), Monday 4 Jan.
    expect(addWorkingDays('2026-12-31T10:00:00+08:00', 2, calendar)).toEqual({
      deadline: '2027-01-04T23:59:59.999+08:00',
      provisional: true,
    });
  });

  it('is no longer provisional once that year is imported, and honours its holidays', () => {
    const with2027 = officialCalendar({ year: 2027, holidays: ['2027-01-01'], workdays: [] });
    expect(addWorkingDays('2026-12-31T10:00:00+08:00', 2, with2027)).toEqual({
      deadline: '2027-01-05T23:59:59.999+08:00',
      provisional: false,
    });
  });

  it('refuses a non-positive or fractional number of working days', () => {
    expect(() => addWorkingDays('2026-09-30T15:00:00+08:00', 0, calendar)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-09-30T15:00:00+08:00', 1.5, calendar)).toThrow(RangeError);
    expect(() => addWorkingDays('not a date', 1, calendar)).toThrow(RangeError);
  });

  it('counts the working days left to a deadline as the inbox shows them: over the National Day week, on the day, and past it', () => {
    // 30 Sep 15:00, due 9 Oct: 1–7 Oct are holidays, so the 8th and 9th are left (the same 2 days as the first case).
    expect(workingDaysLeft('2026-09-30T15:00:00+08:00', '2026-10-09T23:59:59.999+08:00', calendar)).toBe(2);
    // And the make-up Saturday 10 Oct counts.
    expect(workingDaysLeft('2026-09-30T15:00:00+08:00', '2026-10-10T23:59:59.999+08:00', calendar)).toBe(3);
    expect(workingDaysLeft('2026-10-09T08:00:00+08:00', '2026-10-09T23:59:59.999+08:00', calendar)).toBe(0);
    // Due Friday 13 Nov, read on Tuesday 17 Nov: Monday and Tuesday are two working days late.
    expect(workingDaysLeft('2026-11-17T10:00:00+08:00', '2026-11-13T23:59:59.999+08:00', calendar)).toBe(-2);
    // An instant in UTC is read in Asia/Shanghai: 2026-10-08T17:00Z is already the 9th there.
    expect(workingDaysLeft('2026-10-08T17:00:00Z', '2026-10-09T23:59:59.999+08:00', calendar)).toBe(0);
  });

  it('gives the local date of any instant as luxon does in Asia/Shanghai, and refuses what is not an instant', () => {
    const instant = fc
      .integer({ min: Date.parse('1970-01-01T00:00:00Z'), max: Date.parse('2099-12-31T23:59:59Z') })
      .map((ms) => new Date(ms).toISOString());
    fc.assert(
      fc.property(instant, (iso) => {
        expect(localDateOf(iso)).toBe(parseInstant(iso).toISODate());
      }),
      { numRuns: 500 },
    );
    expect(localDateOf('2026-09-30T16:00:00Z')).toBe('2026-10-01');
    expect(localDateOf('2026-10-01T07:59:59.999-08:00')).toBe('2026-10-01');
    for (const bad of ['2026-02-30T00:00:00Z', '2026-10-01T24:00:00Z', '2026-10-01', 'Oct 1 2026', ''])
      expect(() => localDateOf(bad)).toThrow(RangeError);
  });

  it('writes an instant in epoch milliseconds as luxon does, for any instant from 1970 to 2099', () => {
    // Asia/Shanghai kept summer time (+09:00) from 1986 to 1991: the offset is read, not assumed.
    const ms = fc.integer({ min: 0, max: Date.parse('2099-12-31T23:59:59.999Z') });
    fc.assert(
      fc.property(ms, (t) => {
        expect(localIso(t)).toBe(formatInstant(DateTime.fromMillis(t)));
      }),
      { numRuns: 2000 },
    );
    expect(localIso(Date.parse('2026-10-09T15:59:59.999Z'))).toBe('2026-10-09T23:59:59.999+08:00');
    expect(localIso('1788000000000')).toBe('2026-08-29T18:40:00.000+08:00');
    expect(localIso(Date.parse('1988-07-01T00:00:00Z'))).toBe('1988-07-01T09:00:00.000+09:00');
    for (const bad of [NaN, 'x', Infinity]) expect(() => localIso(bad)).toThrow(RangeError);
  });

  it('counts the working days left as the rule judges each local day, for any two instants from 2024 to 2028 and dates from 2020 to 2032', () => {
    // The rule itself, a local day at a time: what the inbox's faster count must always agree with.
    const byEachDay = (nowIso: string, deadlineIso: string, cal: WorkingCalendar) => {
      const today = parseInstant(nowIso).startOf('day');
      const due = parseInstant(deadlineIso).startOf('day');
      const [from, to, sign] = due >= today ? [today, due, 1] : [due, today, -1];
      let n = 0;
      for (let day = from.plus({ days: 1 }); day <= to; day = day.plus({ days: 1 }))
        if (judgeDay(day, cal).working) n += 1;
      return sign * n;
    };
    const instant = fc
      .integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2028-12-31T23:59:59Z') })
      .map((ms) => new Date(ms).toISOString());
    fc.assert(
      fc.property(instant, instant, (now, deadline) => {
        expect(workingDaysLeft(now, deadline, calendar)).toBe(byEachDay(now, deadline, calendar));
      }),
      { numRuns: 100 },
    );
    // Between any two dates from 2020 to 2032, across the years the calendar knows and those it
    // does not (judged by weekends alone), the count agrees with the rule a day at a time.
    const date = fc
      .integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2032-12-31T00:00:00Z') })
      .map((ms) => new Date(ms).toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, date, (a, b) => {
        const at = (d: string) => `${d}T12:00:00+08:00`;
        expect(workingDaysBetween(a, b, calendar)).toBe(byEachDay(at(a), at(b), calendar));
      }),
      { numRuns: 50 },
    );
    // Around local midnight, where the UTC date and the local date differ.
    for (const now of ['2026-09-30T15:59:59.999Z', '2026-09-30T16:00:00Z'])
      expect(workingDaysLeft(now, '2026-10-12T00:00:00+08:00', calendar)).toBe(
        byEachDay(now, '2026-10-12T00:00:00+08:00', calendar),
      );
  });
  it('counts deadlines and reminders as the rule does a zoned day at a time, for any instant from 2024 to 2032 and 1 to 40 working days', () => {
    // The rule itself, a zoned luxon day at a time: what the faster count over day numbers must give.
    const step = (iso: string, n: number, by: 1 | -1) => {
      let day = parseInstant(iso).startOf('day');
      let provisional = false;
      for (let counted = 0; counted < n;) {
        day = day.plus({ days: by });
        const verdict = judgeDay(day, calendar);
        if (!verdict.known) provisional = true;
        if (verdict.working) counted += 1;
      }
      return { day, provisional };
    };
    const instant = fc
      .integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2032-12-31T23:59:59Z') })
      .map((ms) => new Date(ms).toISOString());
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 23 }),
        (at, n, hour) => {
          const after = step(at, n, 1);
          expect(addWorkingDays(at, n, calendar)).toEqual({
            deadline: formatInstant(after.day.endOf('day')),
            provisional: after.provisional,
          });
          const before = step(at, n, -1);
          expect(workingDaysBefore(at, n, hour, calendar)).toEqual({
            deadline: formatInstant(before.day.set({ hour })),
            provisional: before.provisional,
          });
          const start = parseInstant(at);
          const end = start.plus({ days: n * 3 + 30 });
          expect(yearsSpanned(at, n)).toEqual(
            Array.from({ length: end.year - start.year + 2 }, (_, i) => start.year - 1 + i),
          );
        },
      ),
      { numRuns: 500 },
    );
    // An instant given without an offset is read as luxon reads it, as before; none counts back zero days.
    expect(addWorkingDays('2026-09-30T15:00', 2, calendar).deadline).toBe('2026-10-09T23:59:59.999+08:00');
    expect(workingDaysBefore('2026-10-09T23:59:59.999+08:00', 0, 9, calendar).deadline).toBe(
      '2026-10-09T09:00:00.000+08:00',
    );
  });
});
