/**
 * A shareable information resource as the catalogue lists it (art. 15, 19, 21):
 * what it holds, who provides it, on what terms it is shared and how.
 */
import { z } from 'zod';

export const SHARE_TYPES = ['unconditional', 'conditional', 'not_shared'] as const;
export const CATEGORIES = ['basic', 'thematic', 'departmental'] as const;
export const SHARING_MODES = ['api', 'verification', 'file'] as const;
export const ITEM_KINDS = ['base', 'business'] as const;
/**
 * How a resource is classified under the secrecy rules (保密). Art. 2 keeps
 * 秘密级 and above (`secret`, `confidential` 机密, `top_secret` 绝密) off the
 * platform: they are handled under the state's secrecy system, so the
 * catalogue refuses them. The schema names them so the refusal can say why.
 */
export const CLASSIFICATIONS = ['public', 'internal', 'secret', 'confidential', 'top_secret'] as const;
export const PLATFORM_CLASSIFICATIONS = ['public', 'internal'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** Why the catalogue refuses a classification, or null when the platform may hold it (art. 2). */
export function classificationRefusal(c: Classification): string | null {
  return (PLATFORM_CLASSIFICATIONS as readonly string[]).includes(c)
    ? null
    : 'information classified 秘密 or above is handled under the state secrecy rules, not shared through the platform (art. 2)';
}
export const UPDATE_CYCLES = [
  'realtime',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'yearly',
  'on_change',
] as const;

/**
 * The domains art. 26 opens to the public first, in its order (信用、交通、医疗、卫生、
 * 就业、社保、地理、文化、教育): an entry names those it belongs to.
 */
export const OPEN_DATA_DOMAINS = [
  'credit',
  'transport',
  'medical',
  'health',
  'employment',
  'social_security',
  'geography',
  'culture',
  'education',
] as const;
export type OpenDataDomain = (typeof OPEN_DATA_DOMAINS)[number];

/**
 * The national 《政务信息资源目录编制指南(试行)》 (on GB/T 21063): a data item's
 * type (C 字符型, N 数值型, Y 货币型, D 日期型, T 日期时间型, L 逻辑型, M 备注型,
 * G 通用型, B 双精度型, I 整型, F 浮点型) and a resource's format.
 */
export const ITEM_DATA_TYPES = ['C', 'N', 'Y', 'D', 'T', 'L', 'M', 'G', 'B', 'I', 'F'] as const;
export const RESOURCE_FORMATS = [
  'electronic_file',
  'spreadsheet',
  'database',
  'image',
  'streaming_media',
  'self_describing',
  'interface',
  'other',
] as const;
/** The first digit of a resource's national classification code (类): basic 1, thematic 2, departmental 3. */
export const CATEGORY_CLASS_DIGIT = { basic: '1', thematic: '2', departmental: '3' } as const;

export type ShareType = (typeof SHARE_TYPES)[number];
export type UpdateCycle = (typeof UPDATE_CYCLES)[number];
export type SharingMode = (typeof SHARING_MODES)[number];

const trimmed = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `at most ${max} characters`);

export const ResourceItemSchema = z
  .object({
    name: trimmed(100),
    kind: z.enum(ITEM_KINDS),
    dataType: z.enum(ITEM_DATA_TYPES).nullable().default(null).meta({
      description: "The item's data type, as the national catalogue guide codes it (C 字符型, N 数值型…)",
    }),
  })
  .strict()
  .meta({ id: 'ResourceItem' });

export const ResourceConditionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be lower-case letters, digits and _ (e.g. "scope")'),
    question: trimmed(300),
  })
  .strict()
  .meta({ id: 'ResourceCondition' });

/** The fields of an entry, before the rules that tie them together. */
const ResourceFields = z.object({
  code: z
    .string()
    .regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/, 'must be 3–40 upper-case letters, digits and -, e.g. GA-RK-001'),
  name: trimmed(100),
  summary: trimmed(2000),
  providerDepartment: z.string().min(1, 'is required').max(40),
  category: z.enum(CATEGORIES),
  items: z
    .array(ResourceItemSchema)
    .min(1, 'list at least one data item')
    .max(500, 'list at most 500 data items'),
  shareType: z.enum(SHARE_TYPES),
  conditions: z.array(ResourceConditionSchema).max(50, 'list at most 50 conditions').default([]),
  legalBasis: z.string().trim().max(1000).nullable().default(null),
  statutoryRecipients: z
    .array(z.string().min(1).max(40))
    .max(200, 'name at most 200 departments')
    .default([]),
  mode: z.enum(SHARING_MODES),
  updateCycle: z.enum(UPDATE_CYCLES),
  openToPublic: z.boolean().default(false),
  classification: z.enum(CLASSIFICATIONS).default('internal'),
  contributingDepartments: z
    .array(z.string().min(1).max(40))
    .max(200, 'name at most 200 departments')
    .default([])
    .meta({
      description:
        'For a basic or thematic resource: the departments that collect and maintain it with its lead, the provider department (art. 18)',
    }),
  nationalCode: z
    .string()
    .regex(
      /^[1-3]\d{5}[0-9A-Za-z]*\/\d{6}$/,
      'must be the classification code (类 1 digit, 项 2, 目 3, then any 细目) / a 6-digit sequence, e.g. 301001/000001',
    )
    .nullable()
    .default(null)
    .meta({
      description:
        'The resource code of the national catalogue guide (信息资源代码): classification code / sequence',
    }),
  format: z
    .enum(RESOURCE_FORMATS)
    .nullable()
    .default(null)
    .meta({ description: 'The form the resource is held in (信息资源格式)' }),
  relatedResources: z
    .array(z.string().min(1).max(40))
    .max(50, 'name at most 50 resources')
    .default([])
    .meta({ description: 'Codes of catalogue resources it relates to (关联资源代码)' }),
  domains: z
    .array(z.enum(OPEN_DATA_DOMAINS))
    .max(OPEN_DATA_DOMAINS.length)
    .default([])
    .meta({ description: 'The domains of art. 26 the entry belongs to (opened to the public first)' }),
});

