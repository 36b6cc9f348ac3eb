/** All activities, bound to their dependencies; the worker registers this object. */
import type { Db } from '../db/connection';
import { createCaseActivities } from './case-activities';
import { createDeadlineActivities } from './deadline-activities';
import { createPolicyActivities } from './policy-activities';
import { createSharingActivities } from './sharing-activities';
import { createTaskActivities } from './task-activities';

export function createActivities(db: Db) {
  return {
    ...createPolicyActivities(db),
    ...createDeadlineActivities(db),
    ...createTaskActivities(db),
    ...createSharingActivities(db),
    ...createCaseActivities(db),
  };
}

export type Activities = ReturnType<typeof createActivities>;
