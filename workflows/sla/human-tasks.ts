/**
 * The one SLA mechanism every process uses. A process declares its steps in
 * the policy document and calls `tasks.run(step)`; this helper:
 *
 * - in one activity, computes the step's schedule on the working-day calendar,
 *   writes the task to the read model (inbox), notifies its candidates and
 *   records the case's move to the step (`caseMoveOnOpening`);
 * - sends each reminder before the deadline;
 * - at the deadline records a breach, then escalates level by level along the
 *   policy's chain. It never cancels the task (a BPMN non-interrupting boundary
 *   timer) unless the step is run with `interruptAtDeadline`: the task stays
 *   open, and an escalation may let others act on it;
 * - decides the task through the `completeTask` Workflow Update: the workflow
 *   registers `tasks.complete` with `tasks.validate` as its validator, which
 *   checks the actor, the task state and the decision;
 * - recomputes provisional deadlines when the calendar changes (the workflow
 *   registers `tasks.calendarChanged` for the `calendarChanged` signal).
 *
 * RUNNING WORKFLOWS REPLAY THIS CODE. Every case in flight re-executes it from
 * its history whenever a worker picks it up, so a change to the commands it
 * issues (activities, timers, their order) must go behind `patched()` or into
 * a new workflow type. `test/replay/` holds recorded histories; the replay test
 * fails when a change would break them.
 */
