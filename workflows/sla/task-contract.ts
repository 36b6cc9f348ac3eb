/**
 * What the API and a workflow exchange about human tasks: the Workflow Update
 * that completes a task, the signal that says the calendar changed, and the
 * failure types an update validator answers with (the API maps them to HTTP).
 * The same definition objects serve the workflow (setHandler) and the client
 * (executeUpdate, signal), so their names and types cannot drift apart.
 */
import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor, CandidateGroup } from '../../domain/roles';

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

/** Completes one of the case's open tasks; the validator refuses with a `TaskRefusal`. */
export const completeTask = defineUpdate<TaskView, [CompleteTaskInput]>('completeTask');
/** The working-day calendar changed: provisional deadlines are computed again. */
export const calendarChanged = defineSignal('calendarChanged');
