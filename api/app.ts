/** The express application: middleware, routes, errors. No listening here (see runtime/api-server.ts). */
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import express, { Router } from 'express';
import { pinoHttp } from 'pino-http';
import { PROCESSES } from '../processes';
import { auditByUser, auditRefusal } from './cases/audit';
import { authenticate, createAuthenticator, type Authenticator } from './auth/authentication';
import { errorHandler, HttpError } from './http/errors';
import { createMetrics } from './http/metrics';
import { noStore, securityHeaders } from './http/security-headers';
import { signInLimit } from './auth/sign-in-limit';
import { isUtf8 } from './http/visible-text';
import { auditRoutes } from './audit/routes';
import { securityRoutes } from './security/routes';
import { calendarRoutes } from './calendar/routes';
import { catalogueRoutes } from './catalogue/routes';
import { openDataRoutes } from './open_data/routes';
import { catalogueWorkbookRoutes } from './catalogue/workbook-routes';
import { catalogueCompletenessRoutes } from './catalogue/completeness-routes';
import { dashboardRoutes } from './dashboard/routes';
import { directoryRoutes } from './directory/routes';
import { directoryAdministrationRoutes } from './directory/administration-routes';
import { attachmentRoutes } from './attachments/routes';
import { approvalFormRoutes } from './cases/approval-form';
import { commentRoutes } from './comments/routes';
import { delegationRoutes } from './delegations/routes';
import { noticeRoutes } from './notices/routes';
import { operationsRoutes } from './operations/routes';
import { processRoutes } from './processes/routes';
import { taskRoutes } from './tasks/routes';
import type { ApiDeps } from './http/deps';
import { serveWebApp } from './http/web-app';

export type { ApiDeps };

export function createApp(
  deps: Omit<ApiDeps, 'authenticator'> & { authenticator?: Authenticator },
): express.Express {
  const full: ApiDeps = {
    ...deps,
    authenticator: deps.authenticator ?? createAuthenticator(deps.config.auth, deps.db),
  };
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For only from the configured proxies: otherwise a client could name the address the logs record.
  app.set('trust proxy', deps.config.trustProxy.length ? deps.config.trustProxy : false);
  app.use(securityHeaders(deps.config));
  app.use('/api', noStore);
  app.use('/api/auth/dev-login', signInLimit(deps.config.signInRateLimit));
  const metrics = createMetrics();
  app.use(metrics.middleware);
  app.use(
    pinoHttp({
      logger: deps.logger,
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
    }),
  );
  app.use(
    express.json({
      limit: '1mb',
      verify: (_req, _res, buf) => {
        if (!isUtf8(buf))
          throw new HttpError(400, 'invalid_encoding', 'The request body is not valid UTF-8.');
      },
    }),
  );

  app.locals.recordRead = (req, entry) =>
    auditByUser(deps.db, req.user!, {
      ...entry,
      ip: req.ip,
      detail: { outcome: 'ok', ...(entry.detail as object) },
    });

  const registry = new OpenAPIRegistry();
  const router = Router();
  operationsRoutes(router, registry, full, metrics);
  router.use(authenticate(full.authenticator));
  directoryRoutes(router, registry, full);
  directoryAdministrationRoutes(router, registry, full);
  calendarRoutes(router, registry, full);
  catalogueRoutes(router, registry, full);
  catalogueWorkbookRoutes(router, registry, full);
  catalogueCompletenessRoutes(router, registry, full);
  openDataRoutes(router, registry, full);
  noticeRoutes(router, registry, full);
  delegationRoutes(router, registry, full);
  commentRoutes(router, registry, full);
  approvalFormRoutes(router, registry, full);
  attachmentRoutes(router, registry, full);
  taskRoutes(router, registry, full, new Map(PROCESSES.map((p) => [p.name, p.summary])));
  for (const process of PROCESSES) process.routes(router, registry, full);
  dashboardRoutes(router, registry, full);
  processRoutes(router, registry, full);
  auditRoutes(router, registry, full);
  securityRoutes(router, registry, full);
  app.use(router);

  app.use('/api', (req, _res, next) =>
    next(new HttpError(404, 'not_found', `No endpoint ${req.method} ${req.originalUrl}; see /api/docs.`)),
  );
  serveWebApp(app);
  app.use(errorHandler(deps.logger, (req, refusal) => auditRefusal(deps.db, req, refusal)));
  return app;
}
