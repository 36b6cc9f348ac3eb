/**
 * Reads kept for a few seconds per database, for what is shown beside many rows and seldom
 * changes (the directory's names, the working calendar): a list reads them once, not once a
 * request. A failed read is not kept; `forget` drops a database's copies once this process has
 * changed what they hold, and another process sees a change when its copy lapses.
 */
import type { Db } from './connection';

export interface KeptReads<T> {
  /** What `read` gave for `key` at most `keepMs` ago, else a fresh read. */
  get(db: Db, key: string, read: () => Promise<T>): Promise<T>;
  /** Drops every copy kept for `db`. */
  forget(db: Db): void;
}

export function keptReads<T>(keepMs: number): KeptReads<T> {
  const kept = new WeakMap<Db, Map<string, { at: number; value: Promise<T> }>>();
  return {
    get(db, key, read) {
      let held = kept.get(db);
      if (!held) kept.set(db, (held = new Map()));
      const copy = held.get(key);
      if (copy && Date.now() - copy.at < keepMs) return copy.value;
      const value = read();
      held.set(key, { at: Date.now(), value });
      value.catch(() => held.delete(key)); // an unreachable database is not remembered
      return value;
    },
    forget: (db) => kept.delete(db),
  };
}
