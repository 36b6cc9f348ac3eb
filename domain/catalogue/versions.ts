/**
 * A catalogue entry's versions (art. 9: 目录…及时更新): what changed between
 * two states of an entry, field by field, and whether the change narrows what
 * consumers holding grants may use. Pure, so the repository that records a
 * version and any later reader compute the same thing.
 */
import { OPEN_DATA_DOMAINS, SHARE_TYPES, type ResourceInput } from './resource';

/** The fields of an entry a version compares, in the order a diff lists them (the code never changes). */
export const ENTRY_FIELDS = [
  'name',
  'summary',
  'providerDepartment',
  'category',
  'items',
  'shareType',
  'conditions',
  'legalBasis',
  'statutoryRecipients',
  'mode',
  'updateCycle',
  'openToPublic',
  'classification',
  'domains',
  'contributingDepartments',
  'nationalCode',
  'format',
  'relatedResources',
] as const satisfies readonly (keyof ResourceInput)[];

export type EntryField = (typeof ENTRY_FIELDS)[number];

export interface EntryChange {
  field: EntryField;
  /** The field's value before the change; null when the entry was first registered. */
  before: unknown;
  after: unknown;
}

/**
 * An entry's own fields and nothing else (a caller may hand over a whole
 * catalogue row). Its statutory recipients, contributors, related resources
 * and domains are sets: in code order and the article's order. An entry
 * recorded before a field was kept has none of it (an item, no data type).
 */
export function entryOf(r: ResourceInput): ResourceInput {
  const own = Object.fromEntries((['code', ...ENTRY_FIELDS] as const).map((f) => [f, r[f]]));
  const domains = new Set(r.domains ?? []);
  return {
    ...own,
    statutoryRecipients: [...r.statutoryRecipients].sort(),
    contributingDepartments: [...(r.contributingDepartments ?? [])].sort(),
    relatedResources: [...(r.relatedResources ?? [])].sort(),
    nationalCode: r.nationalCode ?? null,
    format: r.format ?? null,
    items: r.items.map((i) => ({ name: i.name, kind: i.kind, dataType: i.dataType ?? null })),
    domains: OPEN_DATA_DOMAINS.filter((d) => domains.has(d)),
  } as unknown as ResourceInput;
}

/** A value as JSON with its objects' keys sorted, so equal values compare equal however they were built. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The fields that differ between two states of an entry; every field when there was no earlier state. */
export function entryChanges(recorded: ResourceInput | null, changed: ResourceInput): EntryChange[] {
  const before = recorded && entryOf(recorded);
  const after = entryOf(changed);
  return ENTRY_FIELDS.filter((f) => !before || canonical(before[f]) !== canonical(after[f])).map((field) => ({
    field,
    before: before ? before[field] : null,
    after: after[field],
  }));
}

/** Ways a change can take from a consumer what it was granted or could be granted. */
export const NARROWINGS = ['share_type', 'items_removed', 'conditions_added', 'recipients_removed'] as const;
export type Narrowing = (typeof NARROWINGS)[number];

/**
 * How a change narrows sharing: the entry becomes more restrictive
 * (unconditional → conditional → not shared), loses data items, asks new
 * conditions, or stops naming a statutory recipient. Empty when it does not.
 */
export function narrowings(before: ResourceInput | null, after: ResourceInput): Narrowing[] {
  if (!before) return [];
  const found: Narrowing[] = [];
  if (SHARE_TYPES.indexOf(after.shareType) > SHARE_TYPES.indexOf(before.shareType)) found.push('share_type');
  const kept = new Set(after.items.map((i) => i.name));
  if (before.items.some((i) => !kept.has(i.name))) found.push('items_removed');
  const asked = new Set(before.conditions.map((c) => c.id));
  if (after.conditions.some((c) => !asked.has(c.id))) found.push('conditions_added');
  const named = new Set(after.statutoryRecipients);
  if (before.statutoryRecipients.some((d) => !named.has(d))) found.push('recipients_removed');
  return found;
}
