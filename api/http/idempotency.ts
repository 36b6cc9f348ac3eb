/** The Idempotency-Key header of a creating request: required, so a retry can never create twice. */
import type { Request } from 'express';
import { HttpError, zodDetails } from './errors';
import { IdempotencyKeySchema } from '../sharing_request/schemas';

export function idempotencyKey(req: Request): string {
  const key = IdempotencyKeySchema.safeParse(req.get('Idempotency-Key'));
  if (key.success) return key.data;
  const details = zodDetails(key.error).map((d) => ({ ...d, path: 'Idempotency-Key' }));
  throw new HttpError(400, 'invalid_input', `Idempotency-Key: ${details[0].message}`, details);
}
