/**
 * Where a case stands, for every process's detail page: its open task and who
 * holds it, each deadline with its article and whether it is provisional,
 * and a timeline of its events, breaches and escalations.
 */
import type { Db } from '../../db/connection';
import { caseEvents } from '../../db/case-repository';
import { openTasksOfCases, slaEventsOfTasks, tasksOfCase, type TaskRow } from '../../db/task-repository';
import { articleLabel } from '../../domain/policy/articles';
import { durationLabel } from '../../domain/policy/duration';
import type { TaskViews } from '../tasks/task-views';
import { directoryNames } from '../directory/names';

/** An open task as a case's pages show it: its step, who holds it, and its deadline with the article. */
async function openTaskView(views: TaskViews, t: TaskRow) {
  const v = await views.view(t);
  return {
    id: v.id,
    step: v.step,
    stepName: v.stepName,
    holders: v.candidates,
    claimedBy: v.claimedBy,
    claimedByName: v.claimedByName,
    deadline: v.deadline,
    provisional: v.provisional,
    article: v.article,
    articleLabel: v.articleLabel,
    limit: v.limit,
    basis: v.basis,
    citation: v.citation,
    breached: v.breached,
    escalationLevel: v.escalationLevel,
  };
}

export type OpenTaskView = Awaited<ReturnType<typeof openTaskView>>;

/**
 * The open task of each of many cases, for a list: one query for all of them,
 * where reading each case's progress would take four a row.
 */
export function createCurrentTasks(db: Db, views: TaskViews) {
  return async function currentTasks(caseIds: readonly string[]): Promise<Map<string, OpenTaskView>> {
    const tasks = await openTasksOfCases(db, caseIds);
    const first = new Map<string, TaskRow>();
    for (const t of tasks) if (!first.has(t.caseId)) first.set(t.caseId, t);
    const entries = await Promise.all(
      [...first].map(async ([caseId, t]) => [caseId, await openTaskView(views, t)] as const),
    );
    return new Map(entries);
  };
}

export function createCaseProgress(db: Db, views: TaskViews) {
  return async function progress(caseType: string, caseId: string) {
    const [tasks, events, names] = await Promise.all([
      tasksOfCase(db, caseId),
      caseEvents(db, caseType, caseId),
      directoryNames(db),
    ]);
    const sla = await slaEventsOfTasks(
      db,
      tasks.map((t) => t.id),
    );
    const stepOf = new Map(tasks.map((t) => [t.id, t.step]));
    const info = (t: (typeof tasks)[number]) => views.stepInfo(t.policyKey, t.processType, t.step);
    const stepName = async (t: (typeof tasks)[number]) => (await info(t)).stepName;
    const open = tasks.filter((t) => t.status === 'open');
    const currentTasks = await Promise.all(open.map((t) => openTaskView(views, t)));
    const deadlines = await Promise.all(
      tasks.map(async (t) => ({
        step: t.step,
        stepName: await stepName(t),
        taskId: t.id,
        deadline: t.deadline,
        provisional: t.provisional,
        article: t.article,
        articleLabel: articleLabel(t.article),
        limit: t.setPeriod ? durationLabel(t.setPeriod) : (await info(t)).limit,
        basis: (await info(t)).basis,
        citation: (await info(t)).citation,
        breached: t.breached,
        status: t.status,
      })),
    );
    // Who a decision was made for, when a delegate stood in for an absent colleague (代理).
    const standIns = new Map(
      tasks
        .filter((t) => t.completedFor)
        .map((t) => [`${t.step}|${t.completedBy}|${t.decision}`, t.completedFor]),
    );
    const timeline = [
      ...events.map((e) => {
        const onBehalfOf = (e.decision && standIns.get(`${e.step}|${e.actor}|${e.decision}`)) || null;
        return {
          at: e.at,
          step: e.step,
          action: e.action,
          actor: e.actor,
          actorName: names.person(e.actor),
          actorDepartment: e.actorDepartment,
          actorDepartmentName: names.department(e.actorDepartment),
          decision: e.decision,
          reason: e.reason,
          onBehalfOf,
          onBehalfOfName: names.person(onBehalfOf),
        };
      }),
      ...sla
        .filter((e) => e.kind !== 'reminder')
        .map((e) => ({
          at: e.at,
          step: stepOf.get(e.taskId) ?? null,
          action: e.kind === 'breach' ? 'deadline_breached' : `escalated_level_${e.level}`,
          actor: null,
          actorName: null,
          actorDepartment: null,
          actorDepartmentName: null,
          decision: null,
          onBehalfOf: null,
          onBehalfOfName: null,
          reason:
            e.kind === 'escalation'
              ? ((e.detail as { label?: { zh: string } } | null)?.label?.zh ?? null)
              : null,
        })),
    ].sort((a, b) => a.at.localeCompare(b.at));
    return { currentTask: currentTasks[0] ?? null, currentTasks, deadlines, timeline };
  };
}
