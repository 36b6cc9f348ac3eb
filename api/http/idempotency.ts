/** The Idempotency-Key header of a creating request: required, so a retry can never create twice. */
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { HttpError, zodDetails } from './errors';
import { z } from 'zod';

/** The header's value: any unique string, e.g. a UUID. */
export const IdempotencyKeySchema = z
  .string({
    error: 'send an Idempotency-Key header (any unique string, e.g. a UUID) so a retry cannot file twice',
  })
  .trim()
  .min(1, 'send an Idempotency-Key header (any unique string, e.g. a UUID) so a retry cannot file twice')
  .max(200, 'must be at most 200 characters');

export function idempotencyKey(req: Request): string {
  const key = IdempotencyKeySchema.safeParse(req.get('Idempotency-Key'));
  if (key.success) return key.data;
  const details = zodDetails(key.error).map((d) => ({ ...d, path: 'Idempotency-Key' }));
  throw new HttpError(400, 'invalid_input', `Idempotency-Key: ${details[0].message}`, details);
}

/** JSON with every object's keys in order, so equal bodies hash equal whatever order their fields came in. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  return value;
}

/** What a key was first used with: a retry with another body under the same key is refused. */
export function payloadHash(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(body)))
    .digest('hex');
}

/**
 * A filing sent again under its key must be the same filing: another body under a used key is
 * refused (422), naming what the key filed (`what`: request, correction, incident, draft).
 */
export function sameFiling(
  stored: { id: string; payloadHash: string | null },
  hash: string,
  key: string,
  what: string,
): void {
  if (stored.payloadHash !== hash)
    throw new HttpError(
      422,
      'idempotency_key_reused',
      `Idempotency-Key "${key}" was already used for ${what} ${stored.id} with different content; use a new key for a new ${what}.`,
    );
}
