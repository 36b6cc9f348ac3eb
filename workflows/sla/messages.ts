/** Temporal message definitions shared by every process that has human tasks. */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import {
  CALENDAR_CHANGED_SIGNAL,
  COMPLETE_TASK_UPDATE,
  TASKS_QUERY,
  type CompleteTaskInput,
  type TaskView,
} from '../../domain/sla/task-contract';

export const completeTaskUpdate = defineUpdate<TaskView, [CompleteTaskInput]>(COMPLETE_TASK_UPDATE);
export const calendarChangedSignal = defineSignal(CALENDAR_CHANGED_SIGNAL);
export const tasksQuery = defineQuery<TaskView[]>(TASKS_QUERY);
