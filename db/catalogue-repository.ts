/** The catalogue of shareable resources: save (register or change), read one, search many. */
import type { Knex } from 'knex';
import { localIso } from '../domain/calendar/working-days';
import { isMysql, type Db } from './connection';
import { containing } from './like';
import type { Resource, ResourceInput } from '../domain/catalogue/resource';
import {
  entryChanges,
  entryOf,
  narrowings,
  type EntryChange,
  type Narrowing,
} from '../domain/catalogue/versions';

export interface ResourceFilter {
  q?: string;
  shareType?: string;
  provider?: string;
  contributor?: string;
  category?: string;
  mode?: string;
  openToPublic?: boolean;
  /**
   * The city's 共享目录 as one department reads it (art. 7): what it may ask for, the entries
   * shared with or without conditions, and those not shared that the law names it a recipient of.
   */
  sharedWith?: string;
  page: number;
  pageSize: number;
}

/** What saving an entry recorded: the version the catalogue now shows and how it differs from the one before. */
export interface SavedEntry {
  version: number;
  /** False when the entry was saved exactly as it stood: no version is added. */
  created: boolean;
  changes: EntryChange[];
  narrowings: Narrowing[];
}

/**
 * Registers a resource or changes its entry, items, conditions and recipients,
 * and records the new version with who, when, why and what changed, all in one
 * transaction. Saving an entry exactly as it stands records nothing.
 */
export async function saveResource(
  db: Db,
  r: ResourceInput,
  by: string,
  opts: { reason?: string | null; atMs?: number } = {},
): Promise<SavedEntry> {
  const atMs = opts.atMs ?? Date.now();
  return db.transaction(async (trx) => {
    // The entry's row lock orders two changes of one entry, so each gets its own version number.
    const current = trx('resources').where({ code: r.code }).first('version');
    const row = await (isMysql(db) ? current.forUpdate() : current);
    const last = row
      ? await trx('resource_versions')
          .where({ resource_code: r.code })
          .orderBy('version', 'desc')
          .first('version', 'entry')
      : undefined;
    const before = last ? (JSON.parse(last.entry as string) as ResourceInput) : null;
    const entry = entryOf(r);
    const changes = entryChanges(before, entry);
    if (last && changes.length === 0)
      return { version: Number(last.version), created: false, changes: [], narrowings: [] };
    const version = last ? Number(last.version) + 1 : 1;
    await trx('resources')
      .insert({
        code: r.code,
        name: r.name,
        summary: r.summary,
        provider_department: r.providerDepartment,
        category: r.category,
        share_type: r.shareType,
        legal_basis: r.legalBasis,
        mode: r.mode,
        update_cycle: r.updateCycle,
        open_to_public: r.openToPublic,
        classification: r.classification,
        domains: JSON.stringify(entry.domains),
        national_code: entry.nationalCode,
        format: entry.format,
        version,
        updated_at_ms: atMs,
        updated_by: by,
      })
      .onConflict('code')
      .merge();
    for (const table of [
      'resource_items',
      'resource_conditions',
      'resource_statutory_recipients',
      'resource_contributors',
      'resource_relations',
    ]) {
      await trx(table).where({ resource_code: r.code }).delete();
    }
    if (r.items.length)
      await trx('resource_items').insert(
        entry.items.map((i, position) => ({
          resource_code: r.code,
          position,
          name: i.name,
          kind: i.kind,
          data_type: i.dataType,
        })),
      );
    if (r.conditions.length)
      await trx('resource_conditions').insert(
        r.conditions.map((c, position) => ({
          resource_code: r.code,
          position,
          id: c.id,
          question: c.question,
        })),
      );
    if (r.statutoryRecipients.length)
      await trx('resource_statutory_recipients').insert(
        r.statutoryRecipients.map((d) => ({ resource_code: r.code, department_code: d })),
      );
    if (entry.relatedResources.length)
      await trx('resource_relations').insert(
        entry.relatedResources.map((c) => ({ resource_code: r.code, related_code: c })),
      );
    if (entry.contributingDepartments.length)
      await trx('resource_contributors').insert(
        entry.contributingDepartments.map((d) => ({ resource_code: r.code, department_code: d })),
      );
    const narrowed = narrowings(before, r);
    await trx('resource_versions').insert({
      resource_code: r.code,
      version,
      recorded_at_ms: atMs,
      recorded_by: by,
      reason: opts.reason ?? null,
      entry: JSON.stringify(entry),
      changes: JSON.stringify(changes),
      narrowings: JSON.stringify(narrowed),
    });
    return { version, created: true, changes, narrowings: narrowed };
  });
}

