/**
 * `npm start` as a newcomer runs it: Temporal dev server, migrated and seeded
 * database, worker and API; it prints the URLs and demo logins, Ctrl-C stops
 * every child, and a second start reuses the data. Own ports and files, so it
 * does not disturb a running copy.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../scripts/harness/free-port';

const ROOT = path.resolve(__dirname, '..', '..');

interface Run {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startGovshare(env: NodeJS.ProcessEnv): Run {
  let out = '';
  const proc = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (b) => (out += b.toString()));
  proc.stderr!.on('data', (b) => (out += b.toString()));
  const run = {
    proc,
    output: () => out,
    exited: new Promise<number | null>((r) => proc.on('exit', (code) => r(code))),
  };
  runs.push(run);
  return run;
}

async function waitForText(run: Run, text: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!run.output().includes(text)) {
    if (Date.now() > until || run.proc.exitCode !== null) {
      // The API's own lines first: the worker's bundling output can bury them in a long log.
      const apiLines = run
        .output()
        .split('\n')
        .filter((l) => l.includes('"govshare-api"'))
        .map((l) => l.slice(0, 300));
      throw new Error(
        `npm start did not print "${text}" (exit code ${run.proc.exitCode}).\n` +
          `The API's log lines:\n${apiLines.join('\n')}\nAll output:\n${run.output()}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The local addresses listening on `port`, read from the kernel's socket tables (no traffic sent). */
function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== '0A' || !local) continue; // 0A: LISTEN
      const [hex, portHex] = local.split(':');
      if (parseInt(portHex, 16) !== port) continue;
      if (hex.length === 8)
        found.push(
          (hex.match(/../g) as string[])
            .reverse()
            .map((b) => parseInt(b, 16))
            .join('.'),
        );
      else found.push(/^0+$/.test(hex) ? '::' : hex === '00000000000000000000000001000000' ? '::1' : hex);
    }
  }
  return found;
}

/** Processes whose command line mentions `marker` (our temp dir), other than this test. */
function processesWith(marker: string): string[] {
  const r = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return r.stdout.split('\n').filter((l) => l.includes(marker));
}

let dir: string;
const runs: Run[] = [];

afterAll(async () => {
  // On a failure, still leave nothing running: Ctrl-C, then kill what mentions our folder.
  for (const run of runs) {
    if (run.proc.exitCode === null) {
      run.proc.kill('SIGINT');
      await Promise.race([run.exited, new Promise((r) => setTimeout(r, 15_000))]);
    }
  }
  if (dir) spawnSync('pkill', ['-9', '-f', dir]);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

it('starts everything, prints URLs and demo logins, stops every child on Ctrl-C, and restarts on the same data', async () => {
  try {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-start-'));
    const [port, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort()];
    const env = {
      PORT: String(port),
      TEMPORAL_DEV_PORT: String(temporalPort),
      TEMPORAL_DEV_UI_PORT: String(uiPort),
      TEMPORAL_DEV_DB_FILE: path.join(dir, 'temporal.sqlite'),
      SQLITE_FILE: path.join(dir, 'govshare.sqlite'),
    };

    // Request lines are logged at info: the first run shows them, so the test can see what they hold.
    const first = startGovshare({ ...env, LOG_LEVEL: 'info' });
    await waitForText(first, 'Press Ctrl-C to stop.', 100_000);
    const banner = first.output();
    expect(banner).toContain(`API          http://localhost:${port}/api`);
    expect(banner).toContain(`API docs     http://localhost:${port}/api/docs`);
    expect(banner).toContain(`Temporal UI  http://localhost:${uiPort}`);
    expect(banner).toMatch(/lina\s+李娜\s+市公安局\s+提供部门审核人/);
    expect(await (await fetch(`http://localhost:${port}/healthz`)).json()).toMatchObject({ status: 'ok' });
    // Dev sign-in lets anyone be anyone: by default the API answers on this machine's loopback only.
    expect(listeningAddresses(port)).toEqual(['127.0.0.1']);
    const login = await fetch(`http://localhost:${port}/api/auth/dev-login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'chenjing' }),
    });
    expect(login.status).toBe(200);
    // The token is used, and the request is logged, but the log never holds the token or the cookie.
    const { token } = (await login.json()) as { token: string };
    const me = await fetch(`http://localhost:${port}/api/me`, {
      headers: { Authorization: `Bearer ${token}`, Cookie: 'session=s3cr3t-cookie-value' },
    });
    expect(me.status).toBe(200);
    // The worker may still be bundling on a busy machine: the line can take a while, never forever.
    await waitForText(first, '"url":"/api/me"', 30_000);
    expect(first.output()).not.toContain(token);
    expect(first.output()).not.toContain(token.split('.')[2]); // not even the signature alone
    expect(first.output()).not.toContain('s3cr3t-cookie-value');
    expect(first.output()).toContain('"authorization":"[redacted]"');

    first.proc.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(processesWith(dir)).toEqual([]);
    await expect(fetch(`http://localhost:${port}/healthz`)).rejects.toThrow();
    expect(fs.existsSync(path.join(dir, 'temporal.sqlite'))).toBe(true);

    const second = startGovshare(env);
    await waitForText(second, 'Press Ctrl-C to stop.', 100_000);
    expect(second.output()).not.toContain('calendar seeded'); // the data was kept
    expect(second.output()).toContain('schema up to date');
    second.proc.kill('SIGINT');
    expect(await second.exited).toBe(0);
    expect(processesWith(dir)).toEqual([]);
  } catch (err) {
    // A step that fails after npm start began: what it printed says which child stopped, and why.
    const printed = runs.map((r, n) => `npm start #${n + 1} printed:\n${r.output().slice(-8000)}`);
    (err as Error).message += `\n${printed.join('\n')}`;
    throw err;
  }
}, 240_000);
