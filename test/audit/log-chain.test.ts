/**
 * The audit log is a hash chain an auditor can verify (art. 32, 33). On
 * MariaDB and on SQLite: the database itself refuses to change or remove a
 * log row, and whoever gets past that (dropping the triggers, as a database
 * administrator could) is caught by `verifyChain` at the first link they
 * touched: a changed field, a removed row, an inserted row, two rows swapped,
 * a tail cut off or rewritten after a signed checkpoint, a forged checkpoint.
 */
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadLogSigningKey } from '../../runtime/log-signing-key';
import { keyIdOf, verifyChain, writeCheckpoint, type ChainReport } from '../../db/audit/log-chain-repository';
import { dropLogProtection, protectionTriggers, PROTECTION_TRIGGERS } from '../../db/audit/log-protection';
import { appendAudit, appendAudits } from '../../db/log-repository';
import { createAuditActivities } from '../../activities/audit/checkpoint-activities';
import { AUDIT_LOG, linkHash } from '../../domain/audit/log-chain';
import { createTestDb, type DbKind, type TestDb } from '../../scripts/harness/databases';
import { statementRefusal } from '../support/rejection';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
const key = { privateKey, keyId: keyIdOf(publicKey) };

const entry = (n: number) => ({
  id: `test#${n}`,
  at: new Date(Date.UTC(2026, 10, 25, 2, 0, n)).toISOString(),
  actor: n % 2 ? 'zhangwei' : null,
  actorDepartment: n % 2 ? 'civil-affairs' : null,
  action: 'sharing_request.read',
  entityType: 'sharing_request',
  entityId: `SR-20261125-00000${n}`,
  ip: n % 2 ? '10.0.0.7' : null,
  detail: { n, note: '审计' },
});

