/**
 * `npm run archive-logs` as an operator runs it on the embedded database: it
 * says which policy sets the period, archives what is past it with progress
 * lines, leaves the rest, and `-- --verify` checks every archive file.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { appendAudit } from '../../db/log-repository';
import { ZONE } from '../../domain/calendar/working-days';
import { createTestDb, type TestDb } from '../../scripts/harness/databases';

const ROOT = path.resolve(__dirname, '..', '..');
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb('sqlite', { demo: false });
  const at = (years: number) => DateTime.now().setZone(ZONE).minus({ years, days: 10 }).toISO()!;
  for (const [n, years] of [
    [1, 3],
    [2, 3],
    [3, 0],
  ])
    await appendAudit(t.db, {
      id: `cli#${n}`,
      at: at(years),
      actor: 'zhangwei',
      actorDepartment: 'civil-affairs',
      action: 'resource.read',
      entityType: 'resource',
      entityId: 'GA-RK-001',
      ip: null,
    });
});
afterAll(() => t?.drop());

function run(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, SQLITE_FILE: t.location, NODE_ENV: 'development' };
  delete env.DATABASE_URL; // the embedded database, as on a newcomer's machine
  return spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['runtime/archive-logs.ts', ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
}

it('archives the rows past the period with progress output, and verifies the archive', () => {
  const archived = run();
  expect(archived.stderr).toBe('');
  expect(archived.status).toBe(0);
  expect(archived.stdout).toMatch(/policy panzhihua-2019@\d+: logs are kept at least 2 years \(art\. 33\)/);
  expect(archived.stdout).toMatch(
    /audit: archived positions 1–2 \(2 rows, logged before \d{4}-\d{2}-\d{2}\)/,
  );
  expect(archived.stdout).toMatch(/exchange: nothing logged before .* is left to archive/);
  const dir = path.join(path.dirname(t.location), 'log-archives');
  expect(fs.readdirSync(dir)).toEqual(['audit-000000000001-000000000002.jsonl.gz']);

  const verified = run('--verify');
  expect(verified.status).toBe(0);
  expect(verified.stdout).toContain('audit-000000000001-000000000002.jsonl.gz: intact (2 rows)');
});
