/**
 * `npm run archive-logs`: moves audit and exchange log rows older than the
 * retention period of the policy in force (art. 33) into signed, compressed
 * archive files under LOG_ARCHIVE_DIR, and deletes them from the database.
 * Safe to run at any time, as often as you like: rows still within the
 * period are never touched, and a log that does not verify is not archived.
 * `npm run archive-logs -- --verify` checks every archive file instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { archiveLog, verifyArchiveFile } from '../db/audit/log-archive';
import { createDb } from '../db/connection';
import { policyInForce } from '../db/policy-repository';
import { CHAINED_LOGS } from '../domain/audit/log-chain';
import { ZONE } from '../domain/calendar/working-days';
import { loadConfigOrExit } from './config';
import { loadLogSigningKey } from './log-signing-key';

const say = (line: string) => process.stdout.write(`archive-logs: ${line}\n`);

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const db = createDb(config.database);
  try {
    const key = loadLogSigningKey(config.logSigningKey.file, config.logSigningKey);
    if (process.argv.includes('--verify')) {
      let bad = 0;
      for (const log of CHAINED_LOGS) {
        const files = fs.existsSync(config.logArchiveDir)
          ? fs
              .readdirSync(config.logArchiveDir)
              .filter((f) => f.startsWith(`${log.name}-`) && f.endsWith('.jsonl.gz'))
          : [];
        for (const f of files.sort()) {
          const r = await verifyArchiveFile(db, log, path.join(config.logArchiveDir, f), key.publicKey);
          say(`${f}: ${r.ok ? `intact (${r.rows} rows)` : `NOT INTACT: ${r.problem}`}`);
          if (!r.ok) bad += 1;
        }
      }
      if (bad) process.exitCode = 1;
      return;
    }
    const policy = await policyInForce(db, DateTime.now().setZone(ZONE).toISODate() as string);
    const retention = policy.document.records?.logRetention;
    if (!retention) {
      say(`policy ${policy.key} sets no retention period for the logs: nothing is archived`);
      return;
    }
    say(
      `policy ${policy.key}: logs are kept at least ${retention.years} years (art. ${retention.citation.article})`,
    );
    for (const log of CHAINED_LOGS) {
      const run = await archiveLog(db, log, {
        dir: config.logArchiveDir,
        retentionYears: retention.years,
        key,
        nowMs: Date.now(),
        progress: say,
      });
      if (run.note) say(`${log.name}: ${run.note}`);
    }
  } finally {
    await db.destroy();
  }
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`archive-logs failed: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
