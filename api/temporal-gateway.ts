/** What the API asks of Temporal. One place, so routes stay thin and tests see one seam. */
import type { Client } from '@temporalio/client';
import { CALENDAR_CHANGED_SIGNAL } from '../domain/sla/task-contract';

export interface TemporalGateway {
  client: Client;
  /** Resolves when the Temporal frontend answers, within `timeoutMs`. */
  ping(timeoutMs: number): Promise<void>;
  signalCalendarChanged(workflowId: string): Promise<void>;
}

export function createTemporalGateway(client: Client): TemporalGateway {
  return {
    client,
    async ping(timeoutMs) {
      // Abort as well as the deadline, so no retry of the call outlives the check.
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), timeoutMs);
      try {
        await client.connection.withAbortSignal(abort.signal, () =>
          client.connection.withDeadline(Date.now() + timeoutMs, () =>
            client.connection.workflowService.getSystemInfo({}),
          ),
        );
      } finally {
        clearTimeout(timer);
      }
    },
    async signalCalendarChanged(workflowId) {
      await client.workflow.getHandle(workflowId).signal(CALENDAR_CHANGED_SIGNAL);
    },
  };
}
