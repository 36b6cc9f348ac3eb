/**
 * Appends to and verifies the hash chains of the audit and exchange logs.
 * An append locks its log's head row, so concurrent writers (the API and the
 * workers, on any number of hosts) keep each chain linear; the row, its link
 * and the new head commit together or not at all.
 */
import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { inTransaction, isMysql, type Db } from '../connection';
import {
  checkpointMessage,
  GENESIS,
  linkHash,
  type ChainedLog,
  type ChainProblem,
} from '../../domain/audit/log-chain';

type Row = Record<string, unknown>;

/** Locks the head of `log` for this transaction and returns it. */
async function lockHead(trx: Db, log: ChainedLog): Promise<{ pos: number; hash: string }> {
  if (!isMysql(trx)) {
    // SQLite: writing first takes the database's write lock now, instead of upgrading a read lock later.
    await trx('log_heads').where({ log: log.name }).update({ log: log.name });
  }
  const read = trx('log_heads').where({ log: log.name }).first('pos', 'hash');
  const head = await (isMysql(trx) ? read.forUpdate() : read);
  if (!head) throw new Error(`the ${log.name} log has no head: run the migrations`);
  return { pos: Number(head.pos), hash: head.hash };
}

/** Appends `row` (keyed by its `id`) as the next link; a row whose id is already logged is left as it is. */
export async function appendToChain(db: Db, log: ChainedLog, row: Row & { id: string }): Promise<void> {
  await appendAllToChain(db, log, [row]);
}

/**
 * Appends `rows` as the next links, in order, under one lock of the head: one look for the ids
 * already logged, one insert and one move of the head, however many rows a transaction logs. Rows
 * whose ids are already logged (a retry) are left as they are; the others link on.
 */
export async function appendAllToChain(
  db: Db,
  log: ChainedLog,
  rows: (Row & { id: string })[],
): Promise<void> {
  if (rows.length === 0) return;
  await inTransaction(db, async (trx) => {
    const head = await lockHead(trx, log);
    const ids = rows.map((r) => r.id);
    const logged = new Set(
      (await trx(log.table).whereIn('id', ids).select('id')).map((r: Row) => r.id as string),
    );
    let { pos, hash } = head;
    const links: Row[] = [];
    for (const row of rows) {
      if (logged.has(row.id)) continue;
      // The same id twice in one call is one entry, as two calls would make it.
      logged.add(row.id);
      pos += 1;
      const prev = hash;
      hash = linkHash(log, prev, pos, row);
      links.push({ ...row, chain_pos: pos, prev_hash: prev, hash });
    }
    if (links.length === 0) return;
    await trx(log.table).insert(links);
    await trx('log_heads').where({ log: log.name }).update({ pos, hash });
  });
}

export interface BrokenLink {
  /** The position where the chain stops holding. */
  pos: number;
  /** The row's id there, when there is a row. */
  id: string | null;
  problem: ChainProblem;
  message: string;
}

export interface Checkpoint {
  id: number;
  log: string;
  pos: number;
  hash: string;
  atMs: number;
  keyId: string;
  signature: string;
}

export interface ChainReport {
  log: ChainedLog['name'];
  ok: boolean;
  rows: number;
  head: { pos: number; hash: string };
  checkpoints: number;
  /** Rows moved to archive files after the retention period, and the last position archived. */
  archived: { rows: number; toPos: number };
  firstBroken: BrokenLink | null;
}

const toCheckpoint = (r: Row): Checkpoint => ({
  id: Number(r.id),
  log: r.log as string,
  pos: Number(r.pos),
  hash: r.hash as string,
  atMs: Number(r.at_ms),
  keyId: r.key_id as string,
  signature: r.signature as string,
});

/**
 * Recomputes the chain from its first row (or its last archived link) and
 * checks the head and every checkpoint; reports the first link that does not hold.
 */
