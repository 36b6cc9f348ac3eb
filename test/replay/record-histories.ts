/**
 * Records the event histories of every case a workflow test ran, for the replay
 * test (`replay.test.ts`). Opt-in: with GOVSHARE_RECORD_HISTORIES=1 the workflow
 * harness calls this before it tears the server down, e.g.
 *
 *   GOVSHARE_RECORD_HISTORIES=1 npm test -- test/workflows
 *
 * Each case's history is written to `histories/<test folder>-<test file>/<workflow id>.json`.
 * Record from the code as it runs in production, before changing workflow code:
 * the histories stand for cases already running.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { Db } from '../../db/connection';
import { PROCESSES } from '../../processes';

export const HISTORIES_DIR = path.join(__dirname, 'histories');

/** The workflow id of every case the read model knows of, in every process's table. */
async function caseWorkflowIds(db: Db): Promise<string[]> {
  const ids = new Set<string>();
  // Each process's read model, and the platform's own security agreements.
  for (const table of [...PROCESSES.map((p) => p.table), 'security_agreements']) {
    const rows: { workflow_id: string | null }[] = await db(table).select('workflow_id');
    for (const r of rows) if (r.workflow_id) ids.add(r.workflow_id);
  }
  return [...ids].sort();
}

export function recordingHistories(): boolean {
  return process.env.GOVSHARE_RECORD_HISTORIES === '1';
}

export async function recordHistories(client: Client, db: Db, testFile: string): Promise<number> {
  // <folder>-<file>: test files are named after what they test within their process's folder.
  const name = `${path.basename(path.dirname(testFile))}-${path.basename(testFile).replace(/\.test\.ts$/, '')}`;
  const dir = path.join(HISTORIES_DIR, name);
  let n = 0;
  for (const workflowId of await caseWorkflowIds(db)) {
    mkdirSync(dir, { recursive: true });
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    writeFileSync(path.join(dir, `${workflowId}.json`), JSON.stringify(history));
    n += 1;
  }
  return n;
}
