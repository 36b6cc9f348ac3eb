/**
 * `npm run bench` stopped with Ctrl-C midway leaves no test database and no Temporal dev server
 * behind: what the harness made and has not undone yet is undone on SIGINT, saying so, and the
 * run exits 130.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import knex from 'knex';
import { portAnswers } from '../../scripts/port-answers';

const ROOT = path.resolve(__dirname, '..', '..');

/** Whether the dev server at host:port accepts connections. */
const answers = (address: string) =>
  portAnswers(address.slice(0, address.lastIndexOf(':')), Number(address.split(':').pop()));

it('undoes the database and the dev server a harness made when it is interrupted midway', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/interrupted-harness.ts'], {
    cwd: ROOT,
    env: process.env,
  });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  const { database, server: devServer } = await new Promise<{ database: string; server: string }>(
    (resolve, reject) => {
      child.stdout.on('data', () => {
        const line = output.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve(JSON.parse(line) as { database: string; server: string });
      });
      child.once('exit', () => reject(new Error(`the harness exited early: ${output}`)));
    },
  );
  const server = knex({ client: 'mysql2', connection: { uri: process.env.TEST_MYSQL_URL } as never });
  try {
    const exists = async () => (await server.raw('SHOW DATABASES LIKE ?', [database]))[0].length > 0;
    expect(await exists()).toBe(true);
    expect(await answers(devServer)).toBe(true);

    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(output).toContain(`undoing the test database ${database}`);
    expect(await exists()).toBe(false);
    expect(output).toContain('undoing the Temporal dev server');
    expect(await answers(devServer)).toBe(false);
  } finally {
    await server.destroy();
  }
}, 60_000);
