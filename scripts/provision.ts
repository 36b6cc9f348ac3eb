/**
 * Finds or provisions what govshare runs on, with progress output:
 * - the Temporal CLI (dev server): `temporal` on PATH or TEMPORAL_CLI, else built once
 *   with `go install` into the git-ignored .tools/bin;
 * - Temporal's Java time-skipping test server, fetched by Maven into .tools/test-server;
 * - MariaDB for tests: Debian's mariadb-server, installed and started when nothing answers.
 * A prerequisite that cannot be provisioned fails with a message that says what to install.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { portAnswers } from './port-answers';
import cluster from '../temporal-config/cluster/cluster.json';
import devServer from '../temporal-config/dev-server.json';

export const ROOT = path.resolve(__dirname, '..');
export const TOOLS = path.join(ROOT, '.tools');
export const TEST_SERVER_SCRIPT = path.join(ROOT, 'temporal-config', 'test-server', 'test-server.sh');

export class ProvisionError extends Error {}

const say = (line: string) => process.stdout.write(`provision: ${line}\n`);

function which(cmd: string): string | null {
  const r = spawnSync('bash', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Runs a command, printing a progress line every 15 s; rejects with its output tail on failure. */
function run(
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; what: string; cwd?: string },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(cmd, args, {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    let lines = 0;
    const keep = (b: Buffer) => {
      tail = (tail + b.toString()).slice(-4000);
      lines += b.toString().split('\n').length - 1;
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setInterval(
      () =>
        say(
          `${opts.what}: still working (${Math.round((Date.now() - started) / 1000)} s, ${lines} lines of output)`,
        ),
      15000,
    );
    child.on('error', (err) => {
      clearInterval(timer);
      reject(new ProvisionError(`${opts.what}: could not run ${cmd}: ${err.message}`));
    });
    child.on('close', (code) => {
      clearInterval(timer);
      if (code === 0) {
        say(`${opts.what}: done in ${Math.round((Date.now() - started) / 1000)} s`);
        resolve();
      } else reject(new ProvisionError(`${opts.what} failed (exit ${code}):\n${tail}`));
    });
  });
}

