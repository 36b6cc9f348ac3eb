/**
 * The task inbox: list what the caller may act on, claim and release, and
 * complete through the owning workflow's Update (whose validator has the last
 * word on actor, state and decision).
 */
import { localToday } from '../http/local-today';
import type { Db } from '../../db/connection';
import type { User } from '../../db/directory-repository';
import { loadCalendarFor, recentWorkingCalendar } from '../../db/calendar-repository';
import { caseSummaries, type CaseSummarySpec } from '../../db/case-summaries';
import { delegatorsOf, setCompletedFor } from '../../db/delegation-repository';
import { getTask, listDone, listInbox, setClaim, tasksOfCase, type TaskRow } from '../../db/task-repository';
import { endOfWorkingDaysFrom, localDateOf, workingDaysBetween } from '../../domain/calendar/working-days';
import type { Actor } from '../../domain/roles';
import { mayActOnTask } from '../auth/policies';
import { HttpError, unprocessable } from '../http/errors';
import type { TemporalGateway } from '../temporal/temporal-gateway';
import { auditByUser } from '../cases/audit';
import { directoryNames } from '../directory/names';
import { createTaskViews } from './task-views';
import { oneAtATime } from './one-at-a-time';
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

/**
 * The task service. `summaries` says, for each process, where its read model
 * keeps what an inbox row shows of a case (the registry passes every
 * process's; without it rows carry no case summary and search finds nothing).
 */
