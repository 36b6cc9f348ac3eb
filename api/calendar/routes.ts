/** The working-day calendar: deadline arithmetic, a year's schedule, and an admin's import of a new year. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { getCalendarYear, loadCalendarFor, replaceCalendarYear } from '../../db/calendar-repository';
import { workflowsWithProvisionalTasks } from '../../db/task-repository';
import { checkCalendarYear } from '../../domain/calendar/calendar-year';
import { addWorkingDays } from '../../domain/calendar/working-days';
import type { ApiDeps } from '../http/deps';
import { HttpError } from '../http/errors';
import { addRoute } from '../http/route';
import {
  CalendarImportResultSchema,
  CalendarImportSchema,
  CalendarYearSchema,
  DeadlineQuerySchema,
  DeadlineSchema,
  YearParamsSchema,
} from './schemas';

export function calendarRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  addRoute(router, registry, {
    method: 'get',
    path: '/api/calendar/deadline',
    summary: 'The end of the N-th working day after the day of `from` (the day itself not counted)',
    tags: ['calendar'],
    auth: 'user',
    query: DeadlineQuerySchema,
    response: DeadlineSchema,
    handler: async ({ query }) => {
      const calendar = await loadCalendarFor(deps.db, query.from, query.workingDays);
      return addWorkingDays(query.from, query.workingDays, calendar);
    },
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/calendar/:year',
    summary: "A year's statutory holidays and make-up working days",
    tags: ['calendar'],
    auth: 'user',
    params: YearParamsSchema,
    response: CalendarYearSchema,
    handler: async ({ params }) => getCalendarYear(deps.db, params.year),
  });

  addRoute(router, registry, {
    method: 'put',
    path: '/api/calendar/:year',
    summary: "Import a year's official schedule (replaces what the calendar had for that year)",
    description:
      'Admin only. Running workflows whose deadlines were provisional (computed with weekends only) recompute them on the new calendar.',
    tags: ['calendar'],
    auth: 'user',
    roles: ['admin'],
    params: YearParamsSchema,
    body: CalendarImportSchema,
    response: CalendarImportResultSchema,
    handler: async ({ params, body, user }) => {
      const problems = checkCalendarYear(params.year, body);
      if (problems.length) {
        throw new HttpError(
          400,
          'invalid_calendar',
          `Invalid calendar for ${params.year}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
          problems,
        );
      }
      await replaceCalendarYear(deps.db, params.year, body, user.username);
      const workflowIds = await workflowsWithProvisionalTasks(deps.db);
      const results = await Promise.allSettled(
        workflowIds.map((id) => deps.temporal.signalCalendarChanged(id)),
      );
      const failures = results.filter((r) => r.status === 'rejected').length;
      if (failures)
        deps.logger.warn({ failures }, 'some workflows were not told to recompute their deadlines');
      return {
        ...(await getCalendarYear(deps.db, params.year)),
        recomputedWorkflows: workflowIds.length - failures,
        recomputeFailures: failures,
      };
    },
  });
}
