/** Request and response shapes of security incidents (art. 31). */
import { z } from 'zod';
import { INCIDENT_SEVERITIES, SECURITY_INCIDENT_STATUSES } from '../../workflows/security_incident/contract';
import { CurrentTaskSchema, DeadlineEntrySchema, TimelineEntrySchema } from '../cases/case-schemas';
import { departmentNameFields, IsoInstantSchema } from '../http/common-schemas';

export const IncidentBodySchema = z
  .object({
    title: z.string().trim().min(1, 'is required: what happened, in a line').max(200),
    severity: z.enum(INCIDENT_SEVERITIES),
    occurredAt: IsoInstantSchema,
    description: z
      .string()
      .trim()
      .min(1, 'is required: what happened, to which data, what was done')
      .max(4000),
  })
  .strict()
  .openapi('IncidentBody');

export const IncidentSchema = z
  .object({
    id: z.string().openapi({ example: 'SI-20261125-4Q7ZK2' }),
    department: z.string(),
    ...departmentNameFields('department'),
    title: z.string(),
    severity: z.enum(INCIDENT_SEVERITIES),
    occurredAt: z.string(),
    description: z.string(),
    reportedBy: z.string(),
    reportedByName: z.string().nullable(),
    reportedAt: z.string(),
    status: z.enum(SECURITY_INCIDENT_STATUSES),
    resolution: z.string().nullable(),
    currentTask: CurrentTaskSchema.nullable(),
    deadlines: z.array(DeadlineEntrySchema),
    timeline: z.array(TimelineEntrySchema),
  })
  .openapi('SecurityIncident');
