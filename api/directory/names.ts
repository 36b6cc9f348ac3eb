/**
 * The names the API returns beside codes: a department's Chinese and English
 * names, a person's display name. Read from the directory (people who have
 * left included: the history still names them) and kept for a few seconds, so
 * a list of a hundred tasks costs two queries at most.
 */
import type { Db } from '../../db/connection';
import { listDepartments } from '../../db/directory-repository';
import { keptReads } from '../../db/kept-reads';

export interface LocalizedName {
  zh: string;
  en: string;
}

export interface Names {
  department(code: string | null): LocalizedName | null;
  person(username: string | null): string | null;
}

/** The directory's names, each database's kept ten seconds. */
const snapshots = keptReads<Names>(10_000);

async function read(db: Db): Promise<Names> {
  // Every user, not only the active ones listUsers gives: the history still names people who left.
  const [departments, people] = await Promise.all([
    listDepartments(db),
    db('users').select('username', 'display_name'),
  ]);
  const dept = new Map<string, LocalizedName>(departments.map((d) => [d.code, { zh: d.name, en: d.nameEn }]));
  const person = new Map<string, string>(
    people.map((p: Record<string, string>) => [p.username, p.display_name]),
  );
  return {
    department: (code) => (code === null ? null : (dept.get(code) ?? null)),
    person: (username) => (username === null ? null : (person.get(username) ?? null)),
  };
}

/** The directory's names, as of at most a few seconds ago. */
export function directoryNames(db: Db): Promise<Names> {
  return snapshots.get(db, 'names', () => read(db));
}

/** `x` with `<field>Name` beside each of the named department-code fields: e.g. providerDepartmentName. */
export function withDepartmentNames<T extends object, K extends keyof T & string>(
  x: T,
  names: Names,
  fields: readonly K[],
): T & { [F in K as `${F}Name`]: LocalizedName | null } {
  const added = Object.fromEntries(fields.map((f) => [`${f}Name`, names.department(x[f] as string | null)]));
  return { ...x, ...added } as T & { [F in K as `${F}Name`]: LocalizedName | null };
}
