/** Structured JSON logs (pino). Set LOG_LEVEL; pipe through `pino-pretty` to read them by eye. */
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Credentials never reach a log line: the request's Authorization and Cookie
 * headers (pino-http logs every request's headers), the response's Set-Cookie,
 * and any field named token, password or secret at the top two levels.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'token',
  'password',
  'secret',
  '*.token',
  '*.password',
  '*.secret',
];

export function createLogger(level: string, name: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    name,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
