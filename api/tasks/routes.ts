/** The task inbox for every process: list, read, claim, release, complete. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import type { ApiDeps } from '../http/deps';
import { addRoute } from '../http/route';
import type { CaseSummarySpec } from '../../db/case-summaries';
import { BULK_DECIDERS } from '../../domain/roles';
import {
  CompleteManyBodySchema,
  CompleteManyResultSchema,
  CompleteTaskBodySchema,
  DecidedTaskSchema,
  TaskIdParamsSchema,
  TaskListQuerySchema,
  TaskListSchema,
  TaskSchema,
  TaskDetailSchema,
} from './schemas';
import { createTaskService } from './service';

export function taskRoutes(
  router: Router,
  registry: OpenAPIRegistry,
  deps: ApiDeps,
  summaries: ReadonlyMap<string, CaseSummarySpec>,
): void {
  const service = createTaskService(deps, summaries);

  addRoute(router, registry, {
    method: 'get',
    path: '/api/tasks',
    summary: 'Tasks your department and roles may act on, soonest deadline first',
    tags: ['tasks'],
    auth: 'user',
    query: TaskListQuerySchema,
    response: TaskListSchema,
    handler: async ({ query, user }) => service.list(user, query),
  });

  addRoute(router, registry, {
    method: 'post',
    path: '/api/tasks/complete-many',
    summary: 'Approve several tasks of one step with the same reason',
    description:
      'Each task is decided on its own, as by /api/tasks/{id}/complete: sent to its workflow, checked by its validator and audited. ' +
      'The answer lists how each went; one refused does not stop the rest. 422: tasks of different steps.',
    tags: ['tasks'],
    auth: 'user',
    roles: [...BULK_DECIDERS],
    body: CompleteManyBodySchema,
    response: CompleteManyResultSchema,
    handler: async ({ body, user, req }) => service.completeMany(user, body, req.ip ?? null),
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/tasks/:id',
    summary: 'One task you may act on',
    tags: ['tasks'],
    auth: 'user',
    params: TaskIdParamsSchema,
    response: TaskDetailSchema,
    audit: { action: 'task.read', entityType: 'task', entityId: (p) => p.id },
    handler: async ({ params, user }) => service.get(user, params.id),
  });

  addRoute(router, registry, {
    method: 'post',
    path: '/api/tasks/:id/claim',
    summary: 'Claim a task so colleagues see you are on it',
    tags: ['tasks'],
    auth: 'user',
    params: TaskIdParamsSchema,
    response: TaskSchema,
    handler: async ({ params, user }) => service.claim(user, params.id, true),
  });

  addRoute(router, registry, {
    method: 'post',
    path: '/api/tasks/:id/unclaim',
    summary: 'Release a task you claimed',
    tags: ['tasks'],
    auth: 'user',
    params: TaskIdParamsSchema,
    response: TaskSchema,
    handler: async ({ params, user }) => service.claim(user, params.id, false),
  });

  addRoute(router, registry, {
    method: 'post',
    path: '/api/tasks/:id/complete',
    summary: 'Decide a task: {decision, reason}',
    description:
      "The decision goes to the case's workflow as an Update; its validator checks your department, role and the task's state. " +
      '403: not yours to decide; 409: already decided, cancelled, or claimed by someone else; 422: a decision the step does not take, or a denial without a reason. ' +
      'The answer is the decided task and, in `opened`, the tasks the decision opened (the next step), so a client goes on to them without asking again.',
    tags: ['tasks'],
    auth: 'user',
    params: TaskIdParamsSchema,
    body: CompleteTaskBodySchema,
    response: DecidedTaskSchema,
    handler: async ({ params, body, user, req }) => service.complete(user, params.id, body, req.ip ?? null),
  });
}
