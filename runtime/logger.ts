/** Structured JSON logs (pino). Set LOG_LEVEL; pipe through `pino-pretty` to read them by eye. */
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name: string): Logger {
  return pino({ level, name, base: { service: name }, timestamp: pino.stdTimeFunctions.isoTime });
}