export function createTaskService(
  deps: { db: Db; temporal: TemporalGateway },
  summaries: ReadonlyMap<string, CaseSummarySpec> = new Map(),
) {
  const { db } = deps;
  const views = createTaskViews(db);
  const oneCaseAtATime = oneAtATime();

  /** The colleagues who hand `user` their tasks today, with the role each hands over. */
  const standingInFor = (user: User) => delegatorsOf(db, user.username, localToday());

  /** Whom `user` decides `task` for: the colleague who claimed it, when they hand that role to `user` today. */
  function actingFor(task: TaskRow, user: User, delegators: { from: string; role: string }[]): string | null {
    if (!task.claimedBy || task.claimedBy === user.username) return null;
    const roles = new Set<string>(
      task.candidates.filter((c) => c.department === user.department.code).map((c) => c.role),
    );
    return delegators.some((d) => d.from === task.claimedBy && roles.has(d.role)) ? task.claimedBy : null;
  }

  /** Tasks as the inbox lists them: each with its case's summary and, while open, the working days left. */
  async function inboxViews(tasks: TaskRow[], nowMs: number, user: User) {
    if (tasks.length === 0) return [];
    const today = localDateOf(new Date(nowMs).toISOString());
    // Each open task's local due date, once: its year picks the calendar, and its days left count to it.
    const dueDates = tasks.map((t) => (t.status === 'open' ? localDateOf(t.deadline) : null));
    const years = new Set<number>(
      [today, ...dueDates].filter((d) => d !== null).map((d) => Number(d.slice(0, 4))),
    );
    // Whom the caller stands in for matters only for a task a colleague claimed.
    const claimedByOthers = tasks.some(
      (t) => t.status === 'open' && t.claimedBy && t.claimedBy !== user.username,
    );
    // Independent reads, sent together.
    const [delegators, cases, names, calendar, shown] = await Promise.all([
      claimedByOthers ? standingInFor(user) : [],
      caseSummaries(db, summaries, tasks),
      directoryNames(db),
      recentWorkingCalendar(db, [...years]),
      Promise.all(tasks.map((t) => views.view(t, nowMs))),
    ]);
    return tasks.map((t, i) => {
      const c = cases.get(`${t.processType}|${t.caseId}`);
      const forWhom = t.status === 'open' ? actingFor(t, user, delegators) : null;
      return {
        ...shown[i],
        actingFor: forWhom,
        actingForName: names.person(forWhom),
        case: c ? { ...c, requesterDepartmentName: names.department(c.requesterDepartment) } : null,
        workingDaysLeft: dueDates[i] === null ? null : workingDaysBetween(today, dueDates[i], calendar),
      };
    });
  }

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

  const service = {
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
        q?: string;
        page: number;
        pageSize: number;
      },
    ) {
      const now = new Date();
      const search = q.q ? { term: q.q, specs: [...summaries.values()] } : undefined;
      const who = { username: user.username, department: user.department.code, roles: user.roles };
      if (q.status === 'done') {
        const done = await listDone(db, {
          ...who,
          mine: q.mine,
          processType: q.processType,
          search,
          page: q.page,
          pageSize: q.pageSize,
        });
        return {
          ...done,
          items: await inboxViews(done.items, now.getTime(), user),
          page: q.page,
          pageSize: q.pageSize,
        };
      }
      let dueBeforeMs: number | undefined;
      if (q.dueWithinWorkingDays !== undefined) {
        const from = now.toISOString();
        const calendar = await loadCalendarFor(db, from, q.dueWithinWorkingDays);
        dueBeforeMs = Date.parse(endOfWorkingDaysFrom(from, q.dueWithinWorkingDays, calendar).deadline);
      }
      const page = await listInbox(db, {
        ...who,
        standingInFor: q.mine ? (await standingInFor(user)).map((d) => d.from) : undefined,
        status: q.status,
        mine: q.mine,
        unclaimed: q.unclaimed,
        overdue: q.overdue,
        dueBeforeMs,
        processType: q.processType,
        search,
        nowMs: now.getTime(),
        page: q.page,
        pageSize: q.pageSize,
      });
      return {
        items: await inboxViews(page.items, now.getTime(), user),
        total: page.total,
        totalCapped: page.totalCapped,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    /** The task, with what the caller can do with it now (and why not the rest). */
    async get(user: User, id: string) {
      const task = await actionable(user, id);
      const [view] = await inboxViews([task], Date.now(), user);
      const closed =
        task.status === 'cancelled' ? 'task_cancelled' : task.status === 'done' ? 'task_done' : null;
      const byOther = task.claimedBy !== null && task.claimedBy !== user.username && view.actingFor === null;
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
      const first = await actionable(user, id);
      return oneCaseAtATime(first.workflowId, async (waited) => {
        // Read again if this case's earlier decisions went first: one of them may have closed it.
        const task = waited ? await actionable(user, id) : first;
        if (task.status !== 'open') throw closedError(task);
        // Whom the caller stands in for matters only for a task a colleague claimed.
        const claimedByOther = task.claimedBy !== null && task.claimedBy !== user.username;
        const onBehalfOf = actingFor(task, user, claimedByOther ? await standingInFor(user) : []);
        if (
          task.claimedBy &&
          task.claimedBy !== user.username &&
          onBehalfOf === null &&
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
        if (onBehalfOf) await setCompletedFor(db, id, onBehalfOf);
        // The workflow opens the next step's task before it answers the decision (its writes are
        // local activities of the same workflow task), so the answer can say what opened; it is
        // read while the decision is audited.
        const [tasks] = await Promise.all([
          tasksOfCase(db, task.caseId),
          auditByUser(db, user, {
            action: 'task.complete',
            entityType: task.processType,
            entityId: task.caseId,
            ip,
            detail: {
              taskId: id,
              step: task.step,
              decision: body.decision,
              reason: body.reason ?? null,
              ...(onBehalfOf ? { onBehalfOf } : {}),
            },
          }),
        ]);
        const opened = tasks.filter((t) => t.status === 'open' && t.id !== id);
        return {
          ...(await views.view(tasks.find((t) => t.id === id)!)),
          opened: await Promise.all(opened.map((t) => views.view(t))),
        };
      });
    },

    /**
     * Approves several tasks of one step with the same reason, for a reviewer
     * with many alike: each is still its own decision, sent to its own
     * workflow and audited on its own, in order. A task the caller may not act
     * on refuses the whole request; one refused for its state (decided,
     * claimed) does not stop the rest, and the answer says how each went.
     */
    async completeMany(
      user: User,
      body: { taskIds: string[]; decision: string; reason?: string },
      ip: string | null,
    ) {
      // Every task must be one the caller may act on (404, 403 otherwise): what is refused one by one
      // below is only what a task's state decides (already decided, claimed by someone else).
      const tasks = [];
      for (const id of body.taskIds) tasks.push(await actionable(user, id));
      const steps = new Set(tasks.map((t) => `${t.processType}/${t.step}`));
      if (steps.size > 1)
        throw unprocessable('invalid_bulk', 'bulk decision', [
          {
            path: 'taskIds',
            message: `tasks of ${steps.size} different steps; decide one step's tasks at a time`,
            code: 'mixed_steps',
            params: { steps: steps.size },
          },
        ]);
      const results: {
        id: string;
        outcome: 'done' | 'refused';
        error: { code: string; message: string } | null;
      }[] = [];
      for (const id of body.taskIds) {
        try {
          await service.complete(user, id, { decision: body.decision, reason: body.reason }, ip);
          results.push({ id, outcome: 'done', error: null });
        } catch (e) {
          if (!(e instanceof HttpError) || e.status >= 500) throw e;
          results.push({ id, outcome: 'refused', error: { code: e.code, message: e.message } });
        }
      }
      return { items: results, done: results.filter((r) => r.outcome === 'done').length };
    },
  };
  return service;
}
