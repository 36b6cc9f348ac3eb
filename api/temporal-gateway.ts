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
      await client.connection.withDeadline(Date.now() + timeoutMs, () =>
        client.connection.workflowService.getSystemInfo({}),
      );
    },
    async signalCalendarChanged(workflowId) {
      await client.workflow.getHandle(workflowId).signal(CALENDAR_CHANGED_SIGNAL);
    },
  };
}
