/**
 * At most SIGN_IN_RATE_LIMIT sign-ins a minute from one client address (the
 * trusted-proxy rule decides which address that is); more answer 429 with
 * Retry-After, so names cannot be tried at machine speed; each refusal is in the audit log.
 */
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { HttpError } from '../http/errors';

export function signInLimit(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // Answered by the error handler, which also writes the refusal to the audit log.
    handler: (_req, res, next) => {
      res.setHeader('Retry-After', '60');
      next(
        new HttpError(
          429,
          'too_many_sign_ins',
          `More than ${perMinute} sign-ins a minute from this address; wait a minute and try again.`,
        ),
      );
    },
  });
}
