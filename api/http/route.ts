/**
 * Declares an endpoint once: its zod schemas validate the request at the edge
 * and describe it in the OpenAPI document. Handlers get parsed input and the
 * signed-in user, and stay thin.
 */
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Request, Response, Router } from 'express';
import multer from 'multer';
import { z, type ZodType } from 'zod';
import type { User } from '../../db/directory-repository';
import type { Role } from '../../domain/roles';
import { requireRole } from '../auth/policies';
import { capDetails, HttpError } from './errors';
import { textProblems } from './visible-text';
import { ErrorResponseSchema } from './common-schemas';

type Method = 'get' | 'post' | 'put' | 'delete' | 'patch';

/** A response that is a file (an export, a diagram) rather than JSON. */
export interface FileResponse {
  contentType: string;
  body: string | Buffer;
  /** Offered as a download under this name; without it, shown inline. */
  filename?: string;
}

/** A successful read as the audit log records it (art. 33: 查询、下载、访问). */
export interface ReadEntry {
  action: string;
  entityType: string;
  entityId: string;
  detail?: unknown;
}

/**
 * What a route records in the audit log when it answers: a read of a case, a grant, an exchange
 * log or a catalogue entry, a search, a download. `entityId` names what was read (default: the
 * entity type, for a search); `detail` what was asked (default: the query). Writes record
 * themselves in their services, where the outcome is known.
 */
export interface ReadAudit<P, Q> {
  action: string;
  /** What was read: a fixed type, or one the request names (a case's process). */
  entityType: string | ((params: P, query: Q) => string);
  entityId?: (params: P, query: Q) => string;
  detail?: (params: P, query: Q) => unknown;
}

/** A file sent as multipart/form-data, held in memory (uploads are bounded by `maxBytes`). */
export interface UploadedFile {
  /** The name the sender gave it, as sent (UTF-8). */
  originalName: string;
  bytes: Buffer;
}

export interface RouteDef<P extends ZodType, Q extends ZodType, B extends ZodType, R extends ZodType> {
  method: Method;
  /** Express path, e.g. /api/calendar/:year */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  /** 'public' needs no token; otherwise a signed-in user, optionally with one of `roles`. */
  auth: 'public' | 'user';
  roles?: Role[];
  params?: P;
  query?: Q;
  /** The body's fields; with `upload`, the text fields sent beside the file. */
  body?: B;
  /** The endpoint takes one file as multipart/form-data in `field`, of at most `maxBytes`. */
  upload?: { field: string; maxBytes: number; description: string };
  /** The JSON answer's schema (none for a file: see `file`). */
  response?: R;
  /** The endpoint answers a file: its content types, for the OpenAPI document. */
  file?: { contentTypes: string[]; description: string };
  status?: number;
  audit?: ReadAudit<z.infer<P>, z.infer<Q>>;
  handler: (input: {
    params: z.infer<P>;
    query: z.infer<Q>;
    body: z.infer<B>;
    user: User;
    /** With `upload`: the file sent. */
    file: UploadedFile;
    req: Request;
    res: Response;
  }) => Promise<z.infer<R>>;
}

