/** The activities every process uses: policy, deadlines, tasks and their SLA events, case state. */
import type { Db } from '../db/connection';
import { createCaseActivities, recordCaseMoves, type CaseStore } from './cases/case-activities';
import { createPolicyActivities } from './cases/policy-activities';
import { createDeadlineActivities } from './sla/deadline-activities';
import { createTaskActivities } from './sla/task-activities';

/** `storeOf` finds each process's table: the registry's `processNamed`. */
export function createSharedActivities(db: Db, storeOf: CaseStore) {
  const cases = createCaseActivities(db, storeOf);
  return {
    ...createPolicyActivities(db),
    ...createDeadlineActivities(db),
    ...createTaskActivities(db, (trx, move) => recordCaseMoves(trx, storeOf, move)),
    ...cases,
  };
}

export type SharedActivities = ReturnType<typeof createSharedActivities>;
