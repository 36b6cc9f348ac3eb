/**
 * One knex instance per process: MySQL/MariaDB via mysql2 when DATABASE_URL is
 * set, otherwise the embedded SQLite file (better-sqlite3).
 */
import fs from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import type { Config } from '../runtime/config';

export type Db = Knex;

export function createDb(database: Config['database']): Db {
  if (database.client === 'mysql2') {
    return knex({
      client: 'mysql2',
      connection: {
        uri: database.url,
        charset: 'utf8mb4',
        supportBigNumbers: true,
        bigNumberStrings: false,
        connectTimeout: 5000,
      } as Knex.MySql2ConnectionConfig,
      pool: { min: 0, max: database.poolMax },
      acquireConnectionTimeout: 5000,
    });
  }
  fs.mkdirSync(path.dirname(database.file), { recursive: true });
  return knex({
    client: 'better-sqlite3',
    connection: { filename: database.file },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: { pragma(sql: string): unknown }, done: (err: Error | null, conn: unknown) => void) {
        // WAL lets the API and the worker (separate processes) share the file.
        conn.pragma('journal_mode = WAL');
        conn.pragma('busy_timeout = 5000');
        conn.pragma('foreign_keys = ON');
        done(null, conn);
      },
    },
  });
}

/**
 * Runs `fn` in a transaction: `db`'s own when it is one already, so a write made inside a caller's
 * transaction costs no savepoint (two statements) and lands with the rest or not at all; else a
 * new one.
 */
export function inTransaction<T>(db: Db, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Knex.Transaction) : db.transaction(fn);
}

/** Whether a connection, a transaction or a query builder speaks to MySQL/MariaDB. */
export function isMysql(db: Pick<Db, 'client'>): boolean {
  return db.client.config.client === 'mysql2';
}
