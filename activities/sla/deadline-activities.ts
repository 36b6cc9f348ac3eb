/** Deadline arithmetic on the official calendar, done outside workflow code so workflows stay deterministic. */
import type { Db } from '../../db/connection';
import { loadCalendarFor } from '../../db/calendar-repository';
import type { Duration } from '../../domain/policy/duration';
import type { StepPolicy } from '../../domain/policy/policy-document';
import { computeSchedule, type SlaSchedule } from '../../domain/sla/schedule';

/** The most working days any one policy duration (deadline plus escalation) can span. */
function workingDaysOf(d: Duration): number {
  return 'workingDays' in d ? d.workingDays : 'calendarDays' in d ? Math.ceil(d.calendarDays / 2) + 1 : 1;
}

/** What a step's schedule is computed from: when it starts, its policy, the hour reminders go out. */
export interface ScheduleInput {
  startedAt: string;
  step: Pick<StepPolicy, 'deadline' | 'reminders' | 'escalation'>;
  reminderHour: number;
}

/** A step's deadline, reminders and escalations on the working calendar as it stands. */
export async function scheduleOf(db: Db, input: ScheduleInput): Promise<SlaSchedule> {
  const span =
    workingDaysOf(input.step.deadline) +
    input.step.escalation.reduce((n, e) => n + workingDaysOf(e.after), 0);
  const calendar = await loadCalendarFor(db, input.startedAt, span);
  return computeSchedule(input.startedAt, input.step, input.reminderHour, calendar);
}

export function createDeadlineActivities(db: Db) {
  return {
    computeSlaSchedule: (input: ScheduleInput): Promise<SlaSchedule> => scheduleOf(db, input),
  };
}
