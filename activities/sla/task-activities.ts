/**
 * The task read model and its notifications, written by the SLA mechanism.
 * Each activity is idempotent: ids come from the workflow, inserts ignore
 * duplicates, and closing a closed task is a no-op.
 */
import type { Db } from '../../db/connection';
import {
  closeTaskRow,
  getTask,
  insertTask,
  recordDueSlaEvents,
  replaceCandidates,
  updateTaskDeadline,
  type NewTask,
  type NotificationInput,
  type SlaEventInput,
  type TaskClosure,
} from '../../db/task-repository';
import { policyByKey } from '../../db/policy-repository';
import type { CandidateGroup } from '../../domain/roles';
import type { SlaSchedule } from '../../domain/sla/schedule';
import { scheduleOf, type ScheduleInput } from './deadline-activities';
import type { CaseStateInput } from '../cases/case-activities';

type Text = { zh: string; en: string };

function fmt(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

export interface TaskRef {
  taskId: string;
  processName: Text;
  stepName: Text;
}

export type ReminderInput = TaskRef & {
  index: number;
  at: string;
  deadline: string;
  notify: CandidateGroup[];
};
export type BreachInput = TaskRef & { at: string; article: number };
export type EscalationInput = TaskRef & {
  level: number;
  at: string;
  notify: CandidateGroup[];
  mayAct: boolean;
  label: Text;
  article: number;
};

/**
 * The case as its recipient reads it: a department's part of a case (a reform's obligation,
 * RF-….hr-social-security) without the department's code, which is the recipient's own.
 */
const caseFor = (caseId: string, recipient: CandidateGroup) =>
  recipient.department && caseId.endsWith(`.${recipient.department}`)
    ? caseId.slice(0, -recipient.department.length - 1)
    : caseId;

/** A reminder as an SLA event and the notices that carry it. */
function reminderRecord(input: ReminderInput): { event: SlaEventInput; notices: NotificationInput[] } {
  return {
    event: { taskId: input.taskId, kind: 'reminder', level: input.index, at: input.at },
    notices: input.notify.map((recipient, i) => ({
      id: `${input.taskId}#reminder#${input.index}#${i}`,
      recipient,
      kind: 'reminder' as const,
      taskId: input.taskId,
      title: {
        zh: `催办:${input.processName.zh}·${input.stepName.zh} 将于 ${fmt(input.deadline)} 到期`,
        en: `Reminder: ${input.processName.en} · ${input.stepName.en} is due ${fmt(input.deadline)}`,
      },
    })),
  };
}

function breachEvent(input: BreachInput): SlaEventInput {
  return { taskId: input.taskId, kind: 'breach', level: 0, at: input.at, detail: { article: input.article } };
}

/** An escalation as an SLA event, the notices that carry it, and whom it lets act on the task. */
function escalationRecord(input: EscalationInput): {
  event: SlaEventInput;
  notices: NotificationInput[];
  candidates: CandidateGroup[];
} {
  return {
    event: {
      taskId: input.taskId,
      kind: 'escalation',
      level: input.level,
      at: input.at,
      detail: { notify: input.notify, mayAct: input.mayAct, label: input.label, article: input.article },
    },
    candidates: input.mayAct ? input.notify : [],
    notices: input.notify.map((recipient, i) => ({
      id: `${input.taskId}#escalation#${input.level}#${i}`,
      recipient,
      kind: 'escalation' as const,
      taskId: input.taskId,
      title: {
        zh: `督办:${input.processName.zh}·${input.stepName.zh} 已逾期。${input.label.zh}`,
        en: `Escalation: ${input.processName.en} · ${input.stepName.en} is overdue. ${input.label.en}`,
      },
    })),
  };
}

/** What a notice about a task says it is: its process, its case and its step. */
interface TaskNames {
  taskId: string;
  caseId: string;
  processName: Text;
  stepName: Text;
}

/**
 * The notices that tell a task's holders its deadline moved because the working calendar changed
 * (a year's schedule imported): one per holder and new deadline, so a retry sends none twice.
 */
const deadlineMoved =
  (task: TaskNames, deadline: string) =>
  (holders: CandidateGroup[]): NotificationInput[] =>
    holders.map((recipient) => ({
      id: `${task.taskId}#deadline#${Date.parse(deadline)}#${recipient.role}#${recipient.department ?? '*'}`,
      recipient,
      kind: 'task' as const,
      taskId: task.taskId,
      title: {
        zh: `期限调整:${task.processName.zh} ${caseFor(task.caseId, recipient)}·${task.stepName.zh},工作日历更新后须于 ${fmt(deadline)} 前办结`,
        en: `Deadline moved: ${task.processName.en} ${caseFor(task.caseId, recipient)} · ${task.stepName.en}, due ${fmt(deadline)} on the updated working calendar`,
      },
    }));

/** `recordCase`: how a case's move is recorded, in the transaction it is given (`recordCaseMoves`). */
export function createTaskActivities(db: Db, recordCase: (trx: Db, move: CaseStateInput) => Promise<void>) {
  // An event and the notices it sends are written together, so no one sees one without the other.
  const recordAll = (
    taskId: string,
    reminders: ReminderInput[],
    breach: BreachInput | null,
    escalations: EscalationInput[],
  ) => {
    const r = reminders.map(reminderRecord);
    const e = escalations.map(escalationRecord);
    return recordDueSlaEvents(db, {
      taskId,
      events: [...r.map((x) => x.event), ...(breach ? [breachEvent(breach)] : []), ...e.map((x) => x.event)],
      escalationCandidates: e.flatMap((x) => x.candidates),
      notices: [...r.flatMap((x) => x.notices), ...e.flatMap((x) => x.notices)],
    });
  };
  const recordReminder = (input: ReminderInput) => recordAll(input.taskId, [input], null, []);
  const recordBreach = (input: BreachInput) => recordAll(input.taskId, [], input, []);
  const recordEscalation = (input: EscalationInput) => recordAll(input.taskId, [], null, [input]);

  /**
   * A task's names, from its row and the policy version it was opened under (versions never change);
   * null when either is missing, so a deadline still moves when no notice can name the task.
   */
  const namesOf = async (taskId: string): Promise<TaskNames | null> => {
    const task = await getTask(db, taskId);
    const process = task && (await policyByKey(db, task.policyKey))?.document.processes[task.processType];
    const step = task && process?.steps[task.step];
    return task && process && step
      ? { taskId, caseId: task.caseId, processName: process.name, stepName: step.name }
      : null;
  };

  const open = (
    input: NewTask & { processName: Text; stepName: Text },
    caseMove?: CaseStateInput,
    closing?: TaskClosure,
  ) =>
    insertTask(
      db,
      input,
      input.candidates.map((recipient, i) => ({
        id: `${input.id}#task#${i}`,
        recipient,
        kind: 'task' as const,
        taskId: input.id,
        title: {
          zh: `新待办:${input.processName.zh} ${caseFor(input.caseId, recipient)}·${input.stepName.zh},${fmt(input.deadline)} 前办结`,
          en: `New task: ${input.processName.en} ${caseFor(input.caseId, recipient)} · ${input.stepName.en}, due ${fmt(input.deadline)}`,
        },
      })),
      { closing, andThen: caseMove && ((trx) => recordCase(trx, caseMove)) },
    );

  return {
    async openTask(input: NewTask & { processName: Text; stepName: Text }): Promise<void> {
      await open(input);
    },

    /**
     * Computes a step's schedule on the working calendar and opens its task with that deadline,
     * then records the case's move to the step (`caseMove`), in one activity and one transaction:
     * a workflow opens a step in one local activity instead of three, with one commit. With
     * `closing`, the task decided just before (the step this one follows) is closed first, in the
     * same transaction. Answers with the schedule the task was opened on.
     */
    async openTaskOnSchedule(
      input: Omit<NewTask, 'startedAt' | 'deadline' | 'provisional'> & {
        processName: Text;
        stepName: Text;
        schedule: ScheduleInput;
        caseMove?: CaseStateInput;
        closing?: TaskClosure;
      },
    ): Promise<SlaSchedule> {
      const { schedule: on, caseMove, closing, ...task } = input;
      const schedule = await scheduleOf(db, on);
      // The task is written first, so whoever sees the case at the step finds its task; the case's
      // move lands with it, in its transaction.
      const opened = await open(
        {
          ...task,
          startedAt: schedule.startedAt,
          deadline: schedule.deadline,
          provisional: schedule.provisional,
        },
        caseMove,
        closing,
      );
      // A retry finds the task its first attempt opened: its row takes this schedule, which the
      // workflow will hold, should the calendar have changed in between; its holders, told the
      // first attempt's deadline, are told the new one.
      if (!opened)
        await updateTaskDeadline(
          db,
          task.id,
          schedule.deadline,
          schedule.provisional,
          deadlineMoved({ ...task, taskId: task.id }, schedule.deadline),
        );
      return schedule;
    },

    /** The task goes to other holders (a party of its case became another department); they are told. */
    async reassignTask(input: {
      taskId: string;
      caseId: string;
      candidates: CandidateGroup[];
      deadline: string;
      processName: Text;
      stepName: Text;
    }): Promise<void> {
      await replaceCandidates(
        db,
        input.taskId,
        input.candidates,
        input.candidates.map((recipient) => ({
          id: `${input.taskId}#moved#${recipient.role}#${recipient.department ?? '*'}`,
          recipient,
          kind: 'task' as const,
          taskId: input.taskId,
          title: {
            zh: `移交待办:${input.processName.zh} ${caseFor(input.caseId, recipient)}·${input.stepName.zh},${fmt(input.deadline)} 前办结`,
            en: `Task handed over: ${input.processName.en} ${caseFor(input.caseId, recipient)} · ${input.stepName.en}, due ${fmt(input.deadline)}`,
          },
        })),
      );
    },

    /** The task's deadline, computed again after the calendar changed; if it moved, its holders are told. */
    async rescheduleTask(input: { taskId: string; deadline: string; provisional: boolean }): Promise<void> {
      const names = await namesOf(input.taskId);
      await updateTaskDeadline(
        db,
        input.taskId,
        input.deadline,
        input.provisional,
        names ? deadlineMoved(names, input.deadline) : undefined,
      );
    },

    recordReminder,
    recordBreach,
    recordEscalation,

    /**
     * Records every SLA event that is due at once in one activity and one
     * transaction: what a workflow finds on waking after an outage (a reminder,
     * the breach and each escalation level), without a round trip through
     * Temporal or a commit for each.
     */
    async recordSlaEvents(input: {
      reminders: ReminderInput[];
      breach: BreachInput | null;
      escalations: EscalationInput[];
    }): Promise<void> {
      const taskId = [...input.reminders, ...(input.breach ? [input.breach] : []), ...input.escalations][0]
        ?.taskId;
      if (taskId) await recordAll(taskId, input.reminders, input.breach, input.escalations);
    },

    async closeTask(input: TaskClosure): Promise<void> {
      await closeTaskRow(db, input);
    },
  };
}
