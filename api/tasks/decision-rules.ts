/** The shape of a process's rules for when a decision is offered (see task-actions.ts). */
import type { Db } from '../../db/connection';
import type { User } from '../../db/directory-repository';
import type { TaskRow } from '../../db/task-repository';

/** Why a decision is not offered now (a refusal reason the app says), or null when it is. */
export type DecisionRule = (ctx: { db: Db; user: User; task: TaskRow }) => Promise<string | null>;

/** step → decision → its rule. */
export type DecisionRules = Record<string, Record<string, DecisionRule>>;
