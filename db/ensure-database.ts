/**
 * Creates the MySQL/MariaDB database named in DATABASE_URL when it does not
 * exist yet (utf8mb4), so `npm start` and `npm run migrate` work against a bare
 * server. Without the privilege to create it, says what to run.
 */
import knex from 'knex';
import type { Config } from '../runtime/config';

export async function ensureDatabaseExists(database: Config['database']): Promise<void> {
  if (database.client !== 'mysql2') return;
  const url = new URL(database.url);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  url.pathname = '/';
  const admin = knex({
    client: 'mysql2',
    connection: { uri: url.toString(), connectTimeout: 5000 } as never,
    pool: { min: 0, max: 1 },
  });
  try {
    const [rows] = await admin.raw(
      'SELECT SCHEMA_NAME AS name FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = ?',
      [name],
    );
    if ((rows as unknown[]).length > 0) return;
    await admin.raw(
      `CREATE DATABASE \`${name.replace(/`/g, '``')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } catch (err) {
    throw new Error(
      `cannot use database "${name}" at ${url.host}: ${(err as Error).message}. ` +
        `Check DATABASE_URL, or create it: CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;`,
    );
  } finally {
    await admin.destroy();
  }
}
