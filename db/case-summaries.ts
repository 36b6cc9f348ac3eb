/**
 * What an inbox row says about the case behind a task: which department
 * asked, about what (a resource, another case, a reform, an incident) and
 * since when. Each process declares where those facts live in its read model
 * (`CaseSummarySpec`); this reads them for a page of tasks in one query per
 * process, and finds the cases a search term names.
 */
import type { Knex } from 'knex';
import { localIso } from '../domain/calendar/working-days';
import type { Db } from './connection';
import { containing } from './like';

/** Where a process's read model keeps a case's summary: a query over its tables and the columns, qualified. */
export interface CaseSummarySpec {
  /** Its tables, joined as needed (e.g. a reform's obligation with the reform). */
  from: (db: Db) => Knex.QueryBuilder;
  /** The case id, as its tasks carry it. */
  id: string;
  /** The department that opened the case. */
  requester: string;
  /** What the case is about, as a code: a resource, the case disputed, a reform; null when it has none. */
  subjectCode: string | null;
  /** The subject's title: the resource's name, the reform's or incident's title; null when it has none. */
  subjectTitle: string | null;
  /** When the case was opened, epoch ms. */
  openedAtMs: string;
  /** The departments party to the case: they read it and talk on it. */
  parties: readonly string[];
}

export interface CaseSummary {
  requesterDepartment: string | null;
  subject: string | null;
  subjectTitle: string | null;
  openedAt: string | null;
}

const column = (db: Db, c: string | null, as: string) => (c ? db.ref(c).as(as) : db.raw(`null as ${as}`));

/** The summaries of the given cases, keyed `${process}|${caseId}`. */
export async function caseSummaries(
  db: Db,
  specs: ReadonlyMap<string, CaseSummarySpec>,
  cases: readonly { processType: string; caseId: string }[],
): Promise<Map<string, CaseSummary>> {
  const byProcess = new Map<string, Set<string>>();
  for (const c of cases) {
    if (!specs.has(c.processType)) continue;
    byProcess.set(c.processType, (byProcess.get(c.processType) ?? new Set()).add(c.caseId));
  }
  const read = await Promise.all(
    [...byProcess].map(async ([process, ids]) => {
      const s = specs.get(process)!;
      const rows: Record<string, unknown>[] = await s
        .from(db)
        .select(
          column(db, s.id, 'case_id'),
          column(db, s.requester, 'requester'),
          column(db, s.subjectCode, 'subject'),
          column(db, s.subjectTitle, 'subject_title'),
          column(db, s.openedAtMs, 'opened_at_ms'),
        )
        .whereIn(s.id, [...ids]);
      return rows.map(
        (r) =>
          [
            `${process}|${r.case_id as string}`,
            {
              requesterDepartment: (r.requester as string | null) ?? null,
              subject: (r.subject as string | null) ?? null,
              subjectTitle: (r.subject_title as string | null) ?? null,
              openedAt: r.opened_at_ms == null ? null : localIso(r.opened_at_ms),
            },
          ] as const,
      );
    }),
  );
  return new Map(read.flat());
}

/**
 * The ids of a process's cases a search term names: by case id, by the
 * requesting department (its code or either of its names), or by the subject
 * (its code or title). A subquery, for `whereIn`.
 */
export function casesMatching(db: Db, spec: CaseSummarySpec, term: string): Knex.QueryBuilder {
  const pattern = containing(term);
  const like = (w: Knex.QueryBuilder, c: string) => w.orWhereRaw(`?? like ? escape '!'`, [c, pattern]);
  return spec
    .from(db)
    .select(spec.id)
    .where((w) => {
      like(w, spec.id);
      w.orWhereIn(
        spec.requester,
        db('departments')
          .select('code')
          .where((d) => {
            like(d, 'code');
            like(d, 'name');
            like(d, 'name_en');
          }),
      );
      if (spec.subjectCode) like(w, spec.subjectCode);
      if (spec.subjectTitle) like(w, spec.subjectTitle);
    });
}

/** The departments party to a case, or null when there is no such case. */
export async function caseParties(db: Db, spec: CaseSummarySpec, caseId: string): Promise<string[] | null> {
  const row: Record<string, unknown> | undefined = await spec
    .from(db)
    .where(spec.id, caseId)
    .first(spec.parties.map((c, i) => db.ref(c).as(`p${i}`)));
  if (!row) return null;
  return spec.parties.map((_, i) => row[`p${i}`] as string | null).filter((d): d is string => !!d);
}
