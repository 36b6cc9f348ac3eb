/** Request and response shapes of data updates (art. 20). */
import { z } from 'zod';
import { RESOURCE_FRESHNESS_STATUSES } from '../../workflows/resource_freshness/contract';
import { IsoInstantSchema } from '../http/common-schemas';

export const DataUpdateBodySchema = z
  .object({
    updatedAt: IsoInstantSchema.optional().openapi({
      description: 'When the data was updated on the data service node; now if left out; never in the future',
    }),
  })
  .strict()
  .openapi('DataUpdateBody');

export const FreshnessSchema = z
  .object({
    code: z.string(),
    dataUpdatedAt: z.string(),
    status: z.enum(RESOURCE_FRESHNESS_STATUSES).nullable().openapi({
      description: 'fresh or stale by its update cycle; null until its case has recorded the update',
    }),
  })
  .openapi('ResourceFreshness');
