/**
 * What `npm start` and `npm run cluster` do with the demo city: migrate and seed its
 * database, build the web app, and print how to sign in as its people.
 */
import { createDb } from '../db/connection';
import { listUsers } from '../db/directory-repository';
import { ensureDatabaseExists } from '../db/ensure-database';
import { ROLE_NAMES } from '../domain/roles';
import type { Config } from '../runtime/config';
import { prepareDatabase } from '../runtime/migrate';
import { buildWebApp } from './provision';

export type DemoUsers = Awaited<ReturnType<typeof listUsers>>;

/** Migrates and seeds the database (created first on MariaDB), builds the web app; returns the people. */
export async function prepareDemoCity(config: Config, say: (line: string) => void): Promise<DemoUsers> {
  await ensureDatabaseExists(config.database);
  const db = createDb(config.database);
  try {
    await prepareDatabase(db, { demo: true, log: (l) => say(`database: ${l}`) });
    const users = await listUsers(db);
    await buildWebApp();
    return users;
  } finally {
    await db.destroy();
  }
}

export function demoLoginLines(base: string, users: DemoUsers): string[] {
  return [
    `Demo logins (no password in dev mode): curl -X POST ${base}/api/auth/dev-login -H 'Content-Type: application/json' -d '{"username":"lina"}'`,
    ...users.map(
      (u) =>
        `  ${u.username.padEnd(10)} ${u.displayName}  ${u.department.name}  ${u.roles.map((r) => ROLE_NAMES[r].zh).join('、')}`,
    ),
  ];
}