/** 20 MB, 4 KB: a size as people say it. */
const readableSize = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${+(bytes / 1024).toFixed(1)} KB`;

/** Reads a multipart body's one file and its text fields into `req.file` and `req.body`. */
function readUpload(
  req: Request,
  res: Response,
  upload: NonNullable<RouteDef<never, never, never, never>['upload']>,
) {
  if (!req.is('multipart/form-data'))
    throw new HttpError(
      415,
      'unsupported_media_type',
      `Send the file as multipart/form-data in the field "${upload.field}" (got ${JSON.stringify(req.get('Content-Type') ?? 'none')}).`,
    );
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: upload.maxBytes, files: 1, fields: 20, parts: 21, fieldSize: 8 * 1024 },
    defParamCharset: 'utf8', // browsers send file names as UTF-8
  }).single(upload.field);
  return new Promise<UploadedFile>((resolve, reject) =>
    parse(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError) {
        const path = err.field ?? upload.field;
        return reject(
          err.code === 'LIMIT_FILE_SIZE'
            ? new HttpError(413, 'file_too_large', `${path}: larger than ${upload.maxBytes} bytes.`, [
                {
                  path,
                  code: 'file_too_large',
                  params: { maximum: upload.maxBytes, size: readableSize(upload.maxBytes) },
                  message: `must be at most ${upload.maxBytes} bytes`,
                },
              ])
            : new HttpError(400, 'invalid_input', `Invalid input: ${path}: ${err.message}`, [
                { path, message: err.message },
              ]),
        );
      }
      // A body that is not well-formed multipart (cut short, a bad boundary) is the sender's fault.
      if (err)
        return reject(
          new HttpError(400, 'invalid_input', `Invalid input: ${upload.field}: ${(err as Error).message}`, [
            { path: upload.field, message: 'is not a well-formed multipart/form-data body' },
          ]),
        );
      if (!req.file)
        return reject(
          new HttpError(400, 'invalid_input', `Invalid input: ${upload.field}: is required`, [
            { path: upload.field, message: 'is required', code: 'invalid_type' },
          ]),
        );
      resolve({ originalName: req.file.originalname, bytes: req.file.buffer });
    }),
  );
}

/** A request that carries a body, whatever its type. */
const hasBody = (req: Request) =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

const openApiPath = (p: string) => p.replace(/:([A-Za-z_]+)/g, '{$1}');

export function addRoute<P extends ZodType, Q extends ZodType, B extends ZodType, R extends ZodType>(
  router: Router,
  registry: OpenAPIRegistry,
  def: RouteDef<P, Q, B, R>,
): void {
  const status = def.status ?? 200;
  if (def.audit && def.auth !== 'user')
    throw new Error(`${def.method.toUpperCase()} ${def.path}: only a signed-in caller's reads are audited`);
  const errors: RouteConfig['responses'] = {
    400: { description: 'Invalid input', content: { 'application/json': { schema: ErrorResponseSchema } } },
  };
  if (def.upload)
    errors[413] = {
      description: `The file is larger than allowed`,
      content: { 'application/json': { schema: ErrorResponseSchema } },
    };
  if (def.body || def.upload)
    errors[415] = {
      description: 'The body is not JSON (Content-Type: application/json)',
      content: { 'application/json': { schema: ErrorResponseSchema } },
    };
  if (def.auth === 'user') {
    errors[401] = {
      description: 'Missing or invalid token',
      content: { 'application/json': { schema: ErrorResponseSchema } },
    };
    errors[403] = {
      description: 'Not allowed for this role or department',
      content: { 'application/json': { schema: ErrorResponseSchema } },
    };
  }
  registry.registerPath({
    method: def.method,
    path: openApiPath(def.path),
    summary: def.summary,
    description: def.description ?? (def.roles ? `Roles: ${def.roles.join(', ')}` : undefined),
    tags: def.tags,
    security: def.auth === 'user' ? [{ bearerAuth: [] }] : undefined,
    request: {
      params: def.params as never,
      query: def.query as never,
      body: def.upload
        ? {
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: [def.upload.field],
                  properties: {
                    [def.upload.field]: {
                      type: 'string',
                      format: 'binary',
                      description: def.upload.description,
                    },
                  },
                },
              },
            },
          }
        : def.body
          ? { content: { 'application/json': { schema: def.body } } }
          : undefined,
    },
    responses: {
      [status]: def.file
        ? {
            description: def.file.description,
            content: Object.fromEntries(
              def.file.contentTypes.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]),
            ),
          }
        : { description: 'OK', content: { 'application/json': { schema: def.response ?? z.unknown() } } },
      ...errors,
      503: {
        description: 'The database or Temporal is unreachable',
        content: { 'application/json': { schema: ErrorResponseSchema } },
      },
    },
  });

  router[def.method](def.path, async (req: Request, res: Response) => {
    const user = req.user;
    if (def.auth === 'user') {
      if (!user)
        throw new HttpError(401, 'unauthenticated', 'Sign in first: send "Authorization: Bearer <token>".');
      if (def.roles) requireRole(user, def.roles);
    }
    const file = def.upload ? await readUpload(req, res, def.upload) : undefined;
    if (def.body && !def.upload && hasBody(req) && !req.is('application/json'))
      throw new HttpError(
        415,
        'unsupported_media_type',
        `Send the body as JSON with "Content-Type: application/json" (got ${JSON.stringify(req.get('Content-Type') ?? 'none')}).`,
      );
    const unreadable = capDetails([...textProblems(req.query, 'query'), ...textProblems(req.body ?? {})]);
    if (unreadable.length)
      throw new HttpError(
        400,
        'invalid_input',
        `Invalid input: ${unreadable.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
        unreadable.map((p) => ({ ...p, path: p.path.replace(/^query\./, '') })),
      );
    const params = def.params ? def.params.parse(req.params) : {};
    const query = def.query ? def.query.parse(req.query) : {};
    const body = def.body ? def.body.parse(req.body ?? {}) : {};
    const result = await def.handler({ params, query, body, user: user as User, file, req, res } as never);
    if (def.audit) {
      const recordRead = res.app.locals.recordRead;
      if (!recordRead)
        throw new Error(`${def.method.toUpperCase()} ${def.path} is audited, but the app records no reads`);
      const f = def.file ? (result as FileResponse) : undefined;
      const entityType =
        typeof def.audit.entityType === 'function'
          ? def.audit.entityType(params as never, query as never)
          : def.audit.entityType;
      await recordRead(req, {
        action: def.audit.action,
        entityType,
        entityId: def.audit.entityId?.(params as never, query as never) ?? entityType,
        detail: {
          ...((def.audit.detail?.(params as never, query as never) ??
            (Object.keys(query as object).length ? { query } : {})) as object),
          ...(f ? { file: f.filename, bytes: Buffer.byteLength(f.body) } : {}),
        },
      });
    }
    if (def.file) {
      const f = result as FileResponse;
      // A plain name as filename="…"; one in any other script (公函.pdf) also as RFC 6266's filename*.
      if (f.filename)
        if (/^[\x20-\x7e]+$/.test(f.filename) && !/["\\]/.test(f.filename))
          res.setHeader('Content-Disposition', `attachment; filename="${f.filename}"`);
        else res.attachment(f.filename);
      res.setHeader('Content-Type', f.contentType);
      res.status(status).send(f.body);
      return;
    }
    // A handler may answer with another success status (e.g. 200 instead of 201 for an idempotent repeat).
    res.status((res.locals.status as number | undefined) ?? status).json(result);
  });
}
