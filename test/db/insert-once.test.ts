/**
 * Idempotent inserts on MariaDB and SQLite: a retry finds the row it stored
 * and changes nothing, and a row the database refuses (here a request for a
 * resource not in the catalogue) fails loudly, with nothing stored alongside
 * it, where MySQL's INSERT IGNORE stored nothing and said nothing.
 */
import { findRequestByKey, insertRequest } from '../../db/sharing_request/request-repository';
import { insertSanction } from '../../db/catalogue_update/repository';
import { localDayNumber, requestsByDay } from '../../db/sla-rollup-repository';
import { createTestDb, type DbKind, type TestDb } from '../../scripts/harness/databases';
import { filedRequest } from '../support/request-fixtures';

describe.each<DbKind>(['mysql', 'sqlite'])('on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(() => t?.drop());

  const day = localDayNumber(Date.parse(filedRequest('x').submittedAt));
  const countedOnDay = async () => (await requestsByDay(t.db, { fromDay: day, toDay: day }))[0]?.n ?? 0;

  it('refuses a request whose resource is not in the catalogue, storing neither it, its count nor its audit entry', async () => {
    const before = await countedOnDay();
    let audited = 0;
    const filing = insertRequest(
      t.db,
      filedRequest('SR-NOWHERE', { resourceCode: 'XX-NONE-404' }),
      async () => {
        audited += 1;
      },
    );
    // By its message: better-sqlite3's errors may come from another suite's realm, which toThrow does not take for an Error.
    await expect(filing).rejects.toMatchObject({ message: expect.stringMatching(/foreign key/i) });
    expect(await findRequestByKey(t.db, 'zhangwei', 'key-SR-NOWHERE')).toBeNull();
    expect(await countedOnDay()).toBe(before);
    expect(audited).toBe(0);
  });

  it('a retry under the same key finds the request first stored, unchanged, and counts it once', async () => {
    const before = await countedOnDay();
    const first = await insertRequest(t.db, filedRequest('SR-ONCE-1'));
    const retry = await insertRequest(
      t.db,
      filedRequest('SR-ONCE-2', { idempotencyKey: 'key-SR-ONCE-1', purpose: '另一个用途' }),
    );
    expect(retry).toEqual(first);
    expect(retry.purpose).toBe('核对');
    expect(await countedOnDay()).toBe(before + 1);
  });

  it('a sanction recorded twice stays as first recorded', async () => {
    const sanction = {
      id: 'SAN-ONCE',
      department: 'civil-affairs',
      kind: 'criticism' as const,
      caseType: 'catalogue_update',
      caseId: 'OB-1',
      reason: '逾期未更新目录',
      at: '2026-11-25T10:00:00+08:00',
    };
    await insertSanction(t.db, sanction);
    await insertSanction(t.db, { ...sanction, reason: '另一个理由' });
    const rows = await t.db('sanctions').where({ id: 'SAN-ONCE' });
    expect(rows).toHaveLength(1);
    expect(rows[0].reason).toBe('逾期未更新目录');
  });
});
