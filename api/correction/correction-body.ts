/** A correction report as a consumer files it (art. 24). */
import { z } from 'zod';

export const CorrectionBodySchema = z
  .object({
    resourceCode: z.string().trim().min(1, 'is required').max(40),
    grantId: z.string().trim().min(1).max(60).optional(),
    discoveredAt: z
      .string()
      .refine(
        (s) =>
          /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) &&
          !Number.isNaN(Date.parse(s)),
        'must be an ISO 8601 date-time with an offset, e.g. 2026-11-20T10:00:00+08:00',
      ),
    description: z.string().trim().min(1, 'is required: say what is wrong').max(4000),
    items: z.array(z.string().trim().min(1).max(100)).min(1, 'name at least one data item'),
    evidence: z.string().trim().max(4000).default(''),
  })
  .strict()
  .meta({ id: 'CorrectionBody' });

export type CorrectionBody = z.infer<typeof CorrectionBodySchema>;
