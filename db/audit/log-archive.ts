/**
 * Archiving log rows past the retention period (art. 33: 日志保留时间不少于2年).
 * A run of a log's chain, from the first row not yet archived up to the last
 * row logged before the cut-off, is written to a gzip'd JSON-lines file,
 * checked link by link on the way; its last link is signed as a checkpoint,
 * and the file's SM3 digest, first and last links are recorded in
 * `log_archives`. Only then, in the same transaction as that record, are the
 * rows deleted (the triggers allow it for rows older than the cut-off, which
 * only this raises). The chain stays verifiable: the rows kept continue the
 * last archive, and each archive file can be checked against its record.
 */
import { createHash, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { DateTime } from 'luxon';
import type { Db } from '../connection';
import { checkpointMessage, GENESIS, linkHash, type ChainedLog } from '../../domain/audit/log-chain';
import { ZONE } from '../../domain/calendar/working-days';
import { writeCheckpoint } from './log-chain-repository';

export const ARCHIVE_FORMAT = 'govshare-log-archive/1';

export interface ArchiveRun {
  log: string;
  rows: number;
  fromPos?: number;
  toPos?: number;
  file?: string;
  /** Why nothing was archived, when nothing was. */
  note?: string;
}

export class ArchiveRefused extends Error {}

/** The instant before which rows may be archived: the start of the day `years` ago, Beijing time. */
export function archiveCutoff(nowMs: number, years: number): number {
  return DateTime.fromMillis(nowMs, { zone: ZONE }).minus({ years }).startOf('day').toMillis();
}

const pad = (n: number) => String(n).padStart(12, '0');

/** Archives what `retentionYears` allows of `log` into `dir`; returns what it did. */
export async function archiveLog(
  db: Db,
  log: ChainedLog,
  opts: {
    dir: string;
    retentionYears: number;
    key: { privateKey: KeyObject; keyId: string };
    nowMs: number;
    progress?: (line: string) => void;
  },
): Promise<ArchiveRun> {
  const say = opts.progress ?? (() => {});
  const cutoff = archiveCutoff(opts.nowMs, opts.retentionYears);
  const last = await db('log_archives').where({ log: log.name }).orderBy('to_pos', 'desc').first();
  const fromPos = last ? Number(last.to_pos) + 1 : 1;
  const young = await db(log.table).where('at_ms', '>=', cutoff).min({ pos: 'chain_pos' }).first();
  const head = await db('log_heads').where({ log: log.name }).first('pos');
  const toPos = young?.pos != null ? Number(young.pos) - 1 : Number(head.pos);
  const before = DateTime.fromMillis(cutoff, { zone: ZONE }).toISODate();
  if (toPos < fromPos)
    return { log: log.name, rows: 0, note: `nothing logged before ${before} is left to archive` };

  fs.mkdirSync(opts.dir, { recursive: true });
  const name = `${log.name}-${pad(fromPos)}-${pad(toPos)}.jsonl.gz`;
  const file = path.join(opts.dir, name);
  const draft = `${file}.draft`;
  const prevHash: string = last ? last.last_hash : GENESIS;
  let prev = prevHash;
  let rows = 0;
  async function* lines() {
    yield `${JSON.stringify({ format: ARCHIVE_FORMAT, log: log.name, fromPos, toPos, prevHash, columns: log.columns })}\n`;
    for (let after = fromPos - 1; after < toPos;) {
      const batch = await db(log.table)
        .where('chain_pos', '>', after)
        .andWhere('chain_pos', '<=', toPos)
        .orderBy('chain_pos')
        .limit(2000);
      if (batch.length === 0) break;
      for (const row of batch) {
        const pos = Number(row.chain_pos);
        if (pos !== after + 1 || row.prev_hash !== prev || linkHash(log, prev, pos, row) !== row.hash)
          throw new ArchiveRefused(
            `the ${log.name} log does not hold at position ${after + 1}: nothing archived; run GET /api/audit/verify`,
          );
        prev = row.hash;
        after = pos;
        rows += 1;
        const entry = Object.fromEntries([
          ['pos', pos],
          ...log.columns.map((c) => [c, row[c]]),
          ['hash', row.hash],
        ]);
        yield `${JSON.stringify(entry)}\n`;
      }
      say(`${log.name}: ${rows} of ${toPos - fromPos + 1} rows written`);
    }
  }
  // The draft is opened before anything is written, so a refusal part-way
  // removes a file that exists; a stream that opens lazily could create it
  // after the removal and leave a stray draft behind.
  const out = await fs.promises.open(draft, 'w');
  try {
    await pipeline(Readable.from(lines()), zlib.createGzip(), out.createWriteStream());
  } catch (err) {
    await out.close().catch(() => {});
    fs.rmSync(draft, { force: true });
    throw err;
  }
  if (rows !== toPos - fromPos + 1) {
    fs.rmSync(draft, { force: true });
    throw new ArchiveRefused(
      `the ${log.name} log is missing rows between ${fromPos} and ${toPos}: nothing archived`,
    );
  }
  fs.renameSync(draft, file);
  const digest = createHash('sm3').update(fs.readFileSync(file)).digest('hex');

  await db.transaction(async (trx) => {
    const checkpoint = await writeCheckpoint(trx, log, opts.key, opts.nowMs, { pos: toPos, hash: prev });
    await trx('log_archives').insert({
      log: log.name,
      from_pos: fromPos,
      to_pos: toPos,
      prev_hash: prevHash,
      last_hash: prev,
      rows,
      archived_before_ms: cutoff,
      file: name,
      file_sm3: digest,
      checkpoint_id: checkpoint.id,
      at_ms: opts.nowMs,
    });
    await trx('log_retention')
      .where({ log: log.name })
      .andWhere('archivable_before_ms', '<', cutoff)
      .update({ archivable_before_ms: cutoff });
    await trx(log.table).where('chain_pos', '>=', fromPos).andWhere('chain_pos', '<=', toPos).del();
  });
  say(
    `${log.name}: archived positions ${fromPos}–${toPos} (${rows} rows, logged before ${before}) to ${file}`,
  );
  return { log: log.name, rows, fromPos, toPos, file };
}

/** Checks an archive file against its record: its digest, every link, and the signed checkpoint of its last row. */
export async function verifyArchiveFile(
  db: Db,
  log: ChainedLog,
  file: string,
  publicKey: KeyObject,
): Promise<{ ok: boolean; rows: number; problem: string | null }> {
  const record = await db('log_archives')
    .where({ log: log.name, file: path.basename(file) })
    .first();
  if (!record)
    return { ok: false, rows: 0, problem: `no archive of the ${log.name} log is recorded as ${file}` };
  const bytes = fs.readFileSync(file);
  const fail = (problem: string, rows = 0) => ({ ok: false, rows, problem });
  if (createHash('sm3').update(bytes).digest('hex') !== record.file_sm3)
    return fail('the file is not the one archived: its SM3 digest differs from the record');
  const lines = zlib.gunzipSync(bytes).toString('utf8').trim().split('\n');
  const header = JSON.parse(lines[0]);
  if (header.format !== ARCHIVE_FORMAT || header.prevHash !== record.prev_hash)
    return fail('the file does not start where its record says');
  let prev: string = record.prev_hash;
  let pos = Number(record.from_pos);
  for (const line of lines.slice(1)) {
    const row = JSON.parse(line);
    if (row.pos !== pos || linkHash(log, prev, pos, row) !== row.hash)
      return fail(`the link at position ${pos} does not hold`, pos - Number(record.from_pos));
    prev = row.hash;
    pos += 1;
  }
  if (pos - 1 !== Number(record.to_pos) || prev !== record.last_hash)
    return fail('the file ends before its record says', pos - Number(record.from_pos));
  const c = await db('log_checkpoints').where({ id: record.checkpoint_id }).first();
  const message = checkpointMessage({ log: c.log, pos: Number(c.pos), hash: c.hash, atMs: Number(c.at_ms) });
  if (
    Number(c.pos) !== Number(record.to_pos) ||
    c.hash !== prev ||
    !verify('sm3', Buffer.from(message), publicKey, Buffer.from(c.signature, 'base64'))
  )
    return fail(
      "the archive's checkpoint is not the platform's signature of its last row",
      Number(record.rows),
    );
  return { ok: true, rows: Number(record.rows), problem: null };
}
