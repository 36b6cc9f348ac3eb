/**
 * Errors as the API answers them: `{error: {code, message, details}}` with a
 * message a person can act on. Bad input is a 4xx, an unreachable dependency a
 * 503 naming it; only a bug is a 500.
 */
import type { ErrorRequestHandler, Request } from 'express';
import { ZodError } from 'zod';
import type { Logger } from '../../runtime/logger';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly extra: {
      /** The id the refusal was recorded under, when it can be disputed. */
      ref?: string;
      /** What the app needs to say it in the user's language: a reason key and the values the message names. */
      params?: Record<string, string | number>;
    } = {},
  ) {
    super(message);
  }
}

/** The most problems one error answer lists; the rest are counted, so a huge bad body gets a small answer. */
export const MAX_DETAILS = 50;

/** At most MAX_DETAILS problems, then one that says how many more there were. */
export function capDetails<D extends { path: string; message: string }>(details: D[]): D[] {
  if (details.length <= MAX_DETAILS) return details;
  return [
    ...details.slice(0, MAX_DETAILS),
    { path: '', message: `and ${details.length - MAX_DETAILS} more problems like these` } as D,
  ];
}

/** A field's problem: where, what (for people reading the API), and its zod code and bounds (for the app to say it). */
export interface FieldProblem {
  path: string;
  message: string;
  code?: string;
  params?: Record<string, string | number>;
}

export function zodDetails(err: ZodError): FieldProblem[] {
  return capDetails(
    err.issues.map((i) => {
      const bounds = i as { minimum?: unknown; maximum?: unknown; origin?: unknown };
      const params = Object.fromEntries(
        (['minimum', 'maximum', 'origin'] as const)
          .filter((k) => typeof bounds[k] === 'number' || typeof bounds[k] === 'string')
          .map((k) => [k, bounds[k] as string | number]),
      );
      return {
        path: i.path
          .map((p, n) => (typeof p === 'number' ? `[${p}]` : `${n ? '.' : ''}${String(p)}`))
          .join(''),
        message: i.message,
        code: i.code,
        ...(Object.keys(params).length ? { params } : {}),
      };
    }),
  );
}

/** Errors from the database driver or pool that mean "cannot reach the database", not "bad query". */
function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; name?: string; message?: string; fatal?: boolean };
  return (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPIPE',
      'PROTOCOL_CONNECTION_LOST',
      'ER_CON_COUNT_ERROR',
      // The server is stopping, or killed the connection, while a query was under way.
      'ER_SERVER_SHUTDOWN',
      'ER_CONNECTION_KILLED',
      'SQLITE_BUSY',
    ].includes(e?.code ?? '') ||
    e?.name === 'KnexTimeoutError' ||
    // mysql2 marks the errors that close a connection fatal: a query on a connection the outage
    // closed fails so ("Can't add new command when connection is in closed state"), without a code.
    e?.fatal === true
  );
}

function isTemporalUnavailable(err: unknown): boolean {
  const e = err as { name?: string; code?: number };
  return (
    e?.name === 'ServiceError' || e?.name === 'ConnectionError' || (e?.code === 14 && typeof e === 'object')
  );
}

/**
 * Told of every refusal an auditor asks about before it is answered: 401, 403, 429, a 404 to a
 * signed-in caller, and a change a signed-in caller asked for that the rules refused (409, 422:
 * a decision on something already decided, a step the case does not take).
 */
export type RefusalRecorder = (
  req: Request,
  refusal: { status: number; code: string; message: string },
) => Promise<void>;

function isAuditedRefusal(req: Request, status: number): boolean {
  if ([401, 403, 429].includes(status)) return true;
  if (!req.user) return false;
  return status === 404 || ([409, 422].includes(status) && req.method !== 'GET');
}

export function errorHandler(logger: Logger, onRefused?: RefusalRecorder): ErrorRequestHandler {
  return async (err, req, res, _next) => {
    let status = 500;
    let body: {
      code: string;
      message: string;
      details?: unknown;
      ref?: string;
      params?: Record<string, string | number>;
    };
    if (err instanceof HttpError) {
      status = err.status;
      body = { code: err.code, message: err.message, details: err.details, ...err.extra };
    } else if (err instanceof ZodError) {
      status = 400;
      const details = zodDetails(err);
      body = {
        code: 'invalid_input',
        message: `Invalid input: ${details.map((d) => `${d.path || '(body)'}: ${d.message}`).join('; ')}`,
        details,
      };
    } else if (err?.type === 'entity.parse.failed') {
      status = 400;
      body = { code: 'invalid_json', message: 'The request body is not valid JSON.' };
    } else if (err?.type === 'entity.too.large') {
      status = 413;
      body = { code: 'body_too_large', message: 'The request body is too large.' };
    } else if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500) {
      status = err.status;
      body = { code: 'bad_request', message: String(err.message) };
    } else if (err?.name === 'NoPolicyInForce') {
      // The city's measures have lapsed (art. 39) or were never loaded: nothing can be filed under them.
      status = 503;
      body = { code: 'no_policy_in_force', message: String(err.message) };
    } else if (isDatabaseUnavailable(err)) {
      status = 503;
      body = {
        code: 'database_unavailable',
        message: 'The database is not reachable right now; nothing was changed. Try again shortly.',
      };
    } else if (isTemporalUnavailable(err)) {
      status = 503;
      body = {
        code: 'temporal_unavailable',
        message:
          'The workflow service (Temporal) is not reachable right now. Try again shortly; a request sent again with the same Idempotency-Key is never filed twice.',
      };
    } else {
      body = { code: 'internal_error', message: 'Something went wrong on our side; it has been logged.' };
    }
    if (status >= 500) (req.log ?? logger).error({ err }, 'request failed');
    if (onRefused && isAuditedRefusal(req, status))
      await onRefused(req, { status, code: body.code, message: body.message }).catch((e: unknown) =>
        (req.log ?? logger).error({ err: e }, 'the refusal could not be written to the audit log'),
      );
    if (status === 503) res.setHeader('Retry-After', '5');
    res.status(status).json({ error: body });
  };
}

/** 422: the input is well formed but breaks a rule; each problem names its field. */
export function unprocessable(code: string, what: string, problems: FieldProblem[]): HttpError {
  const listed = capDetails(problems);
  return new HttpError(
    422,
    code,
    `Invalid ${what}: ${listed.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    listed,
  );
}
