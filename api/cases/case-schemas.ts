/** Shapes every process's endpoints share. */
import { z } from 'zod';

export const CaseIdParamsSchema = z.object({ id: z.string().max(60) });
