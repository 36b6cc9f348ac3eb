/** The SLA dashboard and its exports. */
import { localToday } from '../http/local-today';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { ZONE } from '../../domain/calendar/working-days';
import { PROCESS_NAMES } from '../../processes';
import type { ApiDeps } from '../http/deps';
import { HttpError } from '../http/errors';
import { LocalDateSchema } from '../http/common-schemas';
import { addRoute, type FileResponse } from '../http/route';
import { createDashboardService } from './service';

const SUPERVISORS = ['supervisor', 'lg_office', 'leading_group', 'admin', 'auditor'] as const;

export const DashboardQuerySchema = z.object({
  from: LocalDateSchema.optional().openapi({ description: 'First day (default: 12 weeks ago)' }),
  to: LocalDateSchema.optional().openapi({ description: 'Last day (default: today)' }),
  department: z.string().max(40).optional(),
  process: z.enum(PROCESS_NAMES).optional(),
});

function filterOf(q: z.infer<typeof DashboardQuerySchema>) {
  const today = DateTime.now().setZone(ZONE);
  const from = q.from ? DateTime.fromISO(q.from, { zone: ZONE }) : today.minus({ weeks: 12 }).startOf('day');
  const to = q.to ? DateTime.fromISO(q.to, { zone: ZONE }).endOf('day') : today.endOf('day');
  if (!from.isValid || !to.isValid || from > to)
    throw new HttpError(400, 'invalid_input', 'from must be a real date on or before to.', [
      { path: 'from', code: 'range_reversed', message: 'must be a real date on or before to' },
    ]);
  return { fromMs: from.toMillis(), toMs: to.toMillis(), department: q.department, process: q.process };
}

export function dashboardRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  const dashboard = createDashboardService(deps.db);

  addRoute(router, registry, {
    method: 'get',
    path: '/api/dashboard/sla',
    summary:
      'SLA figures: open, due today, overdue, on-time rate and median time per step, breaches per department, weekly trend, overdue cases',
    tags: ['dashboard'],
    auth: 'user',
    roles: [...SUPERVISORS],
    query: DashboardQuerySchema,
    response: z.unknown(),
    handler: async ({ query }) => dashboard.overview(filterOf(query)),
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/dashboard/sla/cases',
    summary:
      'The cases behind a dashboard figure: open, due today, overdue, breached or done (optionally one step or department)',
    tags: ['dashboard'],
    auth: 'user',
    roles: [...SUPERVISORS],
    query: DashboardQuerySchema.extend({
      kind: z.enum(['open', 'due_today', 'overdue', 'breached', 'done']),
      step: z.string().max(40).optional(),
    }),
    response: z.unknown(),
    audit: { action: 'dashboard.cases', entityType: 'dashboard' },
    handler: async ({ query }) => dashboard.drill(filterOf(query), query.kind, query.step),
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/dashboard/sla/breaches.:format',
    summary:
      'Breaches per department and process, and every overdue case, as a file: sla-breaches-<date>.csv or .xlsx',
    tags: ['dashboard'],
    auth: 'user',
    roles: [...SUPERVISORS],
    params: z.object({ format: z.enum(['csv', 'xlsx']) }),
    query: DashboardQuerySchema,
    file: {
      contentTypes: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      description: 'The table as CSV (UTF-8 with BOM) or XLSX',
    },
    audit: {
      action: 'dashboard.export',
      entityType: 'dashboard',
      detail: (p, q) => ({ format: p.format, query: q }),
    },
    handler: async ({ params, query }): Promise<FileResponse> => {
      const f = filterOf(query);
      // Dated, so exports of different days do not overwrite each other in a downloads folder.
      const day = localToday();
      return params.format === 'csv'
        ? {
            contentType: 'text/csv; charset=utf-8',
            filename: `sla-breaches-${day}.csv`,
            body: `\ufeff${await dashboard.breachCsv(f)}`,
          }
        : {
            contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            filename: `sla-breaches-${day}.xlsx`,
            body: await dashboard.breachXlsx(f),
          };
    },
  });
}
