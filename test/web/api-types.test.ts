/**
 * The web app's API types (web/src/api/schema.d.ts) are the API's own
 * description: when a route's schema changes and the types are not generated
 * again (`npm run api-types`), this fails, and so does `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const SCHEMA = path.join(ROOT, 'web', 'src', 'api', 'schema.d.ts');

/** Runs `npm run api-types -- --check` on a file (openapi-typescript is ES modules only: its own process). */
function check(file: string) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'scripts', 'api-types.ts'), '--check', '--file', file],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' } },
  );
}

it('the committed web types are what /api/openapi.json describes now', () => {
  const run = check(SCHEMA);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
});

it('notices when they drift: a field the API no longer has', () => {
  const drifted = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'api-types-')), 'schema.d.ts');
  fs.writeFileSync(drifted, fs.readFileSync(SCHEMA, 'utf8').replace('purpose: string;', 'purpose: number;'));
  const run = check(drifted);
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('is out of date with the API: run `npm run api-types`');
});