/** The rules that tie an entry's fields together (art. 7, 19, 23). */
function checkEntryRules(r: z.infer<typeof ResourceFields>, ctx: z.RefinementCtx): void {
  const dup = <T>(list: T[], key: (x: T) => string, path: string, what: string) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(key(x)))
        ctx.addIssue({ code: 'custom', path: [path, i], message: `${what} "${key(x)}" is listed twice` });
      seen.add(key(x));
    });
  };
  dup(r.items, (i) => i.name, 'items', 'data item');
  dup(r.conditions, (c) => c.id, 'conditions', 'condition');
  dup(r.statutoryRecipients, (d) => d, 'statutoryRecipients', 'department');
  dup(r.domains, (d) => d, 'domains', 'domain');
  dup(r.contributingDepartments, (d) => d, 'contributingDepartments', 'department');
  dup(r.relatedResources, (d) => d, 'relatedResources', 'resource');
  if (r.relatedResources.includes(r.code)) {
    ctx.addIssue({
      code: 'custom',
      path: ['relatedResources'],
      message: 'a resource is not related to itself',
    });
  }
  if (r.nationalCode && r.nationalCode[0] !== CATEGORY_CLASS_DIGIT[r.category]) {
    ctx.addIssue({
      code: 'custom',
      path: ['nationalCode'],
      message: `a ${r.category} resource's classification code starts with ${CATEGORY_CLASS_DIGIT[r.category]}`,
    });
  }
  if (r.category === 'departmental' && r.contributingDepartments.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['contributingDepartments'],
      message:
        "a department's own resource is kept by that department alone; only basic and thematic resources have contributing departments (art. 18)",
    });
  }
  if (r.contributingDepartments.includes(r.providerDepartment)) {
    ctx.addIssue({
      code: 'custom',
      path: ['contributingDepartments'],
      message: 'the provider department leads the resource; it is not one of its contributors',
    });
  }
  if (r.openToPublic && r.classification !== 'public') {
    ctx.addIssue({
      code: 'custom',
      path: ['classification'],
      message: 'an entry open to the public is classified public',
    });
  }
  if (r.shareType === 'not_shared' && !r.legalBasis) {
    ctx.addIssue({
      code: 'custom',
      path: ['legalBasis'],
      message: 'a resource that is not shared must cite its legal basis (art. 7)',
    });
  }
  if (r.shareType === 'conditional' && r.conditions.length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['conditions'],
      message: 'a conditional resource must list the conditions requesters answer (art. 23)',
    });
  }
  if (r.shareType !== 'conditional' && r.conditions.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['conditions'],
      message: 'only conditional resources have conditions',
    });
  }
  if (r.statutoryRecipients.includes(r.providerDepartment)) {
    ctx.addIssue({
      code: 'custom',
      path: ['statutoryRecipients'],
      message: 'the provider department is not its own recipient',
    });
  }
}

/** What a data steward sends to register a resource. */
export const ResourceInputSchema = ResourceFields.strict()
  .superRefine(checkEntryRules)
  .meta({ id: 'ResourceInput' });

/** What a data steward sends to change a resource: the whole entry, and why (kept with the version, art. 9). */
export const ResourceChangeSchema = ResourceFields.extend({
  changeReason: trimmed(500).meta({
    description: 'Why the entry changes, e.g. 机构改革后数据项调整; kept with the new version',
  }),
})
  .strict()
  .superRefine(checkEntryRules)
  .meta({ id: 'ResourceChange' });

export type ResourceInput = z.infer<typeof ResourceInputSchema>;

/** A catalogued resource with its departments resolved. */
export interface Resource extends Omit<
  ResourceInput,
  'providerDepartment' | 'statutoryRecipients' | 'contributingDepartments'
> {
  providerDepartment: { code: string; name: string; nameEn: string };
  statutoryRecipients: { code: string; name: string; nameEn: string }[];
  contributingDepartments: { code: string; name: string; nameEn: string }[];
  /** When the entry was first registered (its first version), or recorded when versions began. */
  publishedAt: string | null;
  /** The version the catalogue shows (each registration or change is one, art. 9). */
  version: number;
  /** When the provider last reported its data updated (art. 20); null: never. */
  dataUpdatedAt: string | null;
  /** Whether its data is up to date by its update cycle; null: not watched (yet). */
  freshness: 'fresh' | 'stale' | null;
  /** When a reform obligation retired it (art. 9): off the 共享目录, no new requests; null: in force. */
  retiredAt: string | null;
  retiredReason: string | null;
  updatedAt: string;
  updatedBy: string;
}
