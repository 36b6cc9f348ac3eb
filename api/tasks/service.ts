/**
 * The task inbox: list what the caller may act on, claim and release, and
 * complete through the owning workflow's Update (whose validator has the last
 * word on actor, state and decision).
 */
import type { Db } from '../../db/connection';
import type { User } from '../../db/directory-repository';
import { loadCalendarFor } from '../../db/calendar-repository';
import { getTask, listInbox, setClaim, type TaskRow } from '../../db/task-repository';
import { endOfWorkingDaysFrom } from '../../domain/calendar/working-days';
import type { Actor } from '../../domain/roles';
import { mayActOnTask } from '../auth/policies';
import { HttpError } from '../http/errors';
import type { TemporalGateway } from '../temporal/temporal-gateway';
import { auditByUser } from '../cases/audit';
import { createTaskViews } from './task-views';
import { taskActions } from './task-actions';

export function actorOf(user: User): Actor {
  return { username: user.username, department: user.department.code, roles: user.roles };
}

/** How many departments hold a task: more than one for a negotiation both sides take part in. */
function heldByDepartments(task: TaskRow): number {
  return new Set(task.candidates.map((c) => c.department).filter((d) => d !== null)).size;
}

/**
 * A claim keeps colleagues of the claimer's group off the task, not a city-level authority that
 * may act on it in its own right (the platform deciding directly, art. 22).
 */
function asCityAuthority(user: User, task: TaskRow): boolean {
  return task.candidates.some((c) => c.department === null && user.roles.includes(c.role));
}

export function createTaskService(deps: { db: Db; temporal: TemporalGateway }) {
  const { db } = deps;
  const views = createTaskViews(db);

  /** The task, if the caller may act on it; 404 if there is none, 403 if it is not theirs. */
  async function actionable(user: User, id: string): Promise<TaskRow> {
    const task = await getTask(db, id);
    if (!task) throw new HttpError(404, 'task_not_found', `No task ${id}.`);
    mayActOnTask(user, task.candidates);
    return task;
  }

  function closedError(task: TaskRow): HttpError {
    return new HttpError(
      409,
      'task_closed',
      task.status === 'cancelled'
        ? `Task ${task.id} was cancelled${task.reason ? `: ${task.reason}` : ''}.`
        : `Task ${task.id} was already completed by ${task.completedBy} (${task.decision}).`,
    );
  }

  return {
    views,

    async list(
      user: User,
      q: {
        status: 'open' | 'done';
        mine: boolean;
        unclaimed: boolean;
        overdue: boolean;
        dueWithinWorkingDays?: number;
        processType?: string;
        page: number;
        pageSize: number;
      },
    ) {
      const now = new Date();
      let dueBeforeMs: number | undefined;
      if (q.dueWithinWorkingDays !== undefined) {
        const from = now.toISOString();
        const calendar = await loadCalendarFor(db, from, q.dueWithinWorkingDays);
        dueBeforeMs = Date.parse(endOfWorkingDaysFrom(from, q.dueWithinWorkingDays, calendar).deadline);
      }
      const page = await listInbox(db, {
        username: user.username,
        department: user.department.code,
        roles: user.roles,
        status: q.status,
        mine: q.mine,
        unclaimed: q.unclaimed,
        overdue: q.overdue,
        dueBeforeMs,
        processType: q.processType,
        nowMs: now.getTime(),
        page: q.page,
        pageSize: q.pageSize,
      });
      return {
        items: await Promise.all(page.items.map((t) => views.view(t, now.getTime()))),
        total: page.total,
        totalCapped: page.totalCapped,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    /** The task, with what the caller can do with it now (and why not the rest). */
    async get(user: User, id: string) {
      const task = await actionable(user, id);
      const view = await views.view(task);
      const closed =
        task.status === 'cancelled' ? 'task_cancelled' : task.status === 'done' ? 'task_done' : null;
      const byOther = task.claimedBy !== null && task.claimedBy !== user.username;
      const shared = heldByDepartments(task) > 1;
      return {
        ...view,
        actions: await taskActions(
          db,
          user,
          task,
          view.decisions,
          closed ?? (byOther && !shared && !asCityAuthority(user, task) ? 'task_claimed' : null),
        ),
        claim: {
          allowed: !closed && !shared && !byOther,
          reason: closed ?? (shared ? 'task_shared' : byOther ? 'task_claimed' : null),
        },
      };
    },

    async claim(user: User, id: string, claim: boolean) {
      const task = await actionable(user, id);
      if (task.status !== 'open') throw closedError(task);
      if (claim && heldByDepartments(task) > 1)
        throw new HttpError(
          409,
          'task_shared',
          `Task ${id} is held by several departments (e.g. both sides of a negotiation); one side cannot claim it from the other.`,
        );
      if (!(await setClaim(db, id, user.username, claim))) {
        const now = (await getTask(db, id))!;
        if (now.status !== 'open') throw closedError(now);
        throw new HttpError(
          409,
          claim ? 'task_claimed' : 'not_claimed_by_you',
          now.claimedBy
            ? `Task ${id} is claimed by ${now.claimedBy}; only they can release it.`
            : `Task ${id} is not claimed.`,
        );
      }
      return views.view((await getTask(db, id))!);
    },

    async complete(
      user: User,
      id: string,
      body: { decision: string; reason?: string; data?: Record<string, unknown> },
      ip: string | null,
    ) {
      const task = await actionable(user, id);
      if (task.status !== 'open') throw closedError(task);
      if (
        task.claimedBy &&
        task.claimedBy !== user.username &&
        heldByDepartments(task) <= 1 &&
        !asCityAuthority(user, task)
      )
        throw new HttpError(
          409,
          'task_claimed',
          `Task ${id} is claimed by ${task.claimedBy}; they must release it before anyone else decides.`,
        );
      await deps.temporal.completeTask(task.workflowId, {
        taskId: id,
        actor: actorOf(user),
        decision: body.decision,
        reason: body.reason,
        data: body.data,
      });
      await auditByUser(db, user, {
        action: 'task.complete',
        entityType: task.processType,
        entityId: task.caseId,
        ip,
        detail: { taskId: id, step: task.step, decision: body.decision, reason: body.reason ?? null },
      });
      return views.view((await getTask(db, id))!);
    },
  };
}
