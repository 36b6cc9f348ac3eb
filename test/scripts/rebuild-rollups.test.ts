/**
 * `npm run rebuild-rollups` as an operator runs it after an import on the
 * embedded database: `-- --check` names the rollups the import left behind,
 * with examples, and exits 1 without changing them; the rebuild recounts
 * them; the check then finds nothing; an unknown option is refused.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createTestDb, type TestDb } from '../../scripts/harness/databases';
import { HOUR, importOpenTasks, T0 } from '../support/task-fixtures';

const ROOT = path.resolve(__dirname, '..', '..');
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb('sqlite', { demo: false });
  await importOpenTasks(t, [{ workflowId: 'imported-9', caseId: 'IMPORTED-9', dueAtMs: T0 + 5 * HOUR }]);
});
afterAll(() => t?.drop());

function run(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, SQLITE_FILE: t.location, NODE_ENV: 'development' };
  delete env.DATABASE_URL;
  return spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['runtime/rebuild-rollups.ts', ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
}

it('reports drift without changing anything, recounts it, and then finds none', async () => {
  const checked = run('--check');
  expect(checked.stderr).toBe('');
  expect(checked.status).toBe(1);
  expect(checked.stdout).toContain('rebuild-rollups: comparing 6 rollups with a fresh count');
  expect(checked.stdout).toContain('open_task_groups: 1 row(s) differ, for example:');
  expect(checked.stdout).toContain(
    '{"role":"provider_reviewer","department_code":"audit-bureau"} stored {"n":0}, counted {"n":1}',
  );
  expect(checked.stdout).toContain('open_cases: 1 row(s) differ');
  expect(await t.db('open_task_groups').where('n', '>', 0)).toEqual([]);

  const rebuilt = run();
  expect(rebuilt.stderr).toBe('');
  expect(rebuilt.status).toBe(0);
  expect(rebuilt.stdout).toMatch(/rebuild-rollups: done in \d+\.\d s/);

  const again = run('--check');
  expect(again.status).toBe(0);
  expect(again.stdout).toContain('every rollup agrees with a fresh count');
});

it('refuses an option it does not know, changing nothing', () => {
  const typo = run('--chek');
  expect(typo.status).toBe(2);
  expect(typo.stderr).toContain('unknown option --chek (the one option is --check)');
});
