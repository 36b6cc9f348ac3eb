/**
 * Idempotent inserts: a row already stored under the same key is left as it
 * is, and every other failure still fails.
 *
 * knex's `.onConflict(key).ignore()` is `INSERT IGNORE` on MySQL/MariaDB,
 * which turns any error of the statement into a warning: a foreign key that
 * points nowhere or a missing NOT NULL value then stores nothing, and the
 * caller carries on as if its row were there. On MySQL the duplicate is
 * therefore "updated" to itself (`ON DUPLICATE KEY UPDATE k = k`, which
 * changes nothing); SQLite's `ON CONFLICT (key) DO NOTHING` already ignores
 * that conflict only.
 */
import type { Knex } from 'knex';
import { isMysql } from './connection';

/** `insert` (an INSERT query) that keeps the row stored under `key` if there is one. */
export function insertOnce(insert: Knex.QueryBuilder, key: string | readonly string[]): Knex.QueryBuilder {
  const columns = typeof key === 'string' ? [key] : [...key];
  const conflict = insert.onConflict(columns);
  if (!isMysql(insert)) return conflict.ignore();
  return conflict.merge({ [columns[0]]: insert.client.raw('??', [columns[0]]) });
}
