/** The activities every process uses: policy, deadlines, tasks and their SLA events, case state. */
import type { Db } from '../db/connection';
import { createCaseActivities } from './cases/case-activities';
import { createPolicyActivities } from './cases/policy-activities';
import { createDeadlineActivities } from './sla/deadline-activities';
import { createTaskActivities } from './sla/task-activities';

export function createSharedActivities(db: Db) {
  return {
    ...createPolicyActivities(db),
    ...createDeadlineActivities(db),
    ...createTaskActivities(db),
    ...createCaseActivities(db),
  };
}

export type SharedActivities = ReturnType<typeof createSharedActivities>;
