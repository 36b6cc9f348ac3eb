/**
 * Triggers that make the logs append-only in the database itself, so neither
 * a bug nor an application account can rewrite history: an UPDATE of a log
 * row is refused, and so is a DELETE of a row younger than the log's
 * `log_retention.archivable_before_ms` (set only by the archiver, from the
 * policy's retention period). Checkpoints are never changed or removed.
 *
 * MariaDB/MySQL with binary logging refuse CREATE TRIGGER to an account
 * without SUPER unless `log_bin_trust_function_creators` is on; then the logs
 * are protected by the hash chain alone, and `GET /api/audit/verify` says so.
 */
import type { Knex } from 'knex';
import { isMysql } from '../connection';

const LOGS = ['audit_log', 'exchange_log'];
const KEY: Record<string, string> = { audit_log: 'audit', exchange_log: 'exchange' };
export const PROTECTION_TRIGGERS = [
  ...LOGS.flatMap((t) => [`${t}_no_update`, `${t}_no_delete`]),
  'log_checkpoints_no_update',
  'log_checkpoints_no_delete',
];

function mysqlTriggers(): string[] {
  const refuse = (msg: string) => `SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '${msg}'`;
  return [
    ...LOGS.flatMap((t) => [
      `CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t} FOR EACH ROW ${refuse(`${t} is append-only`)}`,
      `CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t} FOR EACH ROW
         IF OLD.at_ms >= COALESCE((SELECT archivable_before_ms FROM log_retention WHERE log = '${KEY[t]}'), 0)
         THEN ${refuse(`${t}: rows within the retention period cannot be deleted`)}; END IF`,
    ]),
    `CREATE TRIGGER log_checkpoints_no_update BEFORE UPDATE ON log_checkpoints FOR EACH ROW ${refuse('log_checkpoints is append-only')}`,
    `CREATE TRIGGER log_checkpoints_no_delete BEFORE DELETE ON log_checkpoints FOR EACH ROW ${refuse('log_checkpoints is append-only')}`,
  ];
}

function sqliteTriggers(): string[] {
  const refuse = (msg: string) => `BEGIN SELECT RAISE(ABORT, '${msg}'); END`;
  return [
    ...LOGS.flatMap((t) => [
      `CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t} ${refuse(`${t} is append-only`)}`,
      `CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t}
         WHEN OLD.at_ms >= COALESCE((SELECT archivable_before_ms FROM log_retention WHERE log = '${KEY[t]}'), 0)
         ${refuse(`${t}: rows within the retention period cannot be deleted`)}`,
    ]),
    `CREATE TRIGGER log_checkpoints_no_update BEFORE UPDATE ON log_checkpoints ${refuse('log_checkpoints is append-only')}`,
    `CREATE TRIGGER log_checkpoints_no_delete BEFORE DELETE ON log_checkpoints ${refuse('log_checkpoints is append-only')}`,
  ];
}

/** Errors of an account that may not create triggers (binary logging without SUPER, or no TRIGGER grant). */
const NOT_ALLOWED = new Set([1419, 1142, 1227]);

export async function protectLogs(knex: Knex): Promise<void> {
  const statements = isMysql(knex) ? mysqlTriggers() : sqliteTriggers();
  for (const sql of statements) {
    try {
      await knex.raw(sql);
    } catch (err) {
      if (isMysql(knex) && NOT_ALLOWED.has((err as { errno?: number }).errno ?? 0)) return;
      throw err;
    }
  }
}

export async function dropLogProtection(knex: Knex): Promise<void> {
  for (const name of PROTECTION_TRIGGERS) await knex.raw(`DROP TRIGGER IF EXISTS ${name}`);
}

/** Which of the protecting triggers the database holds. */
export async function protectionTriggers(knex: Knex): Promise<string[]> {
  const rows: { name: string }[] = isMysql(knex)
    ? (
        await knex.raw(
          'SELECT TRIGGER_NAME AS name FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()',
        )
      )[0]
    : await knex('sqlite_master').where({ type: 'trigger' }).select('name');
  const present = new Set(rows.map((r) => r.name));
  return PROTECTION_TRIGGERS.filter((n) => present.has(n));
}
