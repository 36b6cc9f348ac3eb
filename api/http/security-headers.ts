/**
 * Security headers on every answer (helmet), with a Content Security Policy
 * the web app lives within: its own scripts only; inline styles (Ant Design
 * and bpmn-js write them); images, fonts and canvases from itself or data/blob
 * URLs; calls to itself and, under OIDC, to the issuer; never framed. API
 * answers are never cached (they hold personal data and tokens).
 */
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { Config } from '../../runtime/config';

export function securityHeaders(config: Config): RequestHandler {
  const issuer = config.auth.mode === 'oidc' ? new URL(config.auth.issuer).origin : null;
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...(issuer ? [issuer] : [])],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'", ...(issuer ? [issuer] : [])],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Served over plain HTTP in development; production terminates TLS in front (see README).
    strictTransportSecurity: config.env === 'production',
  });
}

/** API answers are personal and may carry tokens: never stored by a browser or a proxy. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