/** Installs Debian packages with apt-get (as root), with progress output. */
async function aptInstall(...packages: string[]): Promise<void> {
  await run('apt-get', ['update'], { what: 'apt-get update' });
  await run('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
    what: `${packages.join(' ')} install`,
    env: { DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/** The Temporal CLI: TEMPORAL_CLI, `temporal` on PATH, the cached build, or a fresh `go install`. */
export async function ensureTemporalCli(): Promise<string> {
  const fromEnv = process.env.TEMPORAL_CLI;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new ProvisionError(`TEMPORAL_CLI=${fromEnv} does not exist.`);
    return fromEnv;
  }
  const onPath = which('temporal');
  if (onPath) return onPath;
  const cached = path.join(TOOLS, 'bin', 'temporal');
  if (fs.existsSync(cached)) return cached;
  if (!which('go')) {
    throw new ProvisionError(
      `The Temporal CLI is missing and Go is not installed to build it. Install Go (apt-get install golang) or put 'temporal' on PATH / set TEMPORAL_CLI.`,
    );
  }
  say(`building the Temporal CLI ${devServer.cliVersion} with go install (first time only: a few minutes)…`);
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  await run('go', ['install', '-v', `${devServer.cliModule}@${devServer.cliVersion}`], {
    env: { GOBIN: path.dirname(cached), GOFLAGS: '-mod=mod' },
    what: 'Temporal CLI build',
  });
  if (!fs.existsSync(cached)) throw new ProvisionError(`go install finished but ${cached} is missing.`);
  return cached;
}

/** The Temporal server and its SQL tool (which carries the server's schemas), built from the server's Go module. */
export interface TemporalServerTools {
  server: string;
  sqlTool: string;
}

/**
 * The real Temporal server (`temporal-server`) and `temporal-sql-tool`, built once with
 * `go install` from the module in temporal-config/cluster/cluster.json into .tools/bin, as the
 * CLI is. The tool carries the module's schema/ folder, so no checkout of it is needed.
 */
export async function ensureTemporalServer(): Promise<TemporalServerTools> {
  const bin = path.join(TOOLS, 'bin');
  const server = path.join(bin, 'temporal-server');
  const sqlTool = path.join(bin, 'temporal-sql-tool');
  if (!which('go'))
    throw new ProvisionError(
      `Go is missing: it builds the Temporal server ${cluster.serverVersion} for the cluster (apt-get install golang).`,
    );
  if (!fs.existsSync(server) || !fs.existsSync(sqlTool)) {
    say(
      `building the Temporal server ${cluster.serverVersion} and its SQL tool with go install (first time only: a few minutes)…`,
    );
    const staging = path.join(TOOLS, 'go-build');
    fs.mkdirSync(staging, { recursive: true });
    await run(
      'go',
      [
        'install',
        '-v',
        `${cluster.serverModule}/cmd/server@${cluster.serverVersion}`,
        `${cluster.serverModule}/cmd/tools/sql@${cluster.serverVersion}`,
      ],
      { env: { GOBIN: staging, GOFLAGS: '-mod=mod' }, what: 'Temporal server build' },
    );
    fs.mkdirSync(bin, { recursive: true });
    fs.renameSync(path.join(staging, 'server'), server);
    fs.renameSync(path.join(staging, 'sql'), sqlTool);
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return { server, sqlTool };
}

/** A PostgreSQL role for Temporal's stores, as connection settings. */
export interface PostgresLogin {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** The login as the TEST_POSTGRES_URL the cluster tests and benchmarks read (passed in the environment, never printed). */
export function postgresUrl(pg: PostgresLogin): string {
  return `postgres://${encodeURIComponent(pg.user)}:${encodeURIComponent(pg.password)}@${pg.host}:${pg.port}`;
}

/** The login a postgres://user:password@host:port URL names. */
export function postgresLogin(url: string): PostgresLogin {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  };
}

/**
 * PostgreSQL for the Temporal cluster: Debian's `postgresql`, installed and started when
 * nothing answers, with the login in cluster.json allowed to create databases.
 * TEST_POSTGRES_URL (postgres://user:password@host:port) names another server instead.
 */
export async function ensurePostgres(): Promise<PostgresLogin> {
  if (process.env.TEST_POSTGRES_URL) return postgresLogin(process.env.TEST_POSTGRES_URL);
  const pg = cluster.postgres;
  const isRoot = process.getuid?.() === 0;
  if (!(await portAnswers(pg.host, pg.port))) {
    if (!which('pg_ctlcluster')) {
      if (!isRoot)
        throw new ProvisionError(
          `No PostgreSQL answers on ${pg.host}:${pg.port} and none is installed: apt-get install postgresql, or set TEST_POSTGRES_URL.`,
        );
      say("installing Debian's postgresql (apt-get)…");
      await aptInstall('postgresql');
    }
    say('starting PostgreSQL…');
    await run('service', ['postgresql', 'start'], { what: 'PostgreSQL start' });
    if (!(await waitForPort(pg.host, pg.port, 60)))
      throw new ProvisionError(
        `PostgreSQL was started but does not answer on ${pg.host}:${pg.port} after 60 s; see /var/log/postgresql.`,
      );
  }
  if (isRoot && which('runuser') && which('psql')) {
    // The postgres superuser connects through the socket (peer auth); make sure the login exists.
    const sql = `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${pg.user}') THEN CREATE ROLE ${pg.user} LOGIN CREATEDB PASSWORD '${pg.password}'; END IF; END $$;`;
    // Through psql's standard input: the password never shows on a command line (ps).
    const r = spawnSync('runuser', ['-u', 'postgres', '--', 'psql', '-q', '-v', 'ON_ERROR_STOP=1'], {
      encoding: 'utf8',
      cwd: '/',
      input: sql,
    });
    if (r.status !== 0)
      say(`could not create the PostgreSQL login as postgres (${r.stderr.trim()}); assuming it exists`);
  }
  return { host: pg.host, port: pg.port, user: pg.user, password: pg.password };
}

/** The Java time-skipping test server's jars, fetched from Maven Central; returns the wrapper script. */
export async function ensureTestServer(): Promise<string> {
  const lib = path.join(TOOLS, 'test-server', 'lib');
  const present =
    fs.existsSync(lib) && fs.readdirSync(lib).some((f) => f.startsWith('temporal-test-server-'));
  if (!which('java'))
    throw new ProvisionError(
      'Java is missing: the Temporal test server needs a JRE 11+ (apt-get install default-jre-headless).',
    );
  if (!present) {
    if (!which('mvn'))
      throw new ProvisionError(
        'Maven is missing: it fetches the Temporal test server (apt-get install maven).',
      );
    say('fetching the Temporal time-skipping test server from Maven Central…');
    await run(
      'mvn',
      [
        '-B',
        '-q',
        '-f',
        path.join(ROOT, 'temporal-config', 'test-server', 'pom.xml'),
        'dependency:copy-dependencies',
        `-DoutputDirectory=${lib}`,
        '-DincludeScope=runtime',
      ],
      { what: 'Temporal test server fetch' },
    );
  }
  return TEST_SERVER_SCRIPT;
}

/**
 * The peer benchmark's Flowable server (bench/peer/flowable), built with Maven from Maven Central;
 * returns its Java classpath. Maven builds only what changed, so a second run takes seconds.
 */
export async function ensureFlowablePeer(): Promise<string> {
  const project = path.join(ROOT, 'bench', 'peer', 'flowable');
  for (const cmd of ['java', 'mvn'])
    if (!which(cmd))
      throw new ProvisionError(
        `${cmd} is missing: the Flowable peer needs Java 17 and Maven (apt-get install maven).`,
      );
  say('building the Flowable peer (bench/peer/flowable) with Maven…');
  await run('mvn', ['-B', '-q', '-f', path.join(project, 'pom.xml'), 'package'], {
    what: 'Flowable peer build',
  });
  return [path.join(project, 'target', 'classes'), path.join(project, 'target', 'dependency', '*')].join(':');
}

async function waitForPort(host: string, port: number, seconds: number): Promise<boolean> {
  for (let i = 0; i < seconds * 4; i += 1) {
    if (await portAnswers(host, port)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

const TEST_DB_USER = 'govshare';
const TEST_DB_PASSWORD = 'govshare';

/**
 * A MariaDB/MySQL server for tests, as a URL without database name
 * (tests create their own databases). TEST_MYSQL_URL overrides everything.
 */
export async function ensureMariaDb(): Promise<string> {
  if (process.env.TEST_MYSQL_URL) return process.env.TEST_MYSQL_URL.replace(/\/+$/, '');
  const url = `mysql://${TEST_DB_USER}:${TEST_DB_PASSWORD}@127.0.0.1:3306`;
  const isRoot = process.getuid?.() === 0;
  if (!(await portAnswers('127.0.0.1', 3306))) {
    if (!which('mariadbd') && !which('mysqld')) {
      if (!isRoot)
        throw new ProvisionError(
          'No MariaDB/MySQL answers on 127.0.0.1:3306 and none is installed: apt-get install mariadb-server, or set TEST_MYSQL_URL.',
        );
      say("installing Debian's mariadb-server (apt-get)…");
      await aptInstall('mariadb-server');
    }
    say('starting MariaDB…');
    if (fs.existsSync('/etc/init.d/mariadb') && isRoot) {
      await run('service', ['mariadb', 'start'], { what: 'MariaDB start' });
    } else {
      const child = spawn(which('mysqld_safe') ?? 'mysqld_safe', [], { detached: true, stdio: 'ignore' });
      child.unref();
    }
    if (!(await waitForPort('127.0.0.1', 3306, 60)))
      throw new ProvisionError(
        'MariaDB was started but does not answer on 127.0.0.1:3306 after 60 s; see /var/log/mysql.',
      );
  }
  if (isRoot && (which('mariadb') || which('mysql'))) {
    // Root connects through the socket (unix_socket auth); make sure the test user exists.
    const sql = [
      `CREATE USER IF NOT EXISTS '${TEST_DB_USER}'@'localhost' IDENTIFIED BY '${TEST_DB_PASSWORD}'`,
      `CREATE USER IF NOT EXISTS '${TEST_DB_USER}'@'127.0.0.1' IDENTIFIED BY '${TEST_DB_PASSWORD}'`,
      `GRANT ALL PRIVILEGES ON *.* TO '${TEST_DB_USER}'@'localhost'`,
      `GRANT ALL PRIVILEGES ON *.* TO '${TEST_DB_USER}'@'127.0.0.1'`,
      'FLUSH PRIVILEGES',
    ].join('; ');
    const r = spawnSync(which('mariadb') ?? 'mysql', ['-uroot', '-e', sql], { encoding: 'utf8' });
    if (r.status !== 0)
      say(`could not create the test user as root (${r.stderr.trim()}); assuming it exists`);
  }
  return url;
}

function hasChineseFont(): boolean {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().length > 0;
}

/**
 * Debian's Chromium for the browser tests (never a test tool's own browser
 * download), and a Chinese font so pages and screenshots show Chinese, not
 * boxes. CHROMIUM_PATH overrides the browser.
 */
export async function ensureChromium(): Promise<string> {
  const found =
    process.env.CHROMIUM_PATH ??
    which('chromium') ??
    (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null);
  const missing = [...(found ? [] : ['chromium']), ...(hasChineseFont() ? [] : ['fonts-noto-cjk'])];
  if (missing.length === 0) return found!;
  if (process.getuid?.() !== 0)
    throw new ProvisionError(
      `Missing for the browser tests: apt-get install ${missing.join(' ')} (Debian's packages).`,
    );
  say(`installing Debian's ${missing.join(' and ')} (apt-get)…`);
  await aptInstall(...missing);
  return found ?? which('chromium') ?? '/usr/bin/chromium';
}

/** A command from the Debian package of the same name: on PATH, or installed with apt-get (as root). */
async function ensureDebianCommand(command: string): Promise<string> {
  const found = which(command);
  if (found) return found;
  if (process.getuid?.() !== 0)
    throw new ProvisionError(`${command} is missing: apt-get install ${command} (Debian's package).`);
  say(`installing Debian's ${command} (apt-get)…`);
  await aptInstall(command);
  return which(command) ?? `/usr/bin/${command}`;
}

/**
 * Debian's faketime (libfaketime), which sets the clock the tests' own
 * processes read, for `npm run test:dates`.
 */
export const ensureFaketime = (): Promise<string> => ensureDebianCommand('faketime');

/** Debian's openssl, which makes the certificates of the mTLS cluster test. */
export const ensureOpenssl = (): Promise<string> => ensureDebianCommand('openssl');

/** The newest modification time under a folder (files only), in ms. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The browser app built into web/dist (Vite), as the API serves it. Skipped
 * when the build is newer than every source file, so a running server (or a
 * test beside it) never sees web/dist emptied by a needless rebuild.
 */
export async function buildWebApp(): Promise<void> {
  const web = path.join(ROOT, 'web');
  const index = path.join(web, 'dist', 'index.html');
  const sources = Math.max(
    newestMtime(path.join(web, 'src')),
    ...['index.html', 'vite.config.ts', 'package.json'].map((f) => fs.statSync(path.join(web, f)).mtimeMs),
  );
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs > sources) return;
  say('building the web app (vite)…');
  await run(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    {
      what: 'web app build',
      cwd: web,
    },
  );
}
