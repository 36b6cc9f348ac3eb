/**
 * Running cases survive changes to workflow code. Each history in histories/
 * was recorded from a case the workflow tests ran (see record-histories.ts)
 * with the code of its day; every one must replay against today's workflows
 * without a nondeterminism error. A change that fails here needs `patched()`
 * (workflows/cases/patches.ts) or a new workflow type.
 */
import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { WORKFLOW_BUNDLER_OPTIONS, WORKFLOWS_PATH } from '../../runtime/workflow-bundle';
import { HISTORIES_DIR } from './record-histories';

const recorded = fs.readdirSync(HISTORIES_DIR).flatMap((dir) =>
  fs
    .readdirSync(path.join(HISTORIES_DIR, dir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ workflowId: f.replace(/\.json$/, ''), file: path.join(HISTORIES_DIR, dir, f) })),
);

it('has histories of every main path to replay', () => {
  // granted at once, denied, withdrawn, escalated, art. 22, correction round 2, reform sanctions, dispute ruling
  expect(recorded.length).toBeGreaterThanOrEqual(18);
});

it('replays every recorded history against the current workflow code', async () => {
  // Each under its own workflow id: the code reads it (task ids are `<workflow id>.<step>.<n>`).
  const histories = recorded.map(({ workflowId, file }) => ({
    workflowId,
    history: temporal.api.history.v1.History.fromObject(JSON.parse(fs.readFileSync(file, 'utf8'))),
  }));
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories(
    {
      workflowsPath: WORKFLOWS_PATH,
      bundlerOptions: WORKFLOW_BUNDLER_OPTIONS,
      replayName: 'govshare-replay',
    },
    histories,
  )) {
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  expect(failures).toEqual([]);
}, 300_000);
