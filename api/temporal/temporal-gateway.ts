/** What the API asks of Temporal. One place, so routes stay thin and tests see one seam. */
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
  type WithWorkflowArgs,
  type WorkflowSignalWithStartOptions,
  type WorkflowStartOptions,
} from '@temporalio/client';
import type { SignalDefinition, UpdateDefinition, Workflow } from '@temporalio/common';
import { SA } from '../../domain/search-attributes';
import type { CaseMetadata } from '../../workflows/cases/case-metadata';
import {
  calendarChanged,
  completeTask,
  TaskRefusal,
  type CompleteTaskInput,
  type TaskView,
} from '../../workflows/sla/task-contract';
import {
  CaseRefusal,
  revokeGrant,
  withdrawRequest,
  type GrantStatus,
  type RevokeInput,
  type SharingRequestResult,
  type WithdrawInput,
} from '../../workflows/sharing_request/contract';
import { HttpError } from '../http/errors';

/**
 * A case to start: the workflow of process `process` (its one name is its
 * workflow type), typed by the workflow function (`startCase<typeof disputeCase>`).
 */
export interface CaseStart<W extends Workflow> {
  process: string;
  workflowId: string;
  args: Parameters<W>;
  /** The case's first status, as the API shows it (GovshareStatus). */
  status: string;
  provider: string;
  consumer?: string;
  metadata: CaseMetadata;
}

export interface TemporalGateway {
  client: Client;
  /** Resolves when the Temporal frontend answers, within `timeoutMs`. */
  ping(timeoutMs: number): Promise<void>;
  signalCalendarChanged(workflowId: string): Promise<void>;
  /** Starts a case's workflow with govshare's search attributes and memo; starting it again is a no-op. */
  startCase<W extends Workflow>(c: CaseStart<W>): Promise<void>;
  /** Signals a case's workflow, starting it first if it is not running (e.g. a data update, art. 20). */
  signalWithStartCase<W extends Workflow, A extends unknown[]>(
    c: CaseStart<W>,
    signal: SignalDefinition<A>,
    args: A,
  ): Promise<void>;
  completeTask(workflowId: string, input: CompleteTaskInput): Promise<TaskView>;
  withdrawRequest(workflowId: string, input: WithdrawInput): Promise<SharingRequestResult>;
  revokeGrant(workflowId: string, input: RevokeInput): Promise<GrantStatus>;
  /** Runs an Update a process's contract defines (e.g. a reform obligation's `decideResource`), refusals mapped alike. */
  runUpdate<R, A extends [unknown, ...unknown[]]>(
    workflowId: string,
    def: UpdateDefinition<R, A>,
    args: A,
  ): Promise<R>;
}

/** How the validators' refusals read over HTTP. */
const REFUSAL_STATUS: Record<string, [number, string]> = {
  [TaskRefusal.NotFound]: [404, 'task_not_found'],
  [TaskRefusal.Closed]: [409, 'task_closed'],
  [TaskRefusal.Forbidden]: [403, 'forbidden'],
  [TaskRefusal.Invalid]: [422, 'invalid_decision'],
  [CaseRefusal.Forbidden]: [403, 'forbidden'],
  [CaseRefusal.Closed]: [409, 'case_closed'],
  [CaseRefusal.Invalid]: [422, 'invalid_input'],
};

function isDeadlineExceeded(err: unknown): boolean {
  const e = err as { code?: number; cause?: { code?: number } };
  return e?.code === 4 || e?.cause?.code === 4; // gRPC DEADLINE_EXCEEDED
}

/** Runs a Workflow Update; a refusal becomes the HTTP error it stands for, a closed workflow a 409. */
async function update<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      const cause = err.cause as { type?: string; message?: string; details?: unknown[] } | undefined;
      const mapped = cause?.type ? REFUSAL_STATUS[cause.type] : undefined;
      // The validator's reason key and values, for the app to say it in the user's language.
      const params = cause?.details?.[0] as Record<string, string | number> | undefined;
      if (mapped)
        throw new HttpError(mapped[0], mapped[1], cause?.message ?? err.message, undefined, { params });
      throw err;
    }
    if (err instanceof WorkflowNotFoundError || /workflow execution already completed/i.test(String(err))) {
      throw new HttpError(409, 'case_closed', 'This case is closed; nothing can change it any more.');
    }
    throw err;
  }
}

