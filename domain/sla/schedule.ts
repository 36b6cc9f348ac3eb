/**
 * The SLA schedule of one human task: when it is due, when to remind, and when
 * each escalation level is reached. Pure: the calendar is passed in. An activity
 * computes it (workflows never do date arithmetic on the calendar themselves).
 */
import {
  addWorkingDays,
  formatInstant,
  parseInstant,
  workingDaysBefore,
  type Deadline,
  type WorkingCalendar,
} from '../calendar/working-days';
import type { Duration } from '../policy/duration';
import type { StepPolicy } from '../policy/policy-document';

export interface SlaSchedule {
  startedAt: string;
  deadline: string;
  provisional: boolean;
  /** Reminder instants, in order, each strictly between start and deadline. */
  reminders: string[];
  /** Escalation level n (1-based) is reached at escalations[n-1]. */
  escalations: { level: number; at: string; provisional: boolean }[];
}

/** `from` plus a policy duration. Working and calendar days end at 23:59:59.999 of the last day; the day of `from` is not counted. */
export function addDuration(fromIso: string, duration: Duration, calendar: WorkingCalendar): Deadline {
  if ('workingDays' in duration) {
    if (duration.workingDays === 0)
      return { deadline: formatInstant(parseInstant(fromIso)), provisional: false };
    return addWorkingDays(fromIso, duration.workingDays, calendar);
  }
  const from = parseInstant(fromIso);
  if ('calendarDays' in duration) {
    if (duration.calendarDays === 0) return { deadline: formatInstant(from), provisional: false };
    return {
      deadline: formatInstant(from.startOf('day').plus({ days: duration.calendarDays }).endOf('day')),
      provisional: false,
    };
  }
  if ('hours' in duration)
    return { deadline: formatInstant(from.plus({ hours: duration.hours })), provisional: false };
  return { deadline: formatInstant(from.plus({ minutes: duration.minutes })), provisional: false };
}

/** The instant `duration` before `deadlineIso`; days count back to `reminderHour`:00 of that day. */
export function subtractDuration(
  deadlineIso: string,
  duration: Duration,
  reminderHour: number,
  calendar: WorkingCalendar,
): Deadline {
  if ('workingDays' in duration)
    return workingDaysBefore(deadlineIso, duration.workingDays, reminderHour, calendar);
  const deadline = parseInstant(deadlineIso);
  if ('calendarDays' in duration) {
    return {
      deadline: formatInstant(
        deadline.startOf('day').minus({ days: duration.calendarDays }).set({ hour: reminderHour }),
      ),
      provisional: false,
    };
  }
  if ('hours' in duration)
    return { deadline: formatInstant(deadline.minus({ hours: duration.hours })), provisional: false };
  return { deadline: formatInstant(deadline.minus({ minutes: duration.minutes })), provisional: false };
}

export function computeSchedule(
  startedAt: string,
  step: Pick<StepPolicy, 'deadline' | 'reminders' | 'escalation'>,
  reminderHour: number,
  calendar: WorkingCalendar,
): SlaSchedule {
  const due = addDuration(startedAt, step.deadline, calendar);
  const start = parseInstant(startedAt).toMillis();
  // What formatInstant wrote (with its offset) needs no zone to be read: Date.parse reads it.
  const end = Date.parse(due.deadline);
  const reminders = step.reminders
    .map((r) => subtractDuration(due.deadline, r.before, reminderHour, calendar).deadline)
    .filter((at) => {
      const t = Date.parse(at);
      return t > start && t < end;
    })
    .sort((a, b) => Date.parse(a) - Date.parse(b))
    .filter((at, i, all) => i === 0 || at !== all[i - 1]);
  const escalations = step.escalation.map((level, i) => {
    const at = addDuration(due.deadline, level.after, calendar);
    return { level: i + 1, at: at.deadline, provisional: due.provisional || at.provisional };
  });
  return {
    startedAt: formatInstant(parseInstant(startedAt)),
    deadline: due.deadline,
    provisional: due.provisional,
    reminders,
    escalations,
  };
}
