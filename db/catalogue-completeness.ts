/** How far each department has compiled its catalogue (art. 7, 8): counts of its entries and drafts. */
import type { Db } from './connection';
import { localIso } from '../domain/calendar/working-days';
import { OPEN_DRAFT_STATUSES } from '../workflows/catalogue_entry/contract';

export interface DepartmentCatalogue {
  department: string;
  entries: number;
  notShared: number;
  openDrafts: number;
  /** Entries without the national catalogue guide's resource code, or without its format. */
  missingNationalCode: number;
  missingFormat: number;
  /** Entries whose data its update cycle says is overdue (art. 20). */
  stale: number;
  /** When one of its entries last changed; null when it has none. */
  lastChangedAt: string | null;
}

/** The catalogue counts of each of `departments` (every one of them, those without entries too). */
export async function catalogueCompleteness(
  db: Db,
  departments: readonly string[],
): Promise<DepartmentCatalogue[]> {
  if (departments.length === 0) return [];
  const [entries, drafts, stale] = await Promise.all([
    db('resources')
      .whereIn('provider_department', departments)
      .groupBy('provider_department')
      .select(
        'provider_department',
        db.raw('count(*) as entries'),
        db.raw("sum(case when share_type = 'not_shared' then 1 else 0 end) as not_shared"),
        db.raw('sum(case when national_code is null then 1 else 0 end) as missing_national_code'),
        db.raw('sum(case when format is null then 1 else 0 end) as missing_format'),
        db.raw('max(updated_at_ms) as last_changed_ms'),
      ),
    db('catalogue_drafts')
      .whereIn('provider_code', departments)
      .whereIn('status', OPEN_DRAFT_STATUSES)
      .groupBy('provider_code')
      .select('provider_code', db.raw('count(*) as drafts')),
    db('resource_freshness')
      .whereIn('provider_code', departments)
      .where({ status: 'stale' })
      .groupBy('provider_code')
      .select('provider_code', db.raw('count(*) as stale')),
  ]);
  const staleOf = new Map(
    stale.map((r: Record<string, unknown>) => [r.provider_code as string, Number(r.stale)]),
  );
  const byDepartment = new Map(
    entries.map((r: Record<string, unknown>) => [r.provider_department as string, r]),
  );
  const draftsOf = new Map(
    drafts.map((r: Record<string, unknown>) => [r.provider_code as string, Number(r.drafts)]),
  );
  return departments.map((department) => {
    const r = byDepartment.get(department);
    return {
      department,
      entries: Number(r?.entries ?? 0),
      notShared: Number(r?.not_shared ?? 0),
      openDrafts: draftsOf.get(department) ?? 0,
      missingNationalCode: Number(r?.missing_national_code ?? 0),
      missingFormat: Number(r?.missing_format ?? 0),
      stale: staleOf.get(department) ?? 0,
      lastChangedAt: r?.last_changed_ms == null ? null : localIso(r.last_changed_ms),
    };
  });
}
