/**
 * The hash chain of an append-only log (art. 32, 33): each row's hash is the
 * SM3 (GB/T 32905) digest of the previous row's hash, its position and its
 * canonical content. Changing, removing, inserting or reordering a row breaks
 * the link at that row; rewriting the whole tail is caught by a signed
 * checkpoint of an earlier head.
 */
import { createHash } from 'node:crypto';

/** The `prev_hash` of a log's first row. */
export const GENESIS = '0'.repeat(64);

/** A log under a chain: its table and the columns its hash covers, in order. */
export interface ChainedLog {
  name: 'audit' | 'exchange';
  table: string;
  columns: readonly string[];
}

export const AUDIT_LOG: ChainedLog = {
  name: 'audit',
  table: 'audit_log',
  columns: ['id', 'at_ms', 'actor', 'actor_department', 'action', 'entity_type', 'entity_id', 'ip', 'detail'],
};

export const EXCHANGE_LOG: ChainedLog = {
  name: 'exchange',
  table: 'exchange_log',
  columns: [
    'id',
    'grant_id',
    'resource_code',
    'consumer_department',
    'provider_department',
    'actor',
    'mode',
    'items',
    'record_count',
    'ip',
    'at_ms',
  ],
};

export const CHAINED_LOGS = [AUDIT_LOG, EXCHANGE_LOG] as const;

/** What verification can find wrong with a chain, at its first broken link. */
export const CHAIN_PROBLEMS = [
  'content_changed',
  'link_broken',
  'row_missing',
  'row_unexpected',
  'tail_missing',
  'checkpoint_mismatch',
  'checkpoint_signature_invalid',
  'archive_broken',
] as const;
export type ChainProblem = (typeof CHAIN_PROBLEMS)[number];

export function chainedLog(name: string): ChainedLog | undefined {
  return CHAINED_LOGS.find((l) => l.name === name);
}

export function sm3(text: string): string {
  return createHash('sm3').update(text, 'utf8').digest('hex');
}

/**
 * A row's content as the hash sees it: its columns in the log's order, numbers
 * as numbers (the drivers return BIGINT as number or string), text as stored.
 */
export function canonicalContent(log: ChainedLog, row: Record<string, unknown>): string {
  return JSON.stringify(
    log.columns.map((c) => {
      const v = row[c];
      if (v === null || v === undefined) return null;
      if (typeof v === 'number' || typeof v === 'bigint') return Number(v);
      if (c.endsWith('_ms') || c === 'record_count') return Number(v);
      return String(v);
    }),
  );
}

/** The hash of the row at `pos` that follows `prevHash`. */
export function linkHash(
  log: ChainedLog,
  prevHash: string,
  pos: number,
  row: Record<string, unknown>,
): string {
  return sm3(`${log.name}\n${prevHash}\n${pos}\n${canonicalContent(log, row)}`);
}

/** What a checkpoint signs: the log, the position and hash of its head, and when it was taken. */
export function checkpointMessage(c: { log: string; pos: number; hash: string; atMs: number }): string {
  return `govshare-log-checkpoint\n${c.log}\n${c.pos}\n${c.hash}\n${c.atMs}`;
}