/** One recorded version of an entry. */
export interface EntryVersion {
  version: number;
  /** registered: the first version; changed: a later one; recorded: the state found when versions began. */
  kind: 'registered' | 'changed' | 'recorded';
  recordedAt: string;
  recordedBy: { username: string; displayName: string | null };
  reason: string | null;
  changes: EntryChange[];
  narrowings: Narrowing[];
}

/** The entries as their latest versions record them, by code (codes the catalogue does not hold are absent). */
export async function recordedEntries(db: Db, codes: readonly string[]): Promise<Map<string, ResourceInput>> {
  if (codes.length === 0) return new Map();
  const rows: Row[] = await db('resource_versions as v')
    .join('resources as r', function () {
      this.on('r.code', '=', 'v.resource_code').andOn('r.version', '=', 'v.version');
    })
    .whereIn('v.resource_code', codes)
    .select('v.resource_code', 'v.entry');
  return new Map(
    rows.map((r) => [r.resource_code as string, JSON.parse(r.entry as string) as ResourceInput]),
  );
}

/** An entry's versions, newest first (empty for a code the catalogue does not hold). */
export async function listVersions(db: Db, code: string): Promise<EntryVersion[]> {
  const rows: Row[] = await db('resource_versions')
    .leftJoin('users', 'users.username', 'resource_versions.recorded_by')
    .where('resource_versions.resource_code', code)
    .orderBy('resource_versions.version', 'desc')
    .select('resource_versions.*', 'users.display_name');
  return rows.map((v) => {
    const changes = JSON.parse(v.changes as string) as EntryChange[];
    const version = Number(v.version);
    return {
      version,
      kind: version > 1 ? 'changed' : changes.length ? 'registered' : 'recorded',
      recordedAt: localIso(v.recorded_at_ms),
      recordedBy: {
        username: v.recorded_by as string,
        displayName: (v.display_name as string | null) ?? null,
      },
      reason: (v.reason as string | null) ?? null,
      changes,
      narrowings: JSON.parse(v.narrowings as string) as Narrowing[],
    };
  });
}

type Row = Record<string, unknown>;

async function hydrate(db: Db | Knex.Transaction, rows: Row[]): Promise<Resource[]> {
  if (rows.length === 0) return [];
  const codes = rows.map((r) => r.code as string);
  const departmentsOf = (table: string) =>
    db(table)
      .join('departments', 'departments.code', `${table}.department_code`)
      .whereIn('resource_code', codes)
      .orderBy(['resource_code', 'department_code'])
      .select('resource_code', 'departments.code', 'departments.name', 'departments.name_en');
  const [items, conditions, recipients, contributors, relations, firsts] = await Promise.all([
    db('resource_items').whereIn('resource_code', codes).orderBy(['resource_code', 'position']),
    db('resource_conditions').whereIn('resource_code', codes).orderBy(['resource_code', 'position']),
    departmentsOf('resource_statutory_recipients'),
    departmentsOf('resource_contributors'),
    db('resource_relations').whereIn('resource_code', codes).orderBy(['resource_code', 'related_code']),
    db('resource_versions')
      .whereIn('resource_code', codes)
      .where({ version: 1 })
      .select('resource_code', 'recorded_at_ms'),
  ]);
  const published = new Map(firsts.map((f: Row) => [f.resource_code, f.recorded_at_ms]));
  const refs = (of: Row[], code: unknown) =>
    of
      .filter((d) => d.resource_code === code)
      .map((d) => ({ code: d.code as string, name: d.name as string, nameEn: d.name_en as string }));
  return rows.map((r) => ({
    code: r.code as string,
    name: r.name as string,
    summary: r.summary as string,
    providerDepartment: {
      code: r.provider_department as string,
      name: r.provider_name as string,
      nameEn: r.provider_name_en as string,
    },
    category: r.category as Resource['category'],
    items: items
      .filter((i: Row) => i.resource_code === r.code)
      .map((i: Row) => ({
        name: i.name as string,
        kind: i.kind as 'base' | 'business',
        dataType: (i.data_type as Resource['items'][number]['dataType']) ?? null,
      })),
    shareType: r.share_type as Resource['shareType'],
    conditions: conditions
      .filter((c: Row) => c.resource_code === r.code)
      .map((c: Row) => ({ id: c.id as string, question: c.question as string })),
    legalBasis: (r.legal_basis as string | null) ?? null,
    statutoryRecipients: refs(recipients, r.code),
    contributingDepartments: refs(contributors, r.code),
    mode: r.mode as Resource['mode'],
    updateCycle: r.update_cycle as Resource['updateCycle'],
    openToPublic: Boolean(r.open_to_public),
    classification: r.classification as Resource['classification'],
    domains: JSON.parse(r.domains as string) as Resource['domains'],
    nationalCode: (r.national_code as string | null) ?? null,
    format: (r.format as Resource['format']) ?? null,
    relatedResources: relations
      .filter((x: Row) => x.resource_code === r.code)
      .map((x: Row) => x.related_code as string),
    publishedAt: published.has(r.code) ? localIso(published.get(r.code)) : null,
    version: Number(r.version),
    updatedAt: localIso(r.updated_at_ms),
    updatedBy: r.updated_by as string,
    dataUpdatedAt: r.data_updated_at_ms == null ? null : localIso(r.data_updated_at_ms),
    freshness: (r.freshness_status as Resource['freshness'] | null) ?? null,
    retiredAt: r.retired_at_ms == null ? null : localIso(r.retired_at_ms),
    retiredReason: (r.retired_reason as string | null) ?? null,
  }));
}

