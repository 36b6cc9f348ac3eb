/**
 * A temporary folder for one test or benchmark run, given to what the run starts as TMPDIR: the
 * files its tests and benchmarks make in the temporary folder (log-signing keys, certificates,
 * uploaded attachments, servers' data) go with the run, also those a test does not remove itself.
 * A run killed before its end leaves its folder; the next run removes each one whose process has
 * gone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PREFIX = 'govshare-run-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the folders of runs whose process has gone; returns how many. */
export function removeAbandonedRunFolders(base = os.tmpdir()): number {
  let removed = 0;
  for (const name of fs.readdirSync(base)) {
    const pid = name.startsWith(PREFIX) ? Number(name.slice(PREFIX.length).split('-')[0]) : NaN;
    if (!Number.isInteger(pid) || pid <= 0 || alive(pid)) continue;
    fs.rmSync(path.join(base, name), { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}

/** This process's run folder, made after removing those of runs that have gone. */
export function runTmpdir(base = os.tmpdir()): { dir: string; remove(): void } {
  removeAbandonedRunFolders(base);
  const dir = fs.mkdtempSync(path.join(base, `${PREFIX}${process.pid}-`));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