import {
  ApplicationFailure,
  condition,
  patched,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { actorMatches, type Actor, type CandidateGroup } from '../../domain/roles';
import { SA } from '../../domain/search-attributes';
import type { ActorRef, PolicyVersion, StepPolicy } from '../../domain/policy/policy-document';
import { stepActors, stepPolicy } from '../../domain/policy/policy-document';
import type { SlaSchedule } from '../../domain/sla/schedule';
import type { Duration } from '../../domain/policy/duration';
import { TaskRefusal, type CompleteTaskInput, type TaskOutcome, type TaskView } from './task-contract';
import { acts } from '../cases/activities-proxy';
import { hold, release, type HeldWrite } from '../cases/held-writes';
import {
  CLOSURE_GOES_WITH_NEXT_STEP,
  STEP_OPENS_WITH_CASE_MOVE,
  TASK_OPENS_ON_ITS_SCHEDULE,
} from '../cases/patches';
import type { PreparedMove } from '../cases/case-recorder';
import { hasVisibleText } from '../../domain/text/visible';

interface TaskState {
  id: string;
  step: string;
  options: RunOptions;
  policy: StepPolicy;
  candidates: CandidateGroup[];
  schedule: SlaSchedule;
  /**
   * While the activity that computes its schedule and opens it runs: `schedule` is not known yet
   * (it holds the start only), the task is not in the inbox, and no one can have seen it.
   */
  opening: boolean;
  remindersSent: number;
  breached: boolean;
  levelReached: number;
  recompute: boolean;
  outcome: TaskOutcome | null;
  /** Set when the case ends the task without a decision (e.g. the requester withdrew). */
  cancelled: { by: string | null; reason: string; at: string } | null;
  closed: boolean;
}

/** How a task is closed in the read model. */
type TaskClosure = Parameters<typeof acts.closeTask>[0];

/** How a step ended: decided, cancelled by the case (e.g. a withdrawal), or, with `interruptAtDeadline`, expired. */
export type StepResult =
  | { kind: 'done'; outcome: TaskOutcome }
  | { kind: 'cancelled'; by: string | null; reason: string; at: string }
  | { kind: 'expired'; at: string };

/**
 * Marks histories where every SLA event found due on waking is recorded in one
 * activity; workflows started before it replay firing them one by one.
 */
const SLA_EVENTS_TOGETHER = 'sla-events-due-together';

type SlaEvent =
  | { kind: 'reminder'; index: number; at: number }
  | { kind: 'breach'; at: number }
  | { kind: 'escalation'; level: number; at: number };

export interface HumanTasksContext {
  processType: string;
  caseId: string;
  policy: PolicyVersion;
  /** Case parties and their departments, e.g. { provider: 'public-security', consumer: 'civil-affairs' }. */
  parties: Record<string, string>;
  /**
   * The case's move when a task opens (its status at that step), prepared by its CaseRecorder:
   * recorded with the task's opening, in the same activity.
   */
  caseMoveOnOpening?: (task: { step: string }) => PreparedMove;
  /** Called once a task is in the inbox and the case has moved to its step. */
  onOpened?: (task: TaskView) => Promise<void>;
  /**
   * How many tasks the case opened in the runs before this one (a workflow that continues as new
   * passes `opened` on), so a task's id stays the case's own: `${workflowId}.${step}.${n}`.
   */
  openedBefore?: number;
}

/** A step names a party the case does not have: a policy that does not fit its process. */
class MissingPartyError extends Error {}

export interface RunOptions {
  /** Count the deadline from this instant instead of now (a reform's effective date, a stage's start). */
  from?: string;
  /** Process rules on top of the step's own: throw (see `refuse`) to refuse a completion. */
  validate?: (input: CompleteTaskInput) => void;
  /**
   * End the step at its deadline, after the breach and the escalations due
   * then, instead of leaving the task open (a BPMN interrupting timer, e.g.
   * a dispute stage that moves on). `run` then resolves to `expired`.
   */
  interruptAtDeadline?: boolean;
  /** Called once when the deadline passes and the breach is recorded. */
  onBreach?: () => void;
  /** Who may decide besides the step's own actors, from the start (e.g. the platform's direct authority, art. 22). */
  alsoActing?: ActorRef[];
  /** The period an earlier decision set for this step (its policy's `periodSetBy`), instead of its `deadline`. */
  deadline?: Duration;
  /**
   * For a decision it answers true for, the task is closed with the next step's opening, in its
   * activity (see CLOSURE_GOES_WITH_NEXT_STEP), instead of in one of its own. Only where the
   * case's next write on such a decision is that opening (`run`), on every path, in the same
   * workflow task: until it is written, the task's Update waits.
   */
  closeWithNext?: (outcome: TaskOutcome) => boolean;
}

export const DEADLINE_PASSED = '期限届满,转入下一阶段';

/**
 * Refuses an Update. `reason` is the refusal's stable key, with the values its message names, so
 * the app can say it in the user's language (the message is for logs and API users). A refusal
 * in a validator is never in the history; one in a handler is, so it keeps the shape it was
 * recorded with (no reason).
 */
export function refuse(
  type: string,
  message: string,
  reason?: string,
  params: Record<string, string | number> = {},
): never {
  throw ApplicationFailure.create({
    type,
    message,
    nonRetryable: true,
    details: reason ? [{ reason, ...params }] : undefined,
  });
}

/** Reminders already past when a task opens (a deadline counted from an earlier date): they are not sent. */
const pastReminders = (s: SlaSchedule) => s.reminders.filter((at) => Date.parse(at) <= Date.now()).length;

function nowIso(): string {
  return new Date(Date.now()).toISOString();
}

export class HumanTasks {
  private readonly tasks = new Map<string, TaskState>();
  private seq: number;
  /** A decided task whose closing the next opening writes (`closeWithNext`); held (../cases/held-writes.ts). */
  private closing: { task: TaskState; closure: TaskClosure; held: HeldWrite } | null = null;

  constructor(private readonly ctx: HumanTasksContext) {
    this.seq = ctx.openedBefore ?? 0;
  }

  /** How many tasks the case has opened, this run and those before it. */
  get opened(): number {
    return this.seq;
  }

  /** The `calendarChanged` signal's handler: provisional deadlines are computed again. */
  readonly calendarChanged = (): void => {
    for (const t of this.tasks.values()) {
      // A task still opening may have been scheduled on the calendar as it was before.
      if (
        !t.closed &&
        (t.opening || t.schedule.provisional || t.schedule.escalations.some((e) => e.provisional))
      )
        t.recompute = true;
    }
  };

  /** Resolves a policy actor reference against this case's parties. */
  group(ref: ActorRef): CandidateGroup {
    if (!ref.party) return { role: ref.role, department: null };
    const department = this.ctx.parties[ref.party];
    if (!department) throw new MissingPartyError(`case has no party "${ref.party}" for role ${ref.role}`);
    return { role: ref.role, department };
  }

  /**
   * Runs one human step to its end, with its deadline, reminders and
   * escalations: its decision, its cancellation by the case (see `cancelOpen`),
   * or, with `interruptAtDeadline`, the deadline passing.
   */
  async run(step: string, options: RunOptions = {}): Promise<StepResult> {
    const doc = this.ctx.policy.document;
    const stepDefault = stepPolicy(doc, this.ctx.processType, step);
    const policy = options.deadline ? { ...stepDefault, deadline: options.deadline } : stepDefault;
    this.seq += 1;
    // URL-safe, so the API can take it as one path segment: /api/tasks/<id>/complete
    const id = `${workflowInfo().workflowId}.${step}.${this.seq}`;
    const startedAt = options.from ?? nowIso();
    let expiredAt: string | null = null;
    const scheduleInput = { startedAt, step: policy, reminderHour: doc.reminderHour };
    const names = {
      taskId: id,
      processName: doc.processes[this.ctx.processType].name,
      stepName: policy.name,
    };
    const row = (candidates: CandidateGroup[]) => ({
      ...names,
      id,
      workflowId: workflowInfo().workflowId,
      processType: this.ctx.processType,
      caseId: this.ctx.caseId,
      step,
      candidates,
      article: policy.citation.article,
      policyKey: this.ctx.policy.key,
      ...(options.deadline ? { setPeriod: options.deadline } : {}),
    });
    const track = (schedule: SlaSchedule, opening: boolean): TaskState => ({
      id,
      step,
      options,
      policy,
      candidates: this.candidatesOf(policy, options),
      schedule,
      opening,
      remindersSent: pastReminders(schedule),
      breached: false,
      levelReached: 0,
      recompute: false,
      outcome: null,
      cancelled: null,
      closed: false,
    });
    let task: TaskState;
    let move: PreparedMove | undefined;
    if (patched(TASK_OPENS_ON_ITS_SCHEDULE)) {
      task = track(
        { startedAt, deadline: startedAt, provisional: false, reminders: [], escalations: [] },
        true,
      );
      this.tasks.set(id, task);
      const sent = task.candidates;
      if (this.ctx.caseMoveOnOpening && patched(STEP_OPENS_WITH_CASE_MOVE))
        move = this.ctx.caseMoveOnOpening({ step });
      const closing = this.closing;
      this.closing = null;
      if (closing) release(closing.held);
      task.schedule = await acts.openTaskOnSchedule({
        ...row(sent),
        schedule: scheduleInput,
        ...(move ? { caseMove: move.input } : {}),
        ...(closing ? { closing: closing.closure } : {}),
      });
      if (closing) closing.task.closed = true;
      task.opening = false;
      task.remindersSent = pastReminders(task.schedule);
      // A party moved while the task was opening (see moveParty): its new holders get it now.
      if (task.candidates !== sent) await this.reassign(task);
    } else {
      await this.closePending();
      const schedule = await acts.computeSlaSchedule(scheduleInput);
      task = track(schedule, false);
      this.tasks.set(id, task);
      await acts.openTask({
        ...row(task.candidates),
        startedAt: schedule.startedAt,
        deadline: schedule.deadline,
        provisional: schedule.provisional,
      });
    }
    this.refreshDeadlineAttribute();
    if (!move && this.ctx.caseMoveOnOpening) {
      // Cases started before the move went with the opening: an activity of its own, as then.
      move = this.ctx.caseMoveOnOpening({ step });
      await acts.recordCaseState(move.input);
    }
    move?.applied();
    await this.ctx.onOpened?.(this.view(task));

    const settled = () => task.outcome !== null || task.cancelled !== null;
    while (!settled()) {
      const next = this.nextEvent(task);
      const wait = next === undefined ? undefined : next.at - Date.now();
      if (wait === undefined) {
        await condition(() => settled() || task.recompute);
      } else if (wait > 0 && (await condition(() => settled() || task.recompute, wait))) {
        // woken by a decision or a calendar change, not by the timer
      } else {
        if (patched(SLA_EVENTS_TOGETHER)) await this.fireDue(task, names);
        else await this.fire(task, next!, names);
        const deadlineMs = Date.parse(task.schedule.deadline);
        const following = this.nextEvent(task);
        if (options.interruptAtDeadline && task.breached && (!following || following.at > deadlineMs)) {
          task.cancelled = { by: null, reason: DEADLINE_PASSED, at: task.schedule.deadline };
          expiredAt = task.schedule.deadline;
        }
        continue;
      }
      if (task.recompute && !settled()) {
        task.recompute = false;
        task.schedule = await acts.computeSlaSchedule({
          startedAt: task.schedule.startedAt,
          step: policy,
          reminderHour: doc.reminderHour,
        });
        await acts.rescheduleTask({
          taskId: id,
          deadline: task.schedule.deadline,
          provisional: task.schedule.provisional,
        });
        this.refreshDeadlineAttribute();
      }
    }

    if (task.cancelled) {
      await acts.closeTask({
        taskId: id,
        status: 'cancelled',
        decision: null,
        reason: task.cancelled.reason,
        by: task.cancelled.by,
        at: task.cancelled.at,
      });
      task.closed = true;
      this.refreshDeadlineAttribute();
      return expiredAt !== null
        ? { kind: 'expired', at: expiredAt }
        : { kind: 'cancelled', ...task.cancelled };
    }
    const outcome = task.outcome!;
    const closure: TaskClosure = {
      taskId: id,
      status: 'done',
      decision: outcome.decision,
      reason: outcome.reason,
      by: outcome.actor.username,
      at: outcome.completedAt,
    };
    if (options.closeWithNext?.(outcome) && patched(CLOSURE_GOES_WITH_NEXT_STEP)) {
      // Should an activity other than an opening come first, it closes the task first, on its own.
      this.closing = {
        task,
        closure,
        held: {
          takenBy: ['openTaskOnSchedule'],
          write: async () => {
            await this.closePending();
            this.refreshDeadlineAttribute();
          },
        },
      };
      hold(this.closing.held);
      return { kind: 'done', outcome };
    }
    await acts.closeTask(closure);
    task.closed = true;
    this.refreshDeadlineAttribute();
    return { kind: 'done', outcome };
  }

  /**
   * Closes a task left for the next opening in an activity of its own: before an activity that is
   * not an opening (the held write's own), or before an opening in the older two activities, which
   * cannot take it. Neither happens on any path today; it is there so that a closure is never lost.
   */
  private async closePending(): Promise<void> {
    const pending = this.closing;
    if (!pending) return;
    this.closing = null;
    release(pending.held);
    await acts.closeTask(pending.closure);
    pending.task.closed = true;
  }

  /** Runs a step that only a decision ends (never cancelled, never interrupted) and resolves to that decision. */
  async decide(step: string, options: Omit<RunOptions, 'interruptAtDeadline'> = {}): Promise<TaskOutcome> {
    const r = await this.run(step, options);
    if (r.kind !== 'done') throw new Error(`step ${step} ended without a decision (${r.kind})`);
    return r.outcome;
  }

  /** The groups that hold a task of `policy`'s step, by the case's parties as they stand. */
  private candidatesOf(policy: StepPolicy, options: RunOptions): CandidateGroup[] {
    return [...stepActors(policy), ...(options.alsoActing ?? [])]
      .map((ref) => this.group(ref))
      .filter((g, i, all) => all.findIndex((o) => o.role === g.role && o.department === g.department) === i);
  }

  /**
   * A party of the case is another department from now on (a resource transferred to the
   * department taking over its duty, art. 9): each open task that party holds goes to the new
   * department's holders, deadline unchanged, and they are told.
   */
  async moveParty(party: string, department: string): Promise<void> {
    if (this.ctx.parties[party] === department) return;
    this.ctx.parties[party] = department;
    for (const t of this.tasks.values()) {
      if (t.outcome || t.cancelled || t.closed) continue;
      const candidates = this.candidatesOf(t.policy, t.options);
      const key = (gs: CandidateGroup[]) => gs.map((g) => `${g.role}@${g.department}`).join(',');
      if (key(candidates) === key(t.candidates)) continue;
      t.candidates = candidates;
      // A task still opening goes to its new holders once it is open (see `run`).
      if (!t.opening) await this.reassign(t);
    }
  }

  /** Tells the read model, and the task's new holders, that `t.candidates` hold it now. */
  private async reassign(t: TaskState): Promise<void> {
    await acts.reassignTask({
      taskId: t.id,
      caseId: this.ctx.caseId,
      candidates: t.candidates,
      deadline: t.schedule.deadline,
      processName: this.ctx.policy.document.processes[this.ctx.processType].name,
      stepName: t.policy.name,
    });
  }

  /**
   * Ends open tasks without a decision (e.g. the requester withdrew), all of
   * them or those of one step; their `run` resolves to null.
   */
  cancelOpen(by: Actor | null, reason: string, step?: string): void {
    for (const t of this.tasks.values()) {
      if (!t.outcome && !t.cancelled && (step === undefined || t.step === step))
        t.cancelled = { by: by?.username ?? null, reason, at: nowIso() };
    }
  }

  /**
   * Whether a task is open and nobody's decision on it has been accepted yet.
   * A case that may be ended from outside (a withdrawal) asks this in its
   * validator: once a decision is accepted, it stands, and the other request
   * is refused until the next task opens.
   */
  hasUndecidedTask(): boolean {
    return [...this.tasks.values()].some((t) => !t.outcome && !t.cancelled);
  }

  /** GovshareDeadline: the soonest deadline among open tasks, or none. */
  private refreshDeadlineAttribute(): void {
    const open = [...this.tasks.values()].filter((t) => !t.opening && !t.outcome && !t.cancelled);
    const soonest = open.map((t) => Date.parse(t.schedule.deadline)).sort((a, b) => a - b)[0];
    upsertSearchAttributes([{ key: SA.deadline, value: soonest === undefined ? null : new Date(soonest) }]);
  }

  private nextEvent(t: TaskState): SlaEvent | undefined {
    const events: SlaEvent[] = [];
    t.schedule.reminders.forEach((at, index) => {
      if (index >= t.remindersSent) events.push({ kind: 'reminder', index, at: Date.parse(at) });
    });
    if (!t.breached) events.push({ kind: 'breach', at: Date.parse(t.schedule.deadline) });
    for (const e of t.schedule.escalations) {
      if (e.level > t.levelReached) events.push({ kind: 'escalation', level: e.level, at: Date.parse(e.at) });
    }
    const order = { reminder: 0, breach: 1, escalation: 2 };
    events.sort((a, b) => a.at - b.at || order[a.kind] - order[b.kind]);
    return events[0];
  }

  /**
   * Records every event that is due now in one activity, in order, then applies
   * them. After an outage that is the reminder, the breach and each escalation
   * level at once; a reminder whose deadline has already passed is not sent
   * (the breach notice says more).
   */
  private async fireDue(
    t: TaskState,
    names: { taskId: string; processName: { zh: string; en: string }; stepName: { zh: string; en: string } },
  ): Promise<void> {
    const now = Date.now();
    const deadlineMs = Date.parse(t.schedule.deadline);
    const due: SlaEvent[] = [];
    for (let e = this.nextEvent(t); e && e.at <= now; e = this.nextEvent(t)) {
      due.push(e);
      // Step past it so the next one shows.
      if (e.kind === 'reminder') t.remindersSent = e.index + 1;
      else if (e.kind === 'breach') t.breached = true;
      else t.levelReached = e.level;
      // A stage that ends at its deadline never reaches what comes after it.
      const following = this.nextEvent(t);
      if (t.options.interruptAtDeadline && t.breached && (!following || following.at > deadlineMs)) break;
    }
    const escalations = due.flatMap((e) => {
      if (e.kind !== 'escalation') return [];
      const level = t.policy.escalation[e.level - 1];
      return [{ e, level, notify: level.notify.map((ref) => this.group(ref)) }];
    });
    await acts.recordSlaEvents({
      reminders: due.flatMap((e) =>
        e.kind === 'reminder' && deadlineMs > now
          ? [
              {
                ...names,
                index: e.index,
                at: new Date(e.at).toISOString(),
                deadline: t.schedule.deadline,
                notify: t.candidates,
              },
            ]
          : [],
      ),
      breach: due.some((e) => e.kind === 'breach')
        ? { ...names, at: t.schedule.deadline, article: t.policy.citation.article }
        : null,
      escalations: escalations.map(({ e, level, notify }) => ({
        ...names,
        level: (e as { level: number }).level,
        at: new Date(e.at).toISOString(),
        notify,
        mayAct: level.mayAct,
        label: level.label,
        article: level.citation.article,
      })),
    });
    if (due.some((e) => e.kind === 'breach')) t.options.onBreach?.();
    for (const { level, notify } of escalations) {
      if (!level.mayAct) continue;
      for (const g of notify)
        if (!t.candidates.some((c) => c.role === g.role && c.department === g.department))
          t.candidates.push(g);
    }
  }

  private async fire(
    t: TaskState,
    e: SlaEvent,
    names: { taskId: string; processName: { zh: string; en: string }; stepName: { zh: string; en: string } },
  ): Promise<void> {
    const at = new Date(e.at).toISOString();
    if (e.kind === 'reminder') {
      await acts.recordReminder({
        ...names,
        index: e.index,
        at,
        deadline: t.schedule.deadline,
        notify: t.candidates,
      });
      t.remindersSent = e.index + 1;
    } else if (e.kind === 'breach') {
      await acts.recordBreach({ ...names, at: t.schedule.deadline, article: t.policy.citation.article });
      t.breached = true;
      t.options.onBreach?.();
    } else {
      const level = t.policy.escalation[e.level - 1];
      const notify = level.notify.map((ref) => this.group(ref));
      await acts.recordEscalation({
        ...names,
        level: e.level,
        at,
        notify,
        mayAct: level.mayAct,
        label: level.label,
        article: level.citation.article,
      });
      if (level.mayAct) {
        for (const g of notify) {
          if (!t.candidates.some((c) => c.role === g.role && c.department === g.department))
            t.candidates.push(g);
        }
      }
      t.levelReached = e.level;
    }
  }

  /** The `completeTask` Update's validator: refuses (see `TaskRefusal`) before anything is recorded. */
  readonly validate = (input: CompleteTaskInput): void => {
    const t = this.tasks.get(input?.taskId);
    if (!t) refuse(TaskRefusal.NotFound, `no task ${input?.taskId} in this case`, 'no_such_task');
    if (t.cancelled)
      refuse(TaskRefusal.Closed, `task ${t.id} was cancelled: ${t.cancelled.reason}`, 'task_cancelled');
    if (t.outcome)
      refuse(
        TaskRefusal.Closed,
        `task ${t.id} was already completed by ${t.outcome.actor.username} at ${t.outcome.completedAt}`,
        'task_done',
      );
    if (!t.candidates.some((g) => actorMatches(input.actor, g))) {
      const who = t.candidates.map((g) => `${g.role}${g.department ? `@${g.department}` : ''}`).join(' or ');
      refuse(TaskRefusal.Forbidden, `only ${who} may complete this task`, 'not_holder');
    }
    if (!t.policy.decisions.includes(input.decision)) {
      refuse(
        TaskRefusal.Invalid,
        `decision must be one of: ${t.policy.decisions.join(', ')}`,
        'decision_not_offered',
        { decisions: t.policy.decisions.join(',') },
      );
    }
    if (t.policy.reasonRequired.includes(input.decision) && !hasVisibleText(input.reason)) {
      refuse(TaskRefusal.Invalid, `a reason is required to ${input.decision}`, 'reason_required', {
        decision: input.decision,
      });
    }
    t.options.validate?.(input);
  };

  /**
   * Completes the open task of a step from inside the case, when an event
   * decides it (e.g. the department changed its catalogue). Nothing happens if
   * no such task is open.
   */
  completeOpen(step: string, input: Omit<CompleteTaskInput, 'taskId'>): void {
    const t = [...this.tasks.values()].find((x) => x.step === step && !x.outcome && !x.cancelled);
    if (t) this.settle(t, { ...input, taskId: t.id });
  }

  private settle(t: TaskState, input: CompleteTaskInput): void {
    t.outcome = {
      taskId: t.id,
      step: t.step,
      decision: input.decision,
      reason: input.reason?.trim() || null,
      data: input.data ?? {},
      actor: input.actor,
      completedAt: nowIso(),
      breached: t.breached,
      escalationLevel: t.levelReached,
    };
  }

  /** The `completeTask` Update's handler: decides the task and answers once it is closed in the read model. */
  readonly complete = async (input: CompleteTaskInput): Promise<TaskView> => {
    const t = this.tasks.get(input.taskId)!;
    this.settle(t, input);
    await condition(() => t.closed);
    return this.view(t);
  };

  private view(t: TaskState): TaskView {
    return {
      taskId: t.id,
      step: t.step,
      status: t.cancelled ? 'cancelled' : t.outcome ? 'done' : 'open',
      candidates: [...t.candidates],
      startedAt: t.schedule.startedAt,
      deadline: t.schedule.deadline,
      provisional: t.schedule.provisional,
      article: t.policy.citation.article,
      breached: t.breached,
      escalationLevel: t.levelReached,
      outcome: t.outcome,
    };
  }
}