function base(db: Db) {
  return db('resources')
    .join('departments', 'departments.code', 'resources.provider_department')
    .leftJoin('resource_freshness', 'resource_freshness.resource_code', 'resources.code')
    .select(
      'resources.*',
      'departments.name as provider_name',
      'departments.name_en as provider_name_en',
      'resource_freshness.status as freshness_status',
    );
}

export async function getResource(db: Db, code: string): Promise<Resource | null> {
  const row = await base(db).where('resources.code', code).first();
  return row ? (await hydrate(db, [row]))[0] : null;
}

export async function listResources(
  db: Db,
  f: ResourceFilter,
): Promise<{ items: Resource[]; total: number }> {
  const query = base(db);
  if (f.q) {
    const pattern = containing(f.q);
    query.where((w) =>
      w
        .whereRaw("resources.name like ? escape '!'", [pattern])
        .orWhereRaw("resources.summary like ? escape '!'", [pattern])
        .orWhereExists((sub) =>
          sub
            .select(db.raw('1'))
            .from('resource_items')
            .whereRaw('resource_items.resource_code = resources.code')
            .andWhereRaw("resource_items.name like ? escape '!'", [pattern]),
        ),
    );
  }
  if (f.shareType) query.where('resources.share_type', f.shareType);
  if (f.provider) query.where('resources.provider_department', f.provider);
  if (f.contributor)
    query.whereExists((sub) =>
      sub
        .select(db.raw('1'))
        .from('resource_contributors')
        .whereRaw('resource_contributors.resource_code = resources.code')
        .andWhere('resource_contributors.department_code', f.contributor!),
    );
  if (f.category) query.where('resources.category', f.category);
  if (f.mode) query.where('resources.mode', f.mode);
  if (f.openToPublic !== undefined) query.where('resources.open_to_public', f.openToPublic);
  // A retired resource stays in its department's 资源目录, off what others may ask for or the public sees.
  if (f.sharedWith || f.openToPublic) query.whereNull('resources.retired_at_ms');
  if (f.sharedWith)
    query.where((w) =>
      w
        .whereNot('resources.share_type', 'not_shared')
        .orWhereExists((sub) =>
          sub
            .select(db.raw('1'))
            .from('resource_statutory_recipients')
            .whereRaw('resource_statutory_recipients.resource_code = resources.code')
            .andWhere('resource_statutory_recipients.department_code', f.sharedWith!),
        ),
    );
  const [{ n }] = await query.clone().clearSelect().count({ n: '*' });
  const rows = await query
    .orderBy('resources.code')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return { items: await hydrate(db, rows), total: Number(n) };
}

/** The names of some resources, by code (one query, for a list's worth). */
export async function resourceNames(db: Db, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db('resources')
    .whereIn('code', [...new Set(codes)])
    .select('code', 'name');
  return new Map(rows.map((r: { code: string; name: string }) => [r.code, r.name]));
}

/** Every entry of the catalogue matching `f` (a city holds hundreds to a few thousand), for exports and open data. */
export async function allResources(
  db: Db,
  f: Omit<ResourceFilter, 'page' | 'pageSize'> = {},
): Promise<Resource[]> {
  return (await listResources(db, { ...f, page: 1, pageSize: Number.MAX_SAFE_INTEGER })).items;
}
