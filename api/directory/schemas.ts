/** Shapes of sign-in, the signed-in user and the department directory. */
import { z } from 'zod';
import { DEPARTMENT_KINDS } from '../../domain/directory/rules';
import { UserSchema } from '../http/common-schemas';

export const DevLoginBodySchema = z
  .object({ username: z.string().trim().min(1, 'is required').max(64) })
  .strict();

export const DevLoginResultSchema = z
  .object({ token: z.string(), expiresAt: z.string(), user: UserSchema })
  .openapi('DevLoginResult');

export const DevUsersSchema = z.object({ users: z.array(UserSchema) }).openapi('DevUsers');

export const DepartmentSchema = z
  .object({
    code: z.string().openapi({ example: 'public-security' }),
    name: z.string().openapi({ example: '市公安局' }),
    nameEn: z.string(),
    kind: z.enum(DEPARTMENT_KINDS).openapi({
      description:
        'city_department (市直部门), county (县(区)) or county_department (县(区)部门, under its county)',
    }),
    parentCode: z.string().nullable(),
    active: z
      .boolean()
      .openapi({ description: 'false: deactivated; kept for the history, nobody new joins it' }),
  })
  .openapi('Department');

export const DepartmentsSchema = z.object({ departments: z.array(DepartmentSchema) }).openapi('Departments');

export const AuthConfigSchema = z
  .object({
    mode: z.enum(['dev', 'oidc']),
    issuer: z.string().optional(),
    clientId: z.string().optional(),
    scope: z.string().optional(),
  })
  .openapi('AuthConfig');
