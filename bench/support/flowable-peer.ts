/**
 * The Flowable peer (bench/peer/flowable) as a process of its own: the embedded engine on
 * PostgreSQL behind HTTP. Its database is made on start if missing and dropped by `stop`.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { PostgresLogin } from '../../scripts/provision';
import { waitUntil } from '../../scripts/child-processes';
import { stopChild } from '../../scripts/stop-child';

export interface FlowablePeer {
  base: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startFlowablePeer(opts: {
  classpath: string;
  postgres: PostgresLogin;
  database: string;
  port: number;
}): Promise<FlowablePeer> {
  const { postgres: pg } = opts;
  let output = '';
  const proc = spawn('java', ['-Xmx1g', '-cp', opts.classpath, 'govshare.peer.PeerServer'], {
    env: {
      ...process.env,
      PEER_PORT: String(opts.port),
      PEER_JDBC_URL: `jdbc:postgresql://${pg.host}:${pg.port}/${opts.database}`,
      PEER_DB_USER: pg.user,
      PEER_DB_PASSWORD: pg.password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (b: Buffer) => (output = (output + b.toString()).slice(-4000));
  proc.stdout.on('data', keep);
  proc.stderr.on('data', keep);
  const base = `http://127.0.0.1:${opts.port}`;
  try {
    await waitUntil(
      'The Flowable peer',
      async () => {
        if (proc.exitCode !== null) throw new Error(`the Flowable peer exited: ${output}`);
        return (await fetch(`${base}/healthz`)).ok;
      },
      120,
    );
  } catch (err) {
    proc.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${output}`);
  }
  return {
    base,
    pid: proc.pid!,
    async stop() {
      await stopChild(proc);
      // The password goes on psql's environment, never its command line.
      spawnSync(
        'psql',
        [
          '-h',
          pg.host,
          '-p',
          String(pg.port),
          '-U',
          pg.user,
          '-d',
          'postgres',
          '-c',
          `DROP DATABASE IF EXISTS ${opts.database}`,
        ],
        { env: { ...process.env, PGPASSWORD: pg.password }, stdio: 'ignore' },
      );
    },
  };
}
