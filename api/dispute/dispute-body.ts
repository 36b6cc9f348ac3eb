/** A dispute as a department opens it (art. 21, 25). */
import { z } from 'zod';
import { DISPUTE_SUBJECTS } from '../../workflows/dispute/contract';

export const DisputeBodySchema = z
  .object({
    subjectType: z.enum(DISPUTE_SUBJECTS),
    subjectId: z.string().trim().min(1, 'is required').max(40),
    claim: z.string().trim().min(1, 'is required: say what you contest and why').max(4000),
  })
  .strict()
  .meta({ id: 'DisputeBody' });

export type DisputeBody = z.infer<typeof DisputeBodySchema>;
