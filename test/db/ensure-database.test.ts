import { randomUUID } from 'node:crypto';
import knex from 'knex';
import { ensureDatabaseExists } from '../../db/ensure-database';

const server = () => (process.env.TEST_MYSQL_URL as string).replace(/\/+$/, '');

it('creates the database named in DATABASE_URL when the server does not have it yet, in utf8mb4', async () => {
  const name = `govshare_e_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await ensureDatabaseExists({ client: 'mysql2', url: `${server()}/${name}`, poolMax: 1 });
  await ensureDatabaseExists({ client: 'mysql2', url: `${server()}/${name}`, poolMax: 1 }); // twice is fine
  const admin = knex({ client: 'mysql2', connection: { uri: server() } as never });
  try {
    const [rows] = await admin.raw(
      'SELECT DEFAULT_CHARACTER_SET_NAME AS cs FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = ?',
      [name],
    );
    expect(rows).toEqual([{ cs: 'utf8mb4' }]);
  } finally {
    await admin.raw(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.destroy();
  }
});

it('says what to do when it cannot reach or create the database', async () => {
  await expect(
    ensureDatabaseExists({ client: 'mysql2', url: 'mysql://nobody:wrong@127.0.0.1:3306/zzz', poolMax: 1 }),
  ).rejects.toThrow(/cannot use database "zzz" at 127\.0\.0\.1:3306: .*Access denied.*CREATE DATABASE `zzz`/);
});
