/**
 * Log rows are kept at least the policy's retention period (art. 33: 2 years)
 * and may then be archived, and stay verifiable. On MariaDB and SQLite: the
 * archiver moves only rows logged before the cut-off into a signed,
 * compressed file and deletes them; the chain still verifies from the
 * archive on; the file verifies against its record, and a changed file does
 * not; a row within the period cannot be deleted even by hand; a log that no
 * longer verifies is not archived at all.
 */
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { DateTime } from 'luxon';
import { archiveCutoff, archiveLog, ArchiveRefused, verifyArchiveFile } from '../../db/audit/log-archive';
import { keyIdOf, verifyChain } from '../../db/audit/log-chain-repository';
import { appendAudit } from '../../db/log-repository';
import { AUDIT_LOG } from '../../domain/audit/log-chain';
import { ZONE } from '../../domain/calendar/working-days';
import { loadPolicyFile, DEFAULT_POLICY_FILE } from '../../seeds/default-policy';
import { createTestDb, type DbKind, type TestDb } from '../../scripts/harness/databases';
import { statementRefusal } from '../support/rejection';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
const key = { privateKey, keyId: keyIdOf(publicKey) };
const YEARS = loadPolicyFile(DEFAULT_POLICY_FILE).records!.logRetention.years;
const now = Date.now();
const yearsAgo = (years: number, days = 0) =>
  DateTime.fromMillis(now, { zone: ZONE }).minus({ years, days }).toISO()!;

const entry = (n: number, at: string) => ({
  id: `archive-test#${n}`,
  at,
  actor: 'zhangwei',
  actorDepartment: 'civil-affairs',
  action: 'sharing_request.read',
  entityType: 'sharing_request',
  entityId: `SR-${n}`,
  ip: '10.0.0.7',
  detail: { n },
});

describe.each<DbKind>(['mysql', 'sqlite'])('on %s', (kind) => {
  let t: TestDb;
  let dir: string;
  const archive = () => archiveLog(t.db, AUDIT_LOG, { dir, retentionYears: YEARS, key, nowMs: now });

  beforeEach(async () => {
    t = await createTestDb(kind, { demo: false });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-archive-'));
    // Four rows older than the period, one a day inside it, two from today.
    for (let n = 1; n <= 4; n++) await appendAudit(t.db, entry(n, yearsAgo(YEARS, 30 - n)));
    await appendAudit(t.db, entry(5, yearsAgo(YEARS, -1)));
    await appendAudit(t.db, entry(6, yearsAgo(0)));
    await appendAudit(t.db, entry(7, yearsAgo(0)));
  });
  afterEach(async () => {
    await t?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('archives only the rows older than the period, signed, and the chain still verifies', async () => {
    // Within the period, nothing may be deleted, whoever asks.
    expect(await statementRefusal(t.db('audit_log').where({ chain_pos: 5 }).del())).toMatch(
      /retention period/,
    );
    expect(await statementRefusal(t.db('audit_log').where({ chain_pos: 1 }).del())).toMatch(
      /retention period/,
    );

    const run = await archive();
    expect(run).toMatchObject({ rows: 4, fromPos: 1, toPos: 4 });
    expect((await t.db('audit_log').orderBy('chain_pos')).map((r) => Number(r.chain_pos))).toEqual([5, 6, 7]);
    expect(await verifyChain(t.db, AUDIT_LOG, publicKey, key.keyId)).toMatchObject({ ok: true, rows: 3 });
    expect(await verifyArchiveFile(t.db, AUDIT_LOG, run.file!, publicKey)).toEqual({
      ok: true,
      rows: 4,
      problem: null,
    });
    const [header, first] = zlib.gunzipSync(fs.readFileSync(run.file!)).toString('utf8').split('\n');
    expect(JSON.parse(header)).toMatchObject({ log: 'audit', fromPos: 1, toPos: 4 });
    expect(JSON.parse(first)).toMatchObject({ pos: 1, id: 'archive-test#1', actor: 'zhangwei' });

    // The cut-off moved only as far as the period allows: row 5 is a day inside it.
    expect(await statementRefusal(t.db('audit_log').where({ chain_pos: 5 }).del())).toMatch(
      /retention period/,
    );
    expect(await archive()).toMatchObject({ rows: 0 });
    const [retention] = await t.db('log_retention').where({ log: 'audit' });
    expect(Number(retention.archivable_before_ms)).toBe(archiveCutoff(now, YEARS));
  });

  it('finds a changed archive file, and a removed archive record is refused', async () => {
    const run = await archive();
    const rows = zlib
      .gunzipSync(fs.readFileSync(run.file!))
      .toString('utf8')
      .replace('"zhangwei"', '"someone"');
    fs.writeFileSync(run.file!, zlib.gzipSync(rows));
    expect((await verifyArchiveFile(t.db, AUDIT_LOG, run.file!, publicKey)).ok).toBe(false);
    expect(await statementRefusal(t.db('log_archives').del())).toMatch(/append-only/);
  });

  it('archives nothing from a log that does not verify', async () => {
    await t.db.raw(
      kind === 'mysql' ? 'DROP TRIGGER audit_log_no_update' : 'DROP TRIGGER audit_log_no_update',
    );
    await t.db('audit_log').where({ chain_pos: 2 }).update({ actor: 'someone' });
    await expect(archive()).rejects.toThrow(ArchiveRefused);
    expect(await t.db('audit_log').count({ n: '*' })).toEqual([{ n: 7 }]);
    expect(await t.db('log_archives').count({ n: '*' })).toEqual([{ n: 0 }]);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
