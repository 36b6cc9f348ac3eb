/** Shapes of the directory's administration: departments and users as administrators keep them. */
import { z } from 'zod';
import { DEPARTMENT_KINDS } from '../../domain/directory/rules';
import { ROLES } from '../../domain/roles';

export const DepartmentCodeSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, {
    message: 'must be 1–40 lowercase letters, digits or hyphens, starting with a letter or digit',
  })
  .openapi({ example: 'renhe-civil-affairs' });

export const UsernameSchema = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}._@-]{1,64}$/u, {
    message: 'must be 1–64 letters, digits, dots, hyphens, underscores or @',
  })
  .openapi({ example: 'liming' });

const name = (max: number, example: string) =>
  z.string().trim().min(1, 'is required').max(max).openapi({ example });

export const EmailSchema = z.email('must be an e-mail address').max(254);
export const PhoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{2,38}$/, { message: 'must be a telephone number, e.g. 0812-3335555' });

export const DepartmentCreateSchema = z
  .object({
    code: DepartmentCodeSchema,
    name: name(100, '仁和区民政局'),
    nameEn: name(150, 'Renhe District Civil Affairs Bureau'),
    kind: z.enum(DEPARTMENT_KINDS),
    parentCode: DepartmentCodeSchema.nullable()
      .optional()
      .openapi({ description: 'The county or district, for a county_department; empty otherwise' }),
  })
  .strict()
  .openapi('DepartmentCreate');

export const DepartmentUpdateSchema = z
  .object({
    name: name(100, '仁和区民政局').optional(),
    nameEn: name(150, 'Renhe District Civil Affairs Bureau').optional(),
    kind: z.enum(DEPARTMENT_KINDS).optional(),
    parentCode: DepartmentCodeSchema.nullable().optional(),
    active: z
      .boolean()
      .optional()
      .openapi({ description: 'false deactivates; a department is never deleted' }),
  })
  .strict()
  .openapi('DepartmentUpdate');

export const DepartmentCodeParamsSchema = z.object({ code: z.string().max(40) });

export const DirectoryUserSchema = z
  .object({
    username: z.string(),
    displayName: z.string(),
    departmentCode: z.string(),
    departmentName: z.object({ zh: z.string(), en: z.string() }).nullable(),
    roles: z.array(z.enum(ROLES)),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    active: z.boolean(),
    source: z.string().openapi({
      description: 'Where the user came from: directory, import, oidc (first sign-in), bootstrap, demo',
    }),
  })
  .openapi('DirectoryUser');

export const UnheldRoleSchema = z
  .object({
    role: z.enum(ROLES),
    department: z
      .string()
      .nullable()
      .openapi({ description: 'null: a city-level role, held in any department' }),
    steps: z
      .array(z.string())
      .openapi({ description: 'The steps (process.step) whose tasks would wait in no one’s inbox' }),
  })
  .openapi('UnheldRole');

export const DirectoryUsersSchema = z
  .object({
    users: z.array(DirectoryUserSchema),
    unheld: z.array(UnheldRoleSchema).openapi({
      description:
        'Roles that steps of the processes need and no active user holds (in the departments you keep): give them to someone, or those tasks wait in no one’s inbox',
    }),
  })
  .openapi('DirectoryUsers');

export const DirectoryUsersQuerySchema = z.object({
  department: z.string().max(40).optional().openapi({ description: 'Only this department' }),
});

export const UserCreateSchema = z
  .object({
    username: UsernameSchema.openapi({
      description: "The name the identity provider's username claim carries",
    }),
    displayName: name(100, '李明'),
    departmentCode: DepartmentCodeSchema,
    roles: z.array(z.enum(ROLES)).max(ROLES.length),
    email: EmailSchema.nullable().optional(),
    phone: PhoneSchema.nullable().optional(),
  })
  .strict()
  .openapi('UserCreate');

export const UserUpdateSchema = z
  .object({
    displayName: name(100, '李明').optional(),
    departmentCode: DepartmentCodeSchema.optional(),
    roles: z.array(z.enum(ROLES)).max(ROLES.length).optional(),
    email: EmailSchema.nullable().optional(),
    phone: PhoneSchema.nullable().optional(),
    active: z.boolean().optional().openapi({ description: 'false deactivates; a user is never deleted' }),
  })
  .strict()
  .openapi('UserUpdate');

export const UsernameParamsSchema = z.object({ username: z.string().max(64) });

const Counts = z.object({ created: z.number(), updated: z.number(), unchanged: z.number() });

export const DirectoryImportResultSchema = z
  .object({ departments: Counts, users: Counts })
  .openapi('DirectoryImportResult');
