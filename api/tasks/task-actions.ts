/**
 * What the caller can do with a task now: each decision of its step, offered
 * or not, and why not (a reason key the app says in the user's language). The
 * workflow's validator still has the last word; this keeps the app from
 * offering what it would refuse. A process's own rules live with the process.
 */
import type { Db } from '../../db/connection';
import type { User } from '../../db/directory-repository';
import type { TaskRow } from '../../db/task-repository';
import { catalogueUpdateDecisionRules } from '../catalogue_update/task-actions';
import { disputeDecisionRules } from '../dispute/task-actions';
import type { DecisionRules } from './decision-rules';

const RULES: Record<string, DecisionRules> = {
  dispute: disputeDecisionRules,
  catalogue_update: catalogueUpdateDecisionRules,
};

export interface TaskAction {
  decision: string;
  allowed: boolean;
  /** Why it is not offered: a refusal reason (e.g. nothing_proposed), null when it is. */
  reason: string | null;
}

/** Each decision of the step for `user`: offered, or not and why. `blocked`: a reason that holds for all. */
export async function taskActions(
  db: Db,
  user: User,
  task: TaskRow,
  decisions: string[],
  blocked: string | null,
): Promise<TaskAction[]> {
  return Promise.all(
    decisions.map(async (decision) => {
      const rule = RULES[task.processType]?.[task.step]?.[decision];
      const reason = blocked ?? (rule ? await rule({ db, user, task }) : null);
      return { decision, allowed: reason === null, reason };
    }),
  );
}
