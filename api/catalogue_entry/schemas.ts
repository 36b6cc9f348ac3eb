/** Request and response shapes of catalogue drafts (目录编制审核, art. 7, 9). */
import { z } from 'zod';
import { ResourceInputSchema } from '../../domain/catalogue/resource';
import { ENTRY_FIELDS, NARROWINGS } from '../../domain/catalogue/versions';
import { CATALOGUE_ENTRY_STATUSES } from '../../workflows/catalogue_entry/contract';
import { CurrentTaskSchema, DeadlineEntrySchema, TimelineEntrySchema } from '../cases/case-schemas';
import { departmentNameFields, QueryFlagSchema } from '../http/common-schemas';

/** The most entries one draft holds: a department's whole catalogue, as a workbook compiles it. */
export const MAX_DRAFT_ENTRIES = 1000;

export const DraftBodySchema = z
  .object({
    entries: z
      .array(ResourceInputSchema)
      .min(1, 'needs at least one entry')
      .max(MAX_DRAFT_ENTRIES, `at most ${MAX_DRAFT_ENTRIES} entries in one draft`)
      .openapi({ description: "Whole entries, new or changed, of the caller's department's catalogue" }),
    changeReason: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(500, 'at most 500 characters')
      .openapi({ description: 'Why, e.g. 机构改革后数据项调整; kept with each new version' }),
  })
  .strict()
  .openapi('CatalogueDraftBody');

const EntryChangeSchema = z.object({ field: z.enum(ENTRY_FIELDS), before: z.unknown(), after: z.unknown() });

export const DraftEntrySchema = z
  .object({
    entry: ResourceInputSchema,
    kind: z.enum(['new', 'change']).openapi({
      description:
        'new: the catalogue does not hold the code yet; change: a new version of a published entry',
    }),
    changes: z.array(EntryChangeSchema).openapi({
      description: 'Field by field, what the draft changes in the published entry (empty once published)',
    }),
    narrowings: z.array(z.enum(NARROWINGS)),
    notShared: z
      .boolean()
      .openapi({ description: 'Not shared: the LG office 核定 its legal basis (art. 7)' }),
    publishedVersion: z.number().int().nullable(),
  })
  .openapi('CatalogueDraftEntry');

const DraftFields = {
  id: z.string().openapi({ example: 'CE-20261204-4Q7ZK2' }),
  provider: z.string(),
  ...departmentNameFields('provider'),
  author: z.string(),
  authorName: z.string().nullable(),
  title: z.string(),
  changeReason: z.string(),
  status: z.enum(CATALOGUE_ENTRY_STATUSES),
  needsVerification: z.boolean().nullable().openapi({
    description: 'Whether it goes to the LG office for 核定; null until its review approves it',
  }),
  submittedAt: z.string(),
  updatedAt: z.string(),
};

export const DraftSummarySchema = z
  .object({ ...DraftFields, codes: z.array(z.string()) })
  .openapi('CatalogueDraftSummary');

export const DraftSchema = z
  .object({
    ...DraftFields,
    entries: z.array(DraftEntrySchema),
    currentTask: CurrentTaskSchema.nullable(),
    deadlines: z.array(DeadlineEntrySchema),
    timeline: z.array(TimelineEntrySchema),
  })
  .openapi('CatalogueDraft');

export const DraftListQuerySchema = z
  .object({
    open: QueryFlagSchema.optional().openapi({
      description: 'true: drafts under way; false: published or withdrawn',
    }),
    provider: z.string().max(40).optional().openapi({
      description: "A city-level role's filter by department; a department's own people always see their own",
    }),
  })
  .strict();

export const DraftListSchema = z.object({ items: z.array(DraftSummarySchema) }).openapi('CatalogueDraftList');
