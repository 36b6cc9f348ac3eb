/**
 * Triggers that make the logs append-only in the database itself, so neither
 * a bug nor an application account can rewrite history: an UPDATE of a log
 * row is refused, and so is a DELETE of a row younger than the log's
 * `log_retention.archivable_before_ms` (raised only by the archiver, from the
 * policy's retention period). Checkpoints and archive records are never
 * changed or removed.
 *
 * MariaDB/MySQL with binary logging refuse CREATE TRIGGER to an account
 * without SUPER unless `log_bin_trust_function_creators` is on; then the logs
 * are protected by the hash chain alone, and `GET /api/audit/verify` says so.
 */
import type { Knex } from 'knex';
import { isMysql } from '../connection';

const LOGS: Record<string, string> = { audit_log: 'audit', exchange_log: 'exchange' };
const APPEND_ONLY = ['log_checkpoints', 'log_archives'];

export const PROTECTION_TRIGGERS = [...Object.keys(LOGS), ...APPEND_ONLY].flatMap((t) => [
  `${t}_no_update`,
  `${t}_no_delete`,
]);

const refuse = (knex: Knex, msg: string) =>
  isMysql(knex)
    ? `SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '${msg}'`
    : `BEGIN SELECT RAISE(ABORT, '${msg}'); END`;

function trigger(
  knex: Knex,
  name: string,
  op: 'UPDATE' | 'DELETE',
  table: string,
  when: string | null,
  msg: string,
) {
  const head = `CREATE TRIGGER ${name} BEFORE ${op} ON ${table}`;
  if (isMysql(knex))
    return when
      ? `${head} FOR EACH ROW IF ${when} THEN ${refuse(knex, msg)}; END IF`
      : `${head} FOR EACH ROW ${refuse(knex, msg)}`;
  return `${head} ${when ? `WHEN ${when} ` : ''}${refuse(knex, msg)}`;
}

/** Errors of an account that may not create triggers (binary logging without SUPER, or no TRIGGER grant). */
const NOT_ALLOWED = new Set([1419, 1142, 1227]);

async function create(knex: Knex, statements: string[]): Promise<void> {
  for (const sql of statements) {
    try {
      await knex.raw(sql);
    } catch (err) {
      if (isMysql(knex) && NOT_ALLOWED.has((err as { errno?: number }).errno ?? 0)) return;
      throw err;
    }
  }
}

const appendOnly = (knex: Knex, table: string) =>
  (['UPDATE', 'DELETE'] as const).map((op) =>
    trigger(knex, `${table}_no_${op.toLowerCase()}`, op, table, null, `${table} is append-only`),
  );

/** The audit and exchange logs and their checkpoints. */
export async function protectLogs(knex: Knex): Promise<void> {
  await create(knex, [
    ...Object.entries(LOGS).flatMap(([table, log]) => [
      trigger(knex, `${table}_no_update`, 'UPDATE', table, null, `${table} is append-only`),
      trigger(
        knex,
        `${table}_no_delete`,
        'DELETE',
        table,
        `OLD.at_ms >= COALESCE((SELECT archivable_before_ms FROM log_retention WHERE log = '${log}'), 0)`,
        `${table}: rows within the retention period cannot be deleted`,
      ),
    ]),
    ...appendOnly(knex, 'log_checkpoints'),
  ]);
}

/** The records of archived log rows. */
export async function protectArchives(knex: Knex): Promise<void> {
  await create(knex, appendOnly(knex, 'log_archives'));
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
