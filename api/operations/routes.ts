/** Health, metrics and the API's own documentation. */
import { OpenApiGeneratorV3, type OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import { z } from 'zod';
import { addRoute } from '../http/route';
import type { ApiDeps } from '../http/deps';
import type { createMetrics } from '../http/metrics';

const CHECK_TIMEOUT_MS = 2000;

async function check(what: () => Promise<unknown>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      what(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
    return 'ok';
  } catch (err) {
    return `unreachable: ${(err as Error).message}`;
  } finally {
    clearTimeout(timer);
  }
}

export function operationsRoutes(
  router: Router,
  registry: OpenAPIRegistry,
  deps: ApiDeps,
  metrics: ReturnType<typeof createMetrics>,
): void {
  addRoute(router, registry, {
    method: 'get',
    path: '/healthz',
    summary: 'Whether the database and Temporal answer (503 naming what does not)',
    tags: ['operations'],
    auth: 'public',
    response: z.object({
      status: z.enum(['ok', 'unavailable']),
      checks: z.object({ database: z.string(), temporal: z.string() }),
      message: z.string().optional(),
    }),
    handler: async ({ res }) => {
      const [database, temporal] = await Promise.all([
        check(() => deps.db.raw('select 1')),
        check(() => deps.temporal.ping(CHECK_TIMEOUT_MS)),
      ]);
      const down = [database !== 'ok' && 'database', temporal !== 'ok' && 'temporal'].filter(
        Boolean,
      ) as string[];
      if (down.length) res.locals.status = 503;
      return {
        status: down.length ? ('unavailable' as const) : ('ok' as const),
        checks: { database, temporal },
        ...(down.length ? { message: `Not reachable: ${down.join(' and ')}.` } : {}),
      };
    },
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics of this API process',
    tags: ['operations'],
    auth: 'public',
    file: { contentTypes: ['text/plain'], description: 'The Prometheus text format' },
    handler: async () => ({
      contentType: metrics.registry.contentType,
      body: await metrics.registry.metrics(),
    }),
  });

  let document: ReturnType<OpenApiGeneratorV3['generateDocument']> | undefined;
  const openApiDocument = () => {
    registry.registerComponent('securitySchemes', 'bearerAuth', {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    document ??= new OpenApiGeneratorV3(registry.definitions).generateDocument({
      openapi: '3.0.3',
      info: {
        title: 'govshare API',
        version: '0.1.0',
        description: '政务信息资源共享 workflow engine. Errors are `{error: {code, message, details}}`.',
      },
    });
    return document;
  };
  addRoute(router, registry, {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document: every endpoint, its input and its answers',
    tags: ['operations'],
    auth: 'public',
    response: z.unknown(),
    handler: async () => openApiDocument(),
  });
  router.use(
    '/api/docs',
    swaggerUi.serve,
    swaggerUi.setup(undefined, { swaggerOptions: { url: '/api/openapi.json' } }),
  );
}
