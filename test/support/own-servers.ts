/**
 * Servers a reliability test owns and may kill: a Temporal dev server and a
 * MariaDB server, each a child process on free ports with its state in a
 * temporary folder, so killing one (SIGKILL, as a crash would) and starting it
 * again on the same state touches no other test. Both stop and clean up in
 * `dispose`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import mysql from 'mysql2/promise';
import { devServerArgs } from '../../scripts/temporal-dev-server';
import { freePort } from '../../scripts/harness/free-port';
import { temporalCliPath } from '../../scripts/harness/servers';
import { waitFor } from './wait';

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export interface OwnServer {
  /** Kills the process with SIGKILL, as a crash would, and waits until it is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same state and port, and waits until it answers. */
  start(): Promise<void>;
  /** Stops it and removes its state. */
  dispose(): Promise<void>;
}

/** A process started again and again with the same command, killed on demand. */
function ownProcess(
  what: string,
  cmd: string,
  args: string[],
  dir: string,
  ready: () => Promise<boolean>,
): OwnServer {
  let child: ChildProcess | undefined;
  const log = path.join(dir, `${what.replace(/\W+/g, '-')}.log`);
  const kill = async () => {
    if (!child) return;
    child.kill('SIGKILL');
    await exited(child);
    child = undefined;
  };
  return {
    kill,
    async start() {
      const out = fs.openSync(log, 'a');
      child = spawn(cmd, args, { stdio: ['ignore', out, out] });
      fs.closeSync(out);
      const started = child;
      await waitFor(
        `${what} answering (log: ${log})`,
        async () => {
          if (started.exitCode !== null)
            throw new Error(
              `${what} exited with ${started.exitCode}:\n${fs.readFileSync(log, 'utf8').slice(-2000)}`,
            );
          return ready();
        },
        90_000,
      );
    },
    async dispose() {
      await kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A Temporal dev server of this test's own, its state in a SQLite file that survives a kill. */
export async function ownTemporalServer(): Promise<OwnServer & { address: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-temporal-'));
  const [port, uiPort] = [await freePort(), await freePort()];
  const address = `127.0.0.1:${port}`;
  const server = ownProcess(
    'Temporal dev server',
    temporalCliPath(),
    devServerArgs({ dbFile: path.join(dir, 'temporal.sqlite'), port, uiPort }),
    dir,
    async () => {
      const c = await Connection.connect({ address, connectTimeout: '1s' }).catch(() => null);
      if (!c) return false;
      await c.close();
      return true;
    },
  );
  await server.start();
  return { ...server, address };
}

function binary(names: string[], dirs = ['/usr/sbin', '/usr/bin']): string {
  for (const name of names) {
    const r = spawnSync('bash', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0) return r.stdout.trim();
    for (const d of dirs) if (fs.existsSync(path.join(d, name))) return path.join(d, name);
  }
  throw new Error(
    `${names[0]} is not installed: run the tests with 'npm test', which installs mariadb-server.`,
  );
}

/**
 * Whether MariaDB answers a query, not only accepts TCP: it listens before it
 * serves, and on a busy machine a client let in by the open port alone timed
 * out in its handshake.
 */
async function answersQueries(port: number): Promise<boolean> {
  const c = await mysql
    .createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 2000 })
    .catch(() => null);
  if (!c) return false;
  try {
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    c.destroy();
  }
}

/** A MariaDB server of this test's own (root without password, on 127.0.0.1 only); `url` has no database. */
export async function ownMariaDb(): Promise<OwnServer & { url: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-mariadb-'));
  const data = path.join(dir, 'data');
  const install = spawnSync(
    binary(['mariadb-install-db', 'mysql_install_db']),
    [
      '--no-defaults',
      `--datadir=${data}`,
      `--user=${os.userInfo().username}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ],
    { encoding: 'utf8' },
  );
  if (install.status !== 0) throw new Error(`mariadb-install-db failed:\n${install.stdout}${install.stderr}`);
  const port = await freePort();
  const server = ownProcess(
    'MariaDB',
    binary(['mariadbd', 'mysqld']),
    [
      '--no-defaults',
      `--datadir=${data}`,
      `--user=${os.userInfo().username}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${path.join(dir, 'mariadb.sock')}`,
      `--pid-file=${path.join(dir, 'mariadb.pid')}`,
      '--skip-log-bin',
      '--innodb-buffer-pool-size=64M',
    ],
    dir,
    () => answersQueries(port),
  );
  await server.start();
  return { ...server, url: `mysql://root@127.0.0.1:${port}` };
}
