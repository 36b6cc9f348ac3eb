/** What the API asks of Temporal. One place, so routes stay thin and tests see one seam. */
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { CATALOGUE_CHANGED_SIGNAL, type CatalogueChange } from '../domain/reform/reform-contract';
import { SA } from '../domain/search-attributes';
import {
  CALENDAR_CHANGED_SIGNAL,
  COMPLETE_TASK_UPDATE,
  TaskRefusal,
  type CompleteTaskInput,
  type TaskView,
} from '../domain/sla/task-contract';
import {
  CaseRefusal,
  REVOKE_GRANT_UPDATE,
  SHARING_REQUEST_PROCESS,
  SHARING_REQUEST_WORKFLOW,
  WITHDRAW_REQUEST_UPDATE,
  sharingWorkflowId,
  type GrantStatus,
  type RevokeInput,
  type SharingRequestInput,
  type SharingRequestResult,
  type WithdrawInput,
} from '../domain/sharing/sharing-contract';
import { HttpError } from './errors';

export interface CaseStart {
  workflowType: string;
  workflowId: string;
  args: unknown[];
  process: string;
  provider: string;
  consumer?: string;
}

export interface TemporalGateway {
  client: Client;
  /** Resolves when the Temporal frontend answers, within `timeoutMs`. */
  ping(timeoutMs: number): Promise<void>;
  signalCalendarChanged(workflowId: string): Promise<void>;
  /** Starts the request's workflow; starting it again (a retried submission) is a no-op. */
  startSharingRequest(input: SharingRequestInput): Promise<void>;
  /** Starts a case's workflow with govshare's search attributes; starting it again is a no-op. */
  startCase(c: CaseStart): Promise<void>;
  signalCatalogueChanged(workflowId: string, change: CatalogueChange): Promise<void>;
  completeTask(workflowId: string, input: CompleteTaskInput): Promise<TaskView>;
  withdrawRequest(workflowId: string, input: WithdrawInput): Promise<SharingRequestResult>;
  revokeGrant(workflowId: string, input: RevokeInput): Promise<GrantStatus>;
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
      const cause = err.cause as { type?: string; message?: string } | undefined;
      const mapped = cause?.type ? REFUSAL_STATUS[cause.type] : undefined;
      if (mapped) throw new HttpError(mapped[0], mapped[1], cause?.message ?? err.message);
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

  async function startCase(c: CaseStart): Promise<void> {
    try {
      await bounded(() =>
        client.workflow.start(c.workflowType, {
          taskQueue,
          workflowId: c.workflowId,
          args: c.args,
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          workflowIdConflictPolicy: 'USE_EXISTING',
          typedSearchAttributes: [
            { key: SA.process, value: c.process },
            { key: SA.status, value: 'started' },
            { key: SA.provider, value: c.provider },
            ...(c.consumer ? [{ key: SA.consumer, value: c.consumer }] : []),
          ],
        }),
      );
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  return {
    client,
    async ping(timeoutMs) {
      await bounded(() => client.connection.workflowService.getSystemInfo({}), timeoutMs);
    },
    async signalCalendarChanged(workflowId) {
      await bounded(() => client.workflow.getHandle(workflowId).signal(CALENDAR_CHANGED_SIGNAL));
    },
    startSharingRequest(input) {
      return startCase({
        workflowType: SHARING_REQUEST_WORKFLOW,
        workflowId: sharingWorkflowId(input.requestId),
        args: [input],
        process: SHARING_REQUEST_PROCESS,
        provider: input.resource.providerDepartment,
        consumer: input.consumerDepartment,
      });
    },
    startCase,
    async signalCatalogueChanged(workflowId, change) {
      await bounded(() => client.workflow.getHandle(workflowId).signal(CATALOGUE_CHANGED_SIGNAL, change));
    },
    completeTask(workflowId, input) {
      return update(() =>
        bounded(() =>
          client.workflow
            .getHandle(workflowId)
            .executeUpdate<TaskView, [CompleteTaskInput]>(COMPLETE_TASK_UPDATE, {
              args: [input],
            }),
        ),
      );
    },
    withdrawRequest(workflowId, input) {
      return update(() =>
        bounded(() =>
          client.workflow
            .getHandle(workflowId)
            .executeUpdate<SharingRequestResult, [WithdrawInput]>(WITHDRAW_REQUEST_UPDATE, { args: [input] }),
        ),
      );
    },
    revokeGrant(workflowId, input) {
      return update(() =>
        bounded(() =>
          client.workflow
            .getHandle(workflowId)
            .executeUpdate<GrantStatus, [RevokeInput]>(REVOKE_GRANT_UPDATE, { args: [input] }),
        ),
      );
    },
  };
}
