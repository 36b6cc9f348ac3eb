/** Shapes of delegation (代理). */
import { z } from 'zod';
import { ROLES } from '../../domain/roles';
import { LocalDateSchema, LocalizedTextSchema } from '../http/common-schemas';

export const DelegationBodySchema = z
  .object({
    to: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(64)
      .openapi({ description: 'The colleague who stands in' }),
    role: z
      .enum(ROLES)
      .openapi({ description: 'The role handed over: one you hold, and so does the colleague' }),
    from: LocalDateSchema.openapi({ description: 'First day, Asia/Shanghai; today or later' }),
    until: LocalDateSchema.openapi({ description: 'Last day, inclusive' }),
    reason: z.string().trim().max(500).optional().openapi({ example: '年休假' }),
  })
  .strict()
  .openapi('DelegationBody');

export const DelegationSchema = z
  .object({
    id: z.string().openapi({ example: 'DG-20261203-7K3M9Q' }),
    from: z.string(),
    fromName: z.string().nullable(),
    to: z.string(),
    toName: z.string().nullable(),
    department: z.string(),
    departmentName: LocalizedTextSchema.nullable(),
    role: z.enum(ROLES),
    startsOn: z.string(),
    endsOn: z.string(),
    reason: z.string().nullable(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
    active: z.boolean().openapi({ description: 'In force today: begun, not ended, not revoked' }),
  })
  .openapi('Delegation');

export const DelegationListSchema = z
  .object({
    given: z.array(DelegationSchema).openapi({ description: 'Yours to colleagues, not yet ended' }),
    received: z.array(DelegationSchema).openapi({ description: "Colleagues' to you, not yet ended" }),
  })
  .openapi('DelegationList');

export const DelegationIdParamsSchema = z.object({ id: z.string().max(40) });

export const ColleaguesQuerySchema = z.object({ role: z.enum(ROLES) });

export const ColleaguesSchema = z
  .object({ items: z.array(z.object({ username: z.string(), displayName: z.string() })) })
  .openapi('Colleagues');
