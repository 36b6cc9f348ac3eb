/** The API's services bound to a workflow harness, for workflow tests that act as users do. */
import { randomUUID } from 'node:crypto';
import { createTemporalGateway } from '../../api/temporal/temporal-gateway';
import { createCorrectionService } from '../../api/correction/service';
import { createDisputeService } from '../../api/dispute/service';
import { createGrantService } from '../../api/sharing_request/grant-service';
import { createReformService } from '../../api/catalogue_update/service';
import { createRequestService } from '../../api/sharing_request/service';
import { createTaskService } from '../../api/tasks/service';
import { createSecurityIncidentService } from '../../api/security_incident/service';
import { createCatalogueEntryService } from '../../api/catalogue_entry/service';
import { createFreshnessService } from '../../api/resource_freshness/service';
import { findUser, type User } from '../../db/directory-repository';
import { createLogger } from '../../runtime/logger';
import type { WorkflowHarness } from './workflow-harness';

type DropKey<T> = T extends [infer U, string, ...infer R] ? [U, ...R] : never;

export function servicesOf(h: WorkflowHarness) {
  const deps = () => ({
    db: h.t.db,
    temporal: createTemporalGateway(h.env.client, h.taskQueue),
    logger: createLogger('silent', 'test'),
  });
  return {
    requests: () => createRequestService(deps()),
    tasks: () => createTaskService(deps()),
    grants: () => createGrantService(deps()),
    /** Corrections as a user files them: each filing under a fresh Idempotency-Key, answering the correction. */
    corrections: () => {
      const service = createCorrectionService(deps());
      return {
        ...service,
        file: async (...[user, body, ip]: DropKey<Parameters<typeof service.file>>) =>
          (await service.file(user, randomUUID(), body, ip)).correction,
      };
    },
    disputes: () => createDisputeService(deps()),
    reforms: () => createReformService(deps()),
    /** Incidents as a department reports them: each under a fresh Idempotency-Key, answering the incident. */
    incidents: () => {
      const service = createSecurityIncidentService(deps());
      return {
        ...service,
        report: async (...[user, body, ip]: DropKey<Parameters<typeof service.report>>) =>
          (await service.report(user, randomUUID(), body, ip)).incident,
      };
    },
    /** Catalogue drafts as a steward submits them: each under a fresh Idempotency-Key, answering the draft. */
    drafts: () => {
      const service = createCatalogueEntryService(deps());
      return {
        ...service,
        submit: async (...[user, body, ip]: DropKey<Parameters<typeof service.submit>>) =>
          (await service.submit(user, randomUUID(), body, ip)).draft,
      };
    },
    freshness: () => createFreshnessService(deps()),
    async user(username: string): Promise<User> {
      const u = await findUser(h.t.db, username);
      if (!u) throw new Error(`no demo user ${username}`);
      return u;
    },
  };
}
