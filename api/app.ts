/** The express application: middleware, routes, errors. No listening here (see runtime/api-server.ts). */
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import express, { Router } from 'express';
import { pinoHttp } from 'pino-http';
import type { Db } from '../db/connection';
import type { Config } from '../runtime/config';
import type { Logger } from '../runtime/logger';
import { authenticate, createAuthenticator, type Authenticator } from './authentication';
import { errorHandler, HttpError } from './errors';
import { createMetrics } from './metrics';
import { calendarRoutes } from './routes/calendar-routes';
import { caseRoutes } from './routes/case-routes';
import { catalogueRoutes } from './routes/catalogue-routes';
import { dashboardRoutes } from './routes/dashboard-routes';
import { directoryRoutes } from './routes/directory-routes';
import { grantRoutes } from './routes/grant-routes';
import { operationsRoutes } from './routes/operations-routes';
import { requestRoutes } from './routes/request-routes';
import { taskRoutes } from './routes/task-routes';
import type { TemporalGateway } from './temporal-gateway';
import { serveWebApp } from './web-app';

export interface ApiDeps {
  config: Config;
  db: Db;
  temporal: TemporalGateway;
  logger: Logger;
  authenticator: Authenticator;
}

export function createApp(
  deps: Omit<ApiDeps, 'authenticator'> & { authenticator?: Authenticator },
): express.Express {
  const full: ApiDeps = {
    ...deps,
    authenticator: deps.authenticator ?? createAuthenticator(deps.config.auth, deps.db),
  };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const metrics = createMetrics();
  app.use(metrics.middleware);
  app.use(
    pinoHttp({
      logger: deps.logger,
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
    }),
  );
  app.use(express.json({ limit: '1mb' }));

  const registry = new OpenAPIRegistry();
  const router = Router();
  operationsRoutes(router, registry, full, metrics);
  router.use(authenticate(full.authenticator));
  directoryRoutes(router, registry, full);
  calendarRoutes(router, registry, full);
  catalogueRoutes(router, registry, full);
  requestRoutes(router, registry, full);
  taskRoutes(router, registry, full);
  grantRoutes(router, registry, full);
  caseRoutes(router, registry, full);
  dashboardRoutes(router, registry, full);
  app.use(router);

  app.use('/api', (req, _res, next) =>
    next(new HttpError(404, 'not_found', `No endpoint ${req.method} ${req.originalUrl}; see /api/docs.`)),
  );
  serveWebApp(app);
  app.use(errorHandler(deps.logger));
  return app;
}
