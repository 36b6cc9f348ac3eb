/**
 * A test or benchmark run's temporary files go with it: `npm test` gives jest a folder of the
 * run's own as TMPDIR and removes it at the end, and a run killed before its end has its folder
 * removed by the next run (keys and certificates included).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { removeAbandonedRunFolders, runTmpdir } from '../../scripts/harness/run-tmpdir';

describe('the run folder', () => {
  it('npm test runs the tests in a temporary folder of its own', () => {
    expect(path.basename(os.tmpdir())).toMatch(/^govshare-run-\d+-/);
  });

  it('removes the folders of runs whose process has gone, and nothing else', () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'runs-'));
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    }).stdout;
    const abandoned = path.join(base, `govshare-run-${gone}-aBcDeF`);
    fs.mkdirSync(path.join(abandoned, 'govshare-bench-x'), { recursive: true });
    fs.writeFileSync(path.join(abandoned, 'govshare-bench-x', 'log-signing-key.pem'), 'key');
    const running = path.join(base, `govshare-run-${process.ppid}-GhIjKl`);
    fs.mkdirSync(running);
    const unrelated = path.join(base, 'govshare-attachments-MnOpQr');
    fs.mkdirSync(unrelated);

    expect(removeAbandonedRunFolders(base)).toBe(1);
    expect(fs.readdirSync(base).sort()).toEqual([path.basename(running), path.basename(unrelated)].sort());

    const own = runTmpdir(base);
    expect(path.basename(own.dir)).toMatch(new RegExp(`^govshare-run-${process.pid}-`));
    own.remove();
    expect(fs.existsSync(own.dir)).toBe(false);
  });
});
