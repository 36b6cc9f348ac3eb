/** Shapes of the catalogue endpoints. */
import { z } from 'zod';
import {
  CATEGORIES,
  CLASSIFICATIONS,
  ITEM_DATA_TYPES,
  OPEN_DATA_DOMAINS,
  RESOURCE_FORMATS,
  ITEM_KINDS,
  SHARE_TYPES,
  SHARING_MODES,
  UPDATE_CYCLES,
} from '../../domain/catalogue/resource';
import { ENTRY_FIELDS, NARROWINGS } from '../../domain/catalogue/versions';
import { DepartmentRefSchema, PageQuerySchema, QueryFlagSchema, pageOf } from '../http/common-schemas';

export const ResourceSchema = z
  .object({
    code: z.string().openapi({ example: 'RS-SB-001' }),
    name: z.string().openapi({ example: '社会保险参保信息' }),
    summary: z.string(),
    providerDepartment: DepartmentRefSchema,
    category: z.enum(CATEGORIES),
    items: z.array(
      z.object({ name: z.string(), kind: z.enum(ITEM_KINDS), dataType: z.enum(ITEM_DATA_TYPES).nullable() }),
    ),
    shareType: z.enum(SHARE_TYPES),
    conditions: z.array(z.object({ id: z.string(), question: z.string() })),
    legalBasis: z.string().nullable(),
    statutoryRecipients: z.array(DepartmentRefSchema),
    contributingDepartments: z.array(DepartmentRefSchema).openapi({
      description:
        'A basic or thematic resource: the departments that collect and maintain it with its lead, the provider (art. 18)',
    }),
    mode: z.enum(SHARING_MODES),
    updateCycle: z.enum(UPDATE_CYCLES),
    openToPublic: z.boolean(),
    classification: z.enum(CLASSIFICATIONS).openapi({
      description: 'Secrecy classification; 秘密 (secret) and above are refused (art. 2)',
    }),
    nationalCode: z.string().nullable().openapi({
      description:
        "The national catalogue guide's resource code (信息资源代码): classification code / sequence",
      example: '101001/000001',
    }),
    format: z.enum(RESOURCE_FORMATS).nullable(),
    relatedResources: z.array(z.string()).openapi({ description: 'Codes of related catalogue resources' }),
    publishedAt: z.string().nullable().openapi({ description: 'When the entry was first registered' }),
    domains: z.array(z.enum(OPEN_DATA_DOMAINS)).openapi({
      description: 'The domains of art. 26 it belongs to, which the measures open to the public first',
    }),
    version: z.number().int().openapi({
      description: 'The version shown; each registration or change is one (GET …/versions)',
    }),
    updatedAt: z.string(),
    updatedBy: z.string(),
    dataUpdatedAt: z
      .string()
      .nullable()
      .openapi({ description: 'When the provider last reported its data updated (art. 20); null: never' }),
    freshness: z.enum(['fresh', 'stale']).nullable().openapi({
      description:
        'stale: its update cycle passed without an update, and its steward has a task (art. 20); null: not watched yet',
    }),
    retiredAt: z.string().nullable().openapi({
      description:
        'When a reform obligation retired it (art. 9): off the 共享目录, refused to new requests; null: in force',
    }),
    retiredReason: z.string().nullable(),
  })
  .openapi('Resource');

export const ResourceListQuerySchema = PageQuerySchema.extend({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .openapi({ description: 'Words in the name, summary or data items' }),
  shareType: z.enum(SHARE_TYPES).optional(),
  provider: z.string().max(40).optional().openapi({ description: 'Provider department code' }),
  contributor: z.string().max(40).optional().openapi({
    description: 'A department code: the basic and thematic resources it contributes to (art. 18)',
  }),
  category: z.enum(CATEGORIES).optional(),
  mode: z.enum(SHARING_MODES).optional(),
  openToPublic: QueryFlagSchema.optional(),
  catalogue: z.enum(['shared', 'own']).optional().openapi({
    description:
      "shared: the city's 共享目录 as the caller's department reads it (entries shared with or without conditions, and not-shared ones the law names it a recipient of); own: its 资源目录, every entry it provides, not-shared ones included (art. 7). Neither: the whole catalogue",
  }),
});

export const ResourceListSchema = pageOf(ResourceSchema, 'ResourceList');

export const ResourceCodeParamsSchema = z.object({ code: z.string().max(40) });

export const ResourceVersionSchema = z
  .object({
    version: z.number().int(),
    kind: z.enum(['registered', 'changed', 'recorded']).openapi({
      description:
        'registered: the first version; changed: a later one; recorded: the entry as it stood when the catalogue began keeping versions (its history before is not known)',
    }),
    recordedAt: z.string(),
    recordedBy: z.object({ username: z.string(), displayName: z.string().nullable() }),
    reason: z.string().nullable().openapi({ description: "The steward's reason for the change" }),
    changes: z
      .array(z.object({ field: z.enum(ENTRY_FIELDS), before: z.unknown(), after: z.unknown() }))
      .openapi({
        description:
          'Field by field, what differs from the version before (before is null for a registration); departments by code',
      }),
    narrowings: z.array(z.enum(NARROWINGS)).openapi({
      description:
        'How the change narrowed sharing; the departments holding active grants on the resource were told',
    }),
  })
  .openapi('ResourceVersion');

export const ResourceVersionListSchema = z
  .object({ code: z.string(), name: z.string(), versions: z.array(ResourceVersionSchema) })
  .openapi('ResourceVersionList');

export const CatalogueCompletenessSchema = z
  .object({
    departments: z
      .array(
        z.object({
          department: DepartmentRefSchema,
          entries: z
            .number()
            .int()
            .openapi({ description: 'Its published entries; 0: it has compiled none' }),
          notShared: z
            .number()
            .int()
            .openapi({ description: 'Of them, not shared (each 核定 by the LG office, art. 7)' }),
          openDrafts: z
            .number()
            .int()
            .openapi({ description: 'Its drafts under review or 核定, or returned to it' }),
          missingNationalCode: z
            .number()
            .int()
            .openapi({ description: "Entries without the national catalogue guide's resource code" }),
          missingFormat: z.number().int().openapi({ description: 'Entries without a resource format' }),
          stale: z
            .number()
            .int()
            .openapi({ description: 'Entries whose data is overdue by their update cycle (art. 20)' }),
          lastChangedAt: z
            .string()
            .nullable()
            .openapi({ description: 'When one of its entries last changed' }),
        }),
      )
      .openapi({
        description: 'Each department the caller supervises, those that have compiled the least first',
      }),
  })
  .openapi('CatalogueCompleteness');
