/**
 * How a workflow records its case's moves: each status change with the event
 * that caused it goes to the read model, the timeline and the audit log (one
 * idempotent activity, ids from this workflow), and to the GovshareStatus
 * search attribute. The status changes once it is stored.
 */
import { patched, upsertSearchAttributes } from '@temporalio/workflow';
import type { CaseStateInput } from '../../activities/cases/case-activities';
import type { Notice } from '../../activities/cases/notices';
import type { Actor } from '../../domain/roles';
import { SA } from '../../domain/search-attributes';
import { acts } from './activities-proxy';
import { hold, release, type HeldWrite } from './held-writes';

export interface CaseEventInput {
  action: string;
  step?: string | null;
  actor?: Actor | null;
  decision?: string | null;
  reason?: string | null;
}

/** A case's move made ready: what records it, and what the recorder takes on once it is stored. */
export interface PreparedMove {
  input: CaseStateInput;
  applied(): void;
}

export class CaseRecorder<S extends string, F extends object = Record<string, never>> {
  private seq: number;
  /** The step the case is at, as last recorded. */
  private step: string | null = null;
  /** A move made and not recorded yet (see `moveWithNext`): the next move records it first. */
  private pending: { move: PreparedMove; held: HeldWrite } | null = null;

  constructor(
    /** The process's name. */
    private readonly caseType: string,
    private readonly caseId: string,
    public status: S,
    /** Events the case recorded in the runs before this one (a workflow that continues as new), so ids stay unique. */
    recordedBefore = 0,
  ) {
    this.seq = recordedBefore;
  }

  /** How many events the case has recorded, this run and those before it. */
  get recorded(): number {
    return this.seq;
  }

  /** A fresh event id of this case: `${caseId}#${n}#${action}`. */
  eventId(action: string): string {
    this.seq += 1;
    return `${this.caseId}#${this.seq}#${action}`;
  }

  /**
   * A move made ready to record, without recording it: the activity input that stores it (its
   * event id taken now), and `applied`, which the recorder takes on once it is stored. A task's
   * opening records the move to its step in the same activity (workflows/sla/human-tasks.ts).
   */
  prepare(
    status: S,
    currentStep: string | null,
    event: CaseEventInput,
    extra: { facts?: F; notice?: Notice } = {},
  ): PreparedMove {
    const earlier = this.pending?.move;
    if (this.pending) release(this.pending.held);
    this.pending = null;
    const input: CaseStateInput = {
      caseType: this.caseType,
      caseId: this.caseId,
      status,
      currentStep,
      facts: extra.facts,
      event: {
        id: this.eventId(event.action),
        at: new Date(Date.now()).toISOString(),
        step: event.step ?? null,
        action: event.action,
        actor: event.actor?.username ?? null,
        actorDepartment: event.actor?.department ?? null,
        decision: event.decision ?? null,
        reason: event.reason ?? null,
      },
      notice: extra.notice,
      ...(earlier ? { earlier: [earlier.input] } : {}),
    };
    return {
      input,
      applied: () => {
        this.status = status;
        this.step = currentStep;
        upsertSearchAttributes([{ key: SA.status, value: status }]);
      },
    };
  }

  /**
   * A move made now (its event id and time taken now) and recorded with the case's next move, in
   * the same activity: one activation fewer. Only where the workflow's next write is a move of this
   * case on every path, within the same workflow task: a request's filing, which its routing
   * follows; a provider's approval, which the platform review's opening follows. `change` is the
   * `patched()` marker that brought it in: a case that ran this point before it records the move
   * at once, as `move` does.
   */
  async moveWithNext(
    change: string,
    status: S,
    currentStep: string | null,
    event: CaseEventInput,
    extra: { facts?: F; notice?: Notice } = {},
  ): Promise<void> {
    if (!patched(change)) return this.move(status, currentStep, event, extra);
    const move = this.prepare(status, currentStep, event, extra);
    // Made in an activity of its own only if an activity that records no move of the case comes first.
    this.pending = {
      move,
      held: {
        takenBy: [],
        write: async () => {
          this.pending = null;
          await acts.recordCaseState(move.input);
          move.applied();
        },
      },
    };
    hold(this.pending.held);
    // The case is where this move puts it; GovshareStatus moves with the next (the filing's
    // status is the one the case started with).
    this.status = status;
    this.step = currentStep;
  }

  async move(
    status: S,
    currentStep: string | null,
    event: CaseEventInput,
    extra: { facts?: F; notice?: Notice } = {},
  ): Promise<void> {
    const move = this.prepare(status, currentStep, event, extra);
    await acts.recordCaseState(move.input);
    move.applied();
  }

  /** Records an event on the case's timeline (and its notice) where the case stands: its status and step stay. */
  note(event: CaseEventInput, extra: { notice?: Notice } = {}): Promise<void> {
    return this.move(this.status, this.step, event, extra);
  }
}

/** A notice to two departments' roles about a case. */
export function noticeTo(
  recipients: Notice['recipients'],
  caseLabel: { zh: string; en: string },
): (zh: string, en: string) => Notice {
  return (zh, en) => ({ recipients, title: { zh: `${zh}:${caseLabel.zh}`, en: `${en}: ${caseLabel.en}` } });
}
