/** A correction report as a consumer files it (art. 24). */
import { z } from 'zod';
import { IsoInstantSchema, MAX_LIST } from '../http/common-schemas';

export const CorrectionBodySchema = z
  .object({
    resourceCode: z.string().trim().min(1, 'is required').max(40),
    grantId: z.string().trim().min(1).max(60).optional(),
    discoveredAt: IsoInstantSchema,
    description: z.string().trim().min(1, 'is required: say what is wrong').max(4000),
    items: z
      .array(z.string().trim().min(1).max(100))
      .min(1, 'name at least one data item')
      .max(MAX_LIST, `name at most ${MAX_LIST} data items`),
    evidence: z.string().trim().max(4000).default(''),
  })
  .strict()
  .meta({ id: 'CorrectionBody' });

export type CorrectionBody = z.infer<typeof CorrectionBodySchema>;
