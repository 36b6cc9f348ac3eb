/**
 * Fresh, migrated databases for tests: a new MariaDB database (real server,
 * provisioned by npm test) or a new SQLite file. Each is dropped afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import knex from 'knex';
import { createDb, type Db } from '../../db/connection';
import { ensureDatabaseExists } from '../../db/ensure-database';
import { prepareDatabase } from '../../runtime/migrate';
import { tracking } from './leftovers';
import { testCalendarDataSet } from './test-calendar';

export type DbKind = 'mysql' | 'sqlite';

export interface TestDb {
  db: Db;
  kind: DbKind;
  /** The DATABASE_URL (mysql) or SQLITE_FILE (sqlite) of this database. */
  location: string;
  drop(): Promise<void>;
}

function mysqlServerUrl(): string {
  const url = process.env.TEST_MYSQL_URL;
  if (!url)
    throw new Error("TEST_MYSQL_URL is not set: run the tests with 'npm test', which provisions MariaDB.");
  return url.replace(/\/+$/, '');
}

export async function createTestDb(
  kind: DbKind,
  opts: { demo?: boolean; migrate?: boolean; server?: string } = {},
): Promise<TestDb> {
  let testDb: TestDb;
  if (kind === 'mysql') {
    const server = opts.server ?? mysqlServerUrl();
    const name = `govshare_t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const url = `${server}/${name}`;
    await ensureDatabaseExists({ client: 'mysql2', url, poolMax: 1 });
    const db = createDb({ client: 'mysql2', url, poolMax: 10 });
    testDb = {
      db,
      kind,
      location: url,
      drop: tracking(`the test database ${name}`, async () => {
        await db.destroy();
        const a = knex({ client: 'mysql2', connection: { uri: server } as never });
        await a.raw(`DROP DATABASE IF EXISTS \`${name}\``);
        await a.destroy();
      }),
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-test-'));
    const file = path.join(dir, 'govshare.sqlite');
    const db = createDb({ client: 'better-sqlite3', file });
    testDb = {
      db,
      kind,
      location: file,
      async drop() {
        await db.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (opts.migrate !== false)
    await prepareDatabase(testDb.db, { demo: opts.demo ?? true, calendar: testCalendarDataSet() });
  return testDb;
}
