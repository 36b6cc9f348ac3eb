/** Health, metrics and the API's own documentation. */
import { OpenApiGeneratorV3, type OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import swaggerUi from 'swagger-ui-express';
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
  router.get('/healthz', async (_req, res) => {
    const [database, temporal] = await Promise.all([
      check(() => deps.db.raw('select 1')),
      check(() => deps.temporal.ping(CHECK_TIMEOUT_MS)),
    ]);
    const down = [database !== 'ok' && 'database', temporal !== 'ok' && 'temporal'].filter(
      Boolean,
    ) as string[];
    res.status(down.length ? 503 : 200).json({
      status: down.length ? 'unavailable' : 'ok',
      checks: { database, temporal },
      ...(down.length ? { message: `Not reachable: ${down.join(' and ')}.` } : {}),
    });
  });

  router.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
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
  router.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  router.use(
    '/api/docs',
    swaggerUi.serve,
    swaggerUi.setup(undefined, { swaggerOptions: { url: '/api/openapi.json' } }),
  );
}
