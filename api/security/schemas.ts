/** Request and response shapes of the security registers (art. 27, 30). */
import { z } from 'zod';
import { RISK_LEVELS } from '../../db/security/assessment-repository';
import { AGREEMENT_KINDS, AGREEMENT_STATUSES } from '../../workflows/security/contract';
import { LocalDateSchema, LocalizedTextSchema } from '../http/common-schemas';

const text = (max: number, what: string) => z.string().trim().min(1, `is required: ${what}`).max(max);

export const AgreementBodySchema = z
  .object({
    serviceUnit: text(200, 'the technical service unit that signed'),
    scope: text(2000, 'what the unit does with which data'),
    kinds: z
      .array(z.enum(AGREEMENT_KINDS))
      .min(1, 'name the agreements signed: security, confidentiality or both')
      .max(AGREEMENT_KINDS.length),
    signedOn: LocalDateSchema,
    expiresOn: LocalDateSchema,
    department: z.string().max(40).optional().openapi({
      description: "The authorising department (default: the caller's; only the administrator names another)",
    }),
  })
  .strict()
  .openapi('AgreementBody');

export const AgreementSchema = z
  .object({
    id: z.string(),
    department: z.string(),
    serviceUnit: z.string(),
    scope: z.string(),
    kinds: z.array(z.enum(AGREEMENT_KINDS)),
    signedOn: z.string(),
    expiresOn: z.string(),
    remindAt: z
      .string()
      .openapi({ description: 'When the department is reminded, from the policy in force when recorded' }),
    policyKey: z.string(),
    status: z.enum(AGREEMENT_STATUSES),
    recordedBy: z.string(),
    recordedAt: z.string(),
    workflowId: z.string(),
  })
  .openapi('Agreement');

export const AssessmentBodySchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    assessedOn: LocalDateSchema,
    node: text(200, 'the data service node assessed'),
    assessor: text(200, 'who assessed it'),
    riskLevel: z.enum(RISK_LEVELS),
    findings: text(4000, 'what was found'),
  })
  .strict()
  .openapi('AssessmentBody');

export const AssessmentSchema = z
  .object({
    id: z.string(),
    department: z.string(),
    year: z.number().int(),
    assessedOn: z.string(),
    node: z.string(),
    assessor: z.string(),
    riskLevel: z.enum(RISK_LEVELS),
    findings: z.string(),
    recordedBy: z.string(),
    recordedAt: z.string(),
  })
  .openapi('Assessment');

export const DepartmentCodeParamsSchema = z.object({ code: z.string().max(40) });

export const DepartmentSecuritySchema = z
  .object({
    department: z.object({ code: z.string(), name: z.string(), nameEn: z.string() }),
    agreements: z.array(AgreementSchema),
    assessments: z.array(AssessmentSchema),
    assessedThisYear: z.boolean(),
    reminder: z
      .object({
        label: LocalizedTextSchema,
        article: z.number().int(),
        basis: z.enum(['measures', 'national', 'default']),
      })
      .nullable()
      .openapi({
        description:
          'When expiring agreements are announced, from the policy in force; null when it sets none',
      }),
  })
  .openapi('DepartmentSecurity');
