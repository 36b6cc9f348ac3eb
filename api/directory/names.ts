/**
 * The names the API returns beside codes: a department's Chinese and English
 * names, a person's display name. Read from the directory (people who have
 * left included: the history still names them) and kept for a few seconds, so
 * a list of a hundred tasks costs two queries at most.
 */
import type { Db } from '../../db/connection';
import { listDepartments } from '../../db/directory-repository';

export interface LocalizedName {
  zh: string;
  en: string;
}

export interface Names {
  department(code: string | null): LocalizedName | null;
  person(username: string | null): string | null;
}

/** How long names are kept before the directory is read again. */
const KEEP_MS = 10_000;

const snapshots = new WeakMap<Db, { at: number; names: Promise<Names> }>();

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
export async function directoryNames(db: Db): Promise<Names> {
  const held = snapshots.get(db);
  if (held && Date.now() - held.at < KEEP_MS) return held.names;
  const names = read(db);
  snapshots.set(db, { at: Date.now(), names });
  names.catch(() => snapshots.delete(db)); // an unreachable database is not remembered
  return names;
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
