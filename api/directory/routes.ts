/** Sign-in (dev mode), the signed-in user, and the department directory. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { listDepartments, listUsers } from '../../db/directory-repository';
import type { ApiDeps } from '../http/deps';
import { HttpError } from '../http/errors';
import { addRoute } from '../http/route';
import { UserSchema } from '../http/common-schemas';
import {
  DepartmentsSchema,
  DevLoginBodySchema,
  DevLoginResultSchema,
  DevUsersSchema,
  AuthConfigSchema,
} from './schemas';

export function directoryRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  const devOnly = () => {
    if (deps.config.auth.mode !== 'dev')
      throw new HttpError(404, 'not_found', 'Dev sign-in is off (AUTH_MODE=oidc).');
  };

  addRoute(router, registry, {
    method: 'post',
    path: '/api/auth/dev-login',
    summary: 'Sign in as a seeded user (dev auth mode only)',
    tags: ['auth'],
    auth: 'public',
    body: DevLoginBodySchema,
    response: DevLoginResultSchema,
    handler: async ({ body }) => {
      devOnly();
      const { token, expiresAt } = await deps.authenticator.issueDevToken(body.username);
      return { token, expiresAt, user: await deps.authenticator.verify(token) };
    },
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/auth/dev-users',
    summary: 'The seeded users with their department and roles, for the sign-in page (dev auth mode only)',
    tags: ['auth'],
    auth: 'public',
    response: DevUsersSchema,
    handler: async () => {
      devOnly();
      return { users: await listUsers(deps.db) };
    },
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/auth/config',
    summary:
      'How the web app signs in: dev (demo users) or oidc (the issuer, client id and scope for the code flow with PKCE)',
    tags: ['auth'],
    auth: 'public',
    response: AuthConfigSchema,
    handler: async () =>
      deps.config.auth.mode === 'dev'
        ? { mode: 'dev' as const }
        : {
            mode: 'oidc' as const,
            issuer: deps.config.auth.issuer,
            clientId: deps.config.auth.clientId,
            scope: deps.config.auth.scope,
          },
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/me',
    summary: 'The signed-in user',
    tags: ['auth'],
    auth: 'user',
    response: UserSchema,
    handler: async ({ user }) => user,
  });

  addRoute(router, registry, {
    method: 'get',
    path: '/api/departments',
    summary: 'City departments and counties/districts',
    tags: ['directory'],
    auth: 'user',
    response: DepartmentsSchema,
    handler: async () => ({ departments: await listDepartments(deps.db) }),
  });
}