export async function verifyChain(
  db: Db,
  log: ChainedLog,
  publicKey: KeyObject,
  keyId: string,
): Promise<ChainReport> {
  const headRow = await db('log_heads').where({ log: log.name }).first('pos', 'hash');
  const head = { pos: Number(headRow?.pos ?? 0), hash: (headRow?.hash as string | undefined) ?? GENESIS };
  const checkpoints = (await db('log_checkpoints').where({ log: log.name }).orderBy('pos')).map(toCheckpoint);
  const atCheckpoint = new Map<number, Checkpoint[]>();
  for (const c of checkpoints) atCheckpoint.set(c.pos, [...(atCheckpoint.get(c.pos) ?? []), c]);
  const archives = await db('log_archives').where({ log: log.name }).orderBy('from_pos');
  const report = (firstBroken: BrokenLink | null, rows: number): ChainReport => ({
    log: log.name,
    ok: firstBroken === null,
    rows,
    head,
    checkpoints: checkpoints.length,
    archived: {
      rows: archives.reduce((n, a) => n + Number(a.rows), 0),
      toPos: archives.length ? Number(archives[archives.length - 1].to_pos) : 0,
    },
    firstBroken,
  });

  for (const c of checkpoints) {
    const signed =
      c.keyId === keyId &&
      verify('sm3', Buffer.from(checkpointMessage(c)), publicKey, Buffer.from(c.signature, 'base64'));
    if (!signed)
      return report(
        {
          pos: c.pos,
          id: null,
          problem: 'checkpoint_signature_invalid',
          message: `checkpoint ${c.id} at position ${c.pos} is not signed by the platform's key`,
        },
        0,
      );
  }

  // Archived runs of the chain: each continues the one before; the rows kept continue the last.
  let prev = GENESIS;
  let expected = 1;
  for (const a of archives) {
    if (Number(a.from_pos) !== expected || a.prev_hash !== prev)
      return report(
        {
          pos: expected,
          id: null,
          problem: 'archive_broken',
          message: `archive ${a.id} (${a.file}) does not continue the chain at position ${expected}`,
        },
        0,
      );
    prev = a.last_hash;
    expected = Number(a.to_pos) + 1;
  }
  const unchained = await db(log.table).whereNull('chain_pos').first('id');
  if (unchained)
    return report(
      {
        pos: expected,
        id: unchained.id,
        problem: 'row_unexpected',
        message: `row ${unchained.id} has no place in the chain`,
      },
      0,
    );
  let rows = 0;
  for (let after = expected - 1; ;) {
    const batch = await db(log.table).where('chain_pos', '>', after).orderBy('chain_pos').limit(2000);
    if (batch.length === 0) break;
    for (const row of batch) {
      const pos = Number(row.chain_pos);
      if (pos !== expected)
        return report(
          {
            pos: expected,
            id: null,
            problem: 'row_missing',
            message: `no row at position ${expected} (the next is at ${pos})`,
          },
          rows,
        );
      if (row.prev_hash !== prev)
        return report(
          {
            pos,
            id: row.id,
            problem: 'link_broken',
            message: `row ${row.id} at position ${pos} does not follow the row before it`,
          },
          rows,
        );
      const hash = linkHash(log, prev, pos, row);
      if (hash !== row.hash)
        return report(
          {
            pos,
            id: row.id,
            problem: 'content_changed',
            message: `row ${row.id} at position ${pos} was changed after it was logged`,
          },
          rows,
        );
      for (const c of atCheckpoint.get(pos) ?? [])
        if (c.hash !== hash)
          return report(
            {
              pos,
              id: row.id,
              problem: 'checkpoint_mismatch',
              message: `checkpoint ${c.id} signed another row at position ${pos}`,
            },
            rows,
          );
      prev = hash;
      expected = pos + 1;
      after = pos;
      rows += 1;
    }
  }
  const last = expected - 1;
  const beyond = checkpoints.find((c) => c.pos > last);
  if (beyond)
    return report(
      {
        pos: last + 1,
        id: null,
        problem: 'tail_missing',
        message: `checkpoint ${beyond.id} signed position ${beyond.pos}, but the log ends at ${last}`,
      },
      rows,
    );
  if (head.pos !== last || head.hash !== prev)
    return report(
      {
        pos: Math.min(head.pos, last) + 1,
        id: null,
        problem: head.pos > last ? 'tail_missing' : 'row_unexpected',
        message: `the log's head is at position ${head.pos}, its rows end at ${last}`,
      },
      rows,
    );
  return report(null, rows);
}

/**
 * Signs the current head of `log` (or the link `at`, e.g. the last row of an archive) and stores
 * it as a checkpoint; returns it.
 */
export async function writeCheckpoint(
  db: Db,
  log: ChainedLog,
  key: { privateKey: KeyObject; keyId: string },
  atMs: number,
  at?: { pos: number; hash: string },
): Promise<Checkpoint> {
  const head: { pos: number; hash: string } =
    at ?? (await db('log_heads').where({ log: log.name }).first('pos', 'hash'));
  const c = { log: log.name, pos: Number(head.pos), hash: head.hash, atMs };
  const signature = sign('sm3', Buffer.from(checkpointMessage(c)), key.privateKey).toString('base64');
  const [id] = await db('log_checkpoints').insert({
    log: c.log,
    pos: c.pos,
    hash: c.hash,
    at_ms: c.atMs,
    key_id: key.keyId,
    signature,
  });
  return { id: Number(id), ...c, keyId: key.keyId, signature };
}

export async function latestCheckpoints(db: Db, log: ChainedLog, limit: number): Promise<Checkpoint[]> {
  return (await db('log_checkpoints').where({ log: log.name }).orderBy('id', 'desc').limit(limit)).map(
    toCheckpoint,
  );
}

/** The key id a checkpoint names: the SM3 of the public key (SPKI DER), in hex. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sm3')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}