/** How long one call to Temporal may take unless configured (TEMPORAL_CALL_TIMEOUT_MS). */
export const DEFAULT_CALL_TIMEOUT_MS = 10_000;

export function createTemporalGateway(
  client: Client,
  taskQueue: string,
  callTimeoutMs = DEFAULT_CALL_TIMEOUT_MS,
): TemporalGateway {
  /**
   * Runs a call to Temporal for at most `ms`: then the caller gets a 503 it can act on,
   * and the call is aborted and given a deadline, so neither it nor the SDK's retries of
   * it (whose back-off sleeps an abort does not cut short) outlive the answer for long.
   */
  async function bounded<T>(run: () => Promise<T>, ms = callTimeoutMs): Promise<T> {
    const abort = new AbortController();
    const timedOut = () =>
      new HttpError(
        503,
        'temporal_unavailable',
        `The workflow service (Temporal) did not answer within ${Math.round(ms / 1000)} s. Try again shortly; a request sent again with the same Idempotency-Key is never filed twice, and a decision that did land answers 409 when sent again.`,
      );
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(timedOut());
      }, ms);
    });
    const call = client.connection.withAbortSignal(abort.signal, () =>
      client.connection.withDeadline(Date.now() + ms, run),
    );
    call.catch(() => undefined); // a call that loses the race ends on its own
    try {
      return await Promise.race([call, expired]);
    } catch (err) {
      if (abort.signal.aborted || isDeadlineExceeded(err)) throw timedOut();
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  async function startCase<W extends Workflow>(c: CaseStart<W>): Promise<void> {
    try {
      await bounded(() =>
        // WorkflowStartOptions<W> is a conditional type TypeScript cannot resolve for a generic W;
        // `args` is already Parameters<W>, checked at each caller.
        client.workflow.start<W>(c.process, <WorkflowStartOptions<W>>(<unknown>{
          taskQueue,
          workflowId: c.workflowId,
          args: c.args,
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          workflowIdConflictPolicy: 'USE_EXISTING',
          memo: c.metadata.memo,
          staticSummary: c.metadata.staticSummary,
          typedSearchAttributes: [
            { key: SA.process, value: c.process },
            { key: SA.status, value: c.status },
            { key: SA.provider, value: c.provider },
            ...(c.consumer ? [{ key: SA.consumer, value: c.consumer }] : []),
          ],
        })),
      );
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  async function signalWithStartCase<W extends Workflow, A extends unknown[]>(
    c: CaseStart<W>,
    signal: SignalDefinition<A>,
    signalArgs: A,
  ): Promise<void> {
    await bounded(() =>
      // As in startCase: the options' conditional type does not resolve for a generic W.
      client.workflow.signalWithStart<W, A>(c.process, <
        WithWorkflowArgs<W, WorkflowSignalWithStartOptions<A>>
      >(<unknown>{
        taskQueue,
        workflowId: c.workflowId,
        args: c.args,
        signal,
        signalArgs,
        memo: c.metadata.memo,
        staticSummary: c.metadata.staticSummary,
        typedSearchAttributes: [
          { key: SA.process, value: c.process },
          { key: SA.status, value: c.status },
          { key: SA.provider, value: c.provider },
        ],
      })),
    );
  }

  return {
    client,
    signalWithStartCase,
    async ping(timeoutMs) {
      await bounded(() => client.connection.workflowService.getSystemInfo({}), timeoutMs);
    },
    async signalCalendarChanged(workflowId) {
      await bounded(() => client.workflow.getHandle(workflowId).signal(calendarChanged));
    },
    startCase,
    completeTask(workflowId, input) {
      return update(() =>
        bounded(() => client.workflow.getHandle(workflowId).executeUpdate(completeTask, { args: [input] })),
      );
    },
    withdrawRequest(workflowId, input) {
      return update(() =>
        bounded(() =>
          client.workflow.getHandle(workflowId).executeUpdate(withdrawRequest, { args: [input] }),
        ),
      );
    },
    revokeGrant(workflowId, input) {
      return update(() =>
        bounded(() => client.workflow.getHandle(workflowId).executeUpdate(revokeGrant, { args: [input] })),
      );
    },
    runUpdate(workflowId, def, args) {
      return update(() => bounded(() => client.workflow.getHandle(workflowId).executeUpdate(def, { args })));
    },
  };
}