describe.each<DbKind>(['mysql', 'sqlite'])('on %s', (kind) => {
  let t: TestDb;
  const verify = (): Promise<ChainReport> => verifyChain(t.db, AUDIT_LOG, publicKey, key.keyId);
  const row = (pos: number) => t.db('audit_log').where({ chain_pos: pos }).first();

  /** A fresh database with six entries, and its triggers dropped as an administrator could. */
  async function sixEntries(options: { protect?: boolean } = {}): Promise<void> {
    await t?.drop();
    t = await createTestDb(kind, { demo: false });
    for (let n = 1; n <= 6; n++) await appendAudit(t.db, entry(n));
    if (!options.protect) await dropLogProtection(t.db);
  }

  afterAll(() => t?.drop());

  it('an untouched chain verifies; a retried append adds nothing; a checkpoint signs the head', async () => {
    await sixEntries({ protect: true });
    await appendAudit(t.db, entry(3));
    const report = await verify();
    expect(report).toMatchObject({ ok: true, rows: 6, head: { pos: 6 }, firstBroken: null });
    const c = await writeCheckpoint(t.db, AUDIT_LOG, key, Date.now());
    expect(c).toMatchObject({ log: 'audit', pos: 6, hash: (await row(6)).hash });
    expect(await verify()).toMatchObject({ ok: true, checkpoints: 1 });
  });

  it('a retried checkpoint run signs nothing again and answers what it signed', async () => {
    await sixEntries({ protect: true });
    const keyed = { ...key, publicKey, publicKeyPem: '' };
    const acts = createAuditActivities(t.db, () => keyed);
    const first = await acts.signLogCheckpoints({ runId: 'run-1' });
    expect(await acts.signLogCheckpoints({ runId: 'run-1' })).toEqual(first);
    expect(await t.db('log_checkpoints').count({ n: '*' })).toEqual([{ n: 2 }]);
    expect(await verify()).toMatchObject({ ok: true, checkpoints: 1 });
  });

  it('writers at the same time keep one linear chain', async () => {
    await sixEntries({ protect: true });
    await Promise.all(Array.from({ length: 40 }, (_, i) => appendAudit(t.db, entry(100 + i))));
    expect(await verify()).toMatchObject({ ok: true, rows: 46, head: { pos: 46 } });
  });

  it("one transaction's entries, appended together, link as one by one would; a retry of some adds only the rest", async () => {
    await sixEntries({ protect: true });
    // Entries 7–9 together; then a retry that repeats 8 and 9 and brings 10 (8 twice in one call).
    await appendAudits(t.db, [entry(7), entry(8), entry(9)]);
    await appendAudits(t.db, [entry(8), entry(10), entry(9), entry(8)]);
    expect(await verify()).toMatchObject({ ok: true, rows: 10, head: { pos: 10 } });
    const ids = (await t.db('audit_log').orderBy('chain_pos').select('id')).map((r) => r.id);
    expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `test#${n}`));
    // The same links as a chain appended one entry at a time.
    const single = await createTestDb(kind, { demo: false });
    try {
      for (let n = 1; n <= 10; n++) await appendAudit(single.db, entry(n));
      const hashes = async (db: typeof t.db) =>
        (await db('audit_log').orderBy('chain_pos').select('hash')).map((r) => r.hash);
      expect(await hashes(t.db)).toEqual(await hashes(single.db));
    } finally {
      await single.drop();
    }
  });

  it('the database refuses to change or delete a log row or a checkpoint', async () => {
    await sixEntries({ protect: true });
    expect(await protectionTriggers(t.db)).toEqual(PROTECTION_TRIGGERS);
    await writeCheckpoint(t.db, AUDIT_LOG, key, Date.now());
    expect(await statementRefusal(t.db('audit_log').where({ chain_pos: 2 }).update({ actor: 'x' }))).toMatch(
      /append-only/,
    );
    expect(await statementRefusal(t.db('audit_log').where({ chain_pos: 2 }).del())).toMatch(
      /retention period/,
    );
    expect(await statementRefusal(t.db('log_checkpoints').del())).toMatch(/append-only/);
    expect(await verify()).toMatchObject({ ok: true, rows: 6 });
  });

  it('finds a changed field', async () => {
    await sixEntries();
    await t.db('audit_log').where({ chain_pos: 3 }).update({ actor: 'someone-else' });
    expect((await verify()).firstBroken).toMatchObject({ pos: 3, id: 'test#3', problem: 'content_changed' });
  });

  it('finds a removed row', async () => {
    await sixEntries();
    await t.db('audit_log').where({ chain_pos: 3 }).del();
    expect((await verify()).firstBroken).toMatchObject({ pos: 3, problem: 'row_missing' });
  });

  it('finds a row inserted in the middle, even one linked and hashed the way the platform would', async () => {
    await sixEntries();
    for (let pos = 6; pos >= 3; pos--)
      await t
        .db('audit_log')
        .where({ chain_pos: pos })
        .update({ chain_pos: pos + 1 });
    const before = await row(2);
    const forged = {
      id: 'forged',
      at_ms: Number(before.at_ms) + 1,
      actor: 'admin',
      actor_department: 'econ-info',
      action: 'sharing_request.read',
      entity_type: 'sharing_request',
      entity_id: 'SR-X',
      ip: null,
      detail: null,
    };
    await t.db('audit_log').insert({
      ...forged,
      chain_pos: 3,
      prev_hash: before.hash,
      hash: linkHash(AUDIT_LOG, before.hash, 3, forged),
    });
    expect((await verify()).firstBroken).toMatchObject({ pos: 4, id: 'test#3', problem: 'link_broken' });
  });

  it('finds two rows swapped', async () => {
    await sixEntries();
    await t.db('audit_log').where({ chain_pos: 3 }).update({ chain_pos: 1000 });
    await t.db('audit_log').where({ chain_pos: 4 }).update({ chain_pos: 3 });
    await t.db('audit_log').where({ chain_pos: 1000 }).update({ chain_pos: 4 });
    expect((await verify()).firstBroken).toMatchObject({ pos: 3, id: 'test#4', problem: 'link_broken' });
  });

  it('finds the tail cut off after a checkpoint, even with the head moved back to match', async () => {
    await sixEntries();
    await writeCheckpoint(t.db, AUDIT_LOG, key, Date.now());
    await t.db('audit_log').where('chain_pos', '>', 4).del();
    const last = await row(4);
    await t.db('log_heads').where({ log: 'audit' }).update({ pos: 4, hash: last.hash });
    expect((await verify()).firstBroken).toMatchObject({ pos: 5, problem: 'tail_missing' });
  });

  it('finds a tail rewritten after a checkpoint, with every link recomputed', async () => {
    await sixEntries();
    await writeCheckpoint(t.db, AUDIT_LOG, key, Date.now());
    let prev = (await row(4)).hash;
    for (const pos of [5, 6]) {
      const r = await row(pos);
      const changed = { ...r, actor: 'someone-else' };
      const hash = linkHash(AUDIT_LOG, prev, pos, changed);
      await t
        .db('audit_log')
        .where({ chain_pos: pos })
        .update({ actor: 'someone-else', prev_hash: prev, hash });
      prev = hash;
    }
    await t.db('log_heads').where({ log: 'audit' }).update({ hash: prev });
    expect((await verify()).firstBroken).toMatchObject({ pos: 6, problem: 'checkpoint_mismatch' });
  });

  it('finds a checkpoint the platform did not sign', async () => {
    await sixEntries();
    const other = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    await writeCheckpoint(t.db, AUDIT_LOG, { privateKey: other.privateKey, keyId: key.keyId }, Date.now());
    expect((await verify()).firstBroken).toMatchObject({ pos: 6, problem: 'checkpoint_signature_invalid' });
  });
});

it('names AUDIT_SIGNING_KEY when its file is missing or not a key, instead of failing at the first verify', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-key-'));
  try {
    expect(() => loadLogSigningKey(path.join(dir, 'none.pem'), { create: false })).toThrow(
      /^AUDIT_SIGNING_KEY: no key file at /,
    );
    fs.writeFileSync(path.join(dir, 'bad.pem'), 'not a key');
    expect(() => loadLogSigningKey(path.join(dir, 'bad.pem'), { create: false })).toThrow(
      /^AUDIT_SIGNING_KEY: .*bad\.pem is not a readable private key/,
    );
    expect(loadLogSigningKey(path.join(dir, 'made.pem'), { create: true }).keyId).toMatch(/^[0-9a-f]{64}$/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
