/**
 * At most SIGN_IN_RATE_LIMIT sign-ins a minute from one client address (the
 * trusted-proxy rule decides which address that is); more answer 429 with
 * Retry-After, so names cannot be tried at machine speed.
 */
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';

export function signInLimit(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res) => {
      res.setHeader('Retry-After', '60');
      res.status(429).json({
        error: {
          code: 'too_many_sign_ins',
          message: `More than ${perMinute} sign-ins a minute from this address; wait a minute and try again.`,
        },
      });
    },
  });
}
