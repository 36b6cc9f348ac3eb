/**
 * What the API and a workflow exchange about human tasks: the Workflow Update
 * that completes a task, the signal that says the calendar changed, and the
 * failure types an update validator answers with (the API maps them to HTTP).
 */
import type { Actor, CandidateGroup } from '../roles';

export const COMPLETE_TASK_UPDATE = 'completeTask';
export const CALENDAR_CHANGED_SIGNAL = 'calendarChanged';
export const TASKS_QUERY = 'tasks';

export interface CompleteTaskInput {
  taskId: string;
  actor: Actor;
  decision: string;
  reason?: string;
  /** Step-specific fields (e.g. what was corrected). */
  data?: Record<string, unknown>;
}

/** Failure types thrown by the completeTask validator. */
export const TaskRefusal = {
  NotFound: 'TaskNotFound', // 404
  Closed: 'TaskClosed', // 409
  Forbidden: 'TaskForbidden', // 403
  Invalid: 'TaskInvalid', // 422
} as const;

export type TaskRefusalType = (typeof TaskRefusal)[keyof typeof TaskRefusal];

export interface TaskOutcome {
  taskId: string;
  step: string;
  decision: string;
  reason: string | null;
  data: Record<string, unknown>;
  actor: Actor;
  completedAt: string;
  breached: boolean;
  escalationLevel: number;
}

export interface TaskView {
  taskId: string;
  step: string;
  status: 'open' | 'done' | 'cancelled';
  candidates: CandidateGroup[];
  startedAt: string;
  deadline: string;
  provisional: boolean;
  article: number;
  breached: boolean;
  escalationLevel: number;
  outcome: TaskOutcome | null;
}
