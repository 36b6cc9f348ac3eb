/**
 * Data updates (art. 20): the provider's data steward reports that an entry's data was updated on
 * the platform; its freshness case starts its clock again (and is started, if it was not yet).
 */
import type { z } from 'zod';
import { getResource } from '../../db/catalogue-repository';
import type { User } from '../../db/directory-repository';
import { ensureFreshnessCase, recordDataUpdate } from '../../db/resource_freshness/repository';
import { caseMetadata } from '../../workflows/cases/case-metadata';
import {
  dataUpdated,
  freshnessCaseId,
  freshnessWorkflowId,
  RESOURCE_FRESHNESS_LABEL,
  RESOURCE_FRESHNESS_PROCESS,
  type DataUpdate,
} from '../../workflows/resource_freshness/contract';
import type { resourceFreshness } from '../../workflows/resource_freshness/workflow';
import { mayMaintainEntry } from '../auth/policies';
import { auditByUser } from '../cases/audit';
import type { ApiDeps } from '../http/deps';
import { HttpError, unprocessable } from '../http/errors';
import { actorOf } from '../tasks/service';
import type { DataUpdateBodySchema } from './schemas';

export function createFreshnessService(deps: Pick<ApiDeps, 'db' | 'temporal'>) {
  const { db, temporal } = deps;
  return {
    async reportUpdate(
      user: User,
      code: string,
      body: z.infer<typeof DataUpdateBodySchema>,
      ip: string | null | undefined,
    ) {
      const r = await getResource(db, code);
      if (!r) throw new HttpError(404, 'resource_not_found', `No resource ${code} in the catalogue.`);
      mayMaintainEntry(user, r.providerDepartment.code, `Resource ${code}`);
      const now = Date.now();
      const atMs = body.updatedAt ? Date.parse(body.updatedAt) : now;
      if (atMs > now)
        throw unprocessable('invalid_data_update', 'data update', [
          { path: 'updatedAt', code: 'in_future', message: 'is in the future' },
        ]);
      const latest = await recordDataUpdate(db, code, atMs);
      await ensureFreshnessCase(db, { code, provider: r.providerDepartment.code });
      const update: DataUpdate = { at: new Date(atMs).toISOString(), by: actorOf(user) };
      await temporal.signalWithStartCase<typeof resourceFreshness, [DataUpdate]>(
        {
          process: RESOURCE_FRESHNESS_PROCESS,
          workflowId: freshnessWorkflowId(code),
          status: 'fresh',
          provider: r.providerDepartment.code,
          metadata: caseMetadata({
            processName: RESOURCE_FRESHNESS_LABEL.zh,
            caseId: freshnessCaseId(code),
            resource: { code, name: r.name },
            provider: r.providerDepartment.code,
          }),
          args: [
            {
              resourceCode: code,
              resourceName: r.name,
              provider: r.providerDepartment.code,
              cycle: r.updateCycle,
              lastUpdatedAt: new Date(latest).toISOString(),
            },
          ],
        },
        dataUpdated,
        [update],
      );
      await auditByUser(db, user, {
        action: 'resource.data_updated',
        entityType: 'resource',
        entityId: code,
        ip: ip ?? undefined,
        detail: { updatedAt: update.at },
      });
      const after = (await getResource(db, code))!;
      return { code, dataUpdatedAt: after.dataUpdatedAt!, status: after.freshness };
    },
  };
}
